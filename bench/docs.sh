#!/usr/bin/env bash
# `segflow docs` on the repository's example project, against `segflow compile` of the same project measured in
# this same script (both through the launcher, new JVM each, median of N runs):
#   docs_s     the site from existing artifacts (target/manifest.json + compiled SQL)
#   docs_compile_s  `segflow docs --compile` (compile, then the site), what a first run costs
#   bench/docs.sh [runs]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
segflow="$here/segflow"
"$segflow" --version >/dev/null          # builds the jar when stale
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export SEGFLOW_SKIP_BUILD=1
for entry in segflow_project.yml profiles.yml features seeds segments macros tests; do cp -r "$here/$entry" "$work/"; done
cd "$work"

seconds() {  # wall seconds of one command, output discarded
  /usr/bin/time -f "%e" -o "$work/time" "$@" >/dev/null 2>&1
  cat "$work/time"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
runs_of() { for _ in $(seq "$runs"); do seconds "$@"; done | median; }

"$segflow" docs --compile >/dev/null     # fails loudly here if the site cannot be built
compile=$(runs_of "$segflow" compile)
docs=$(runs_of "$segflow" docs)
docs_compile=$(runs_of "$segflow" docs --compile)
size=$(stat -c %s target/docs/index.html)
echo "median of $runs runs on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "segflow compile             ${compile}s"
echo "segflow docs (artifacts)    ${docs}s  $(echo "scale=2; $docs / $compile" | bc)x compile"
echo "segflow docs --compile      ${docs_compile}s  $(echo "scale=2; $docs_compile / $compile" | bc)x compile"
echo "target/docs/index.html      $size bytes"
echo "RESULT docs_s=$docs docs_compile_s=$docs_compile compile_s=$compile docs_ratio=$(echo "scale=2; $docs / $compile" | bc)" \
  "site_bytes=$size"
