#!/usr/bin/env bash
# Long run of the seed-reader fuzzer (runner/segflow-core/src/test/java/io/segflow/core/seed/CsvFuzzer.java):
# seeded mutations of real CSV/whitespace files (CDNOW, rfm orders, Online Retail, latin-1) and of the seed options
# (header, column_names, delimiter, encoding, null_values, formats, column_types). Every mutant must load or end in
# a positioned diagnostic; every FULL_EVERY-th also goes through seeds.yml, project load, compile and a DuckDB bulk
# load and must agree. Not a timing benchmark: the RESULT line counts mutants, crashes and hangs.
# Usage: bench/csv_fuzz.sh [MUTANTS=100000] [SEED=20261130] [FULL_EVERY=10]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cases="${1:-100000}"
seed="${2:-20261130}"
full_every="${3:-10}"
cd "$here/.."
log="$(mktemp)"
start=$(date +%s)
set +e
mvn -B -q -o -pl runner/segflow-core -am test -Dtest=CsvFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsegflow.csvfuzz.cases="$cases" -Dsegflow.csvfuzz.seed="$seed" -Dsegflow.csvfuzz.fullEvery="$full_every" > "$log" 2>&1
status=$?
set -e
elapsed=$(( $(date +%s) - start ))
grep -aE '^CsvFuzzTest outcomes|crashes, first ones|^case [0-9]+ ' "$log" | head -20 || true
echo "wall time: ${elapsed}s (2-core shared machine, loaded by parallel builds); failing mutants, if any, are kept in runner/segflow-core/target/csvfuzz-failures/"
line=$(grep -a '^RESULT csv_fuzz' "$log" || echo "RESULT csv_fuzz_seed=$seed mutants=$cases crashes=unknown")
rm -f "$log"
echo "$line test_exit=$status wall_s=$elapsed"
exit $status
