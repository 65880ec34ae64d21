#!/usr/bin/env bash
# CLI fixed cost in a new JVM: `segflow compile` on the `init` template vs `segflow --version`, both through the
# launcher (so with its class-data-sharing archive), median of N runs each, measured in this same script.
#   bench/startup.sh [runs]      (or bench/run.sh startup [runs])
# The first launcher run after a jar build creates the archive; it is timed separately as first_run_s.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
segflow="$here/segflow"
"$segflow" --version >/dev/null          # builds the jar when stale (mvn package) and the archive when missing
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export SEGFLOW_SKIP_BUILD=1

seconds() {  # "wall cpu" seconds of one command (cpu = user + system of the JVM), output discarded
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >/dev/null 2>&1
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' "$work/time"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
runs_of() { for _ in $(seq "$runs"); do seconds "$@"; done; }

archive="$here/runner/segflow-cli/target/segflow-all.jsa"
saved="$work/saved.jsa"
[ -f "$archive" ] && mv "$archive" "$saved"
first=$(seconds "$segflow" --version | cut -d' ' -f1)   # recreates the archive (training run) before running
[ -f "$archive" ] || [ ! -f "$saved" ] || cp "$saved" "$archive"

"$segflow" init "$work/proj" >/dev/null
cd "$work/proj"
"$segflow" compile >/dev/null              # fails loudly here if the template does not compile
runs_of "$segflow" --version >"$work/version"
runs_of "$segflow" compile >"$work/compile"
SEGFLOW_NO_CDS=1 runs_of "$segflow" compile >"$work/no_cds"
col() { cut -d' ' -f"$1" "$work/$2" | median; }
version=$(col 1 version); compile=$(col 1 compile); no_cds=$(col 1 no_cds)
best_version=$(cut -d' ' -f1 "$work/version" | sort -n | head -1); best_compile=$(cut -d' ' -f1 "$work/compile" | sort -n | head -1)
ratio=$(echo "scale=2; $compile / $version" | bc)
echo "median (and best) of $runs runs on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "segflow --version               wall ${version}s (best ${best_version}s)  cpu $(col 2 version)s"
echo "segflow compile (init template) wall ${compile}s (best ${best_compile}s)  cpu $(col 2 compile)s  ${ratio}x --version"
echo "segflow compile without archive wall ${no_cds}s  cpu $(col 2 no_cds)s"
echo "first run after a build (creates the archive) ${first}s"
echo "RESULT compile_template_s=$compile version_s=$version ratio=$ratio best_compile_s=$best_compile" \
  "best_version_s=$best_version compile_no_cds_s=$no_cds first_run_s=$first"
