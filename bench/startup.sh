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

seconds() {  # wall seconds of one command, output discarded
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo "scale=3; ($end - $start) / 1000000000" | bc
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

archive="$here/runner/segflow-cli/target/segflow-all.jsa"
saved="$work/saved.jsa"
[ -f "$archive" ] && mv "$archive" "$saved"
first=$(seconds "$segflow" --version)     # recreates the archive (training run) before running
[ -f "$archive" ] || [ ! -f "$saved" ] || cp "$saved" "$archive"

"$segflow" init "$work/proj" >/dev/null
cd "$work/proj"
"$segflow" compile >/dev/null              # fails loudly here if the template does not compile
version=$(for _ in $(seq "$runs"); do seconds "$segflow" --version; done | median)
compile=$(for _ in $(seq "$runs"); do seconds "$segflow" compile; done | median)
no_cds=$(for _ in $(seq "$runs"); do SEGFLOW_NO_CDS=1 seconds "$segflow" compile; done | median)
ratio=$(echo "scale=2; $compile / $version" | bc)
echo "median of $runs runs on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "segflow --version               ${version}s"
echo "segflow compile (init template) ${compile}s  (${ratio}x --version)"
echo "segflow compile without archive ${no_cds}s"
echo "first run after a build (creates the archive) ${first}s"
echo "RESULT compile_template_s=$compile version_s=$version ratio=$ratio compile_no_cds_s=$no_cds first_run_s=$first"
