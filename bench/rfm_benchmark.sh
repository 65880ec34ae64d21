#!/usr/bin/env bash
# RFM on N synthetic customers (default 1,000,000): segflow's segment node (staging + atomic membership/history
# write), the node's own time from run_results.json in a new JVM per run, against the same compiled SQL run
# directly on DuckDB via JDBC (CREATE TABLE AS) by a new JVM per run. Prints both and the ratios.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/../runner/segflow-cli/target/segflow-all.jar"
customers="${1:-1000000}"
[ -f "$jar" ] || (cd "$here/.." && mvn -q -DskipTests package -pl runner/segflow-cli -am)
cd "$here/rfm_project"
rm -rf target
java -jar "$jar" generate --customers "$customers" > /dev/null
orders=$(java -cp "$jar" "$here/RfmCount.java" target/bench.duckdb)
echo "customers: $customers, orders: $orders"
best=""
for run in 1 2 3; do
  rm -f target/run_results.json
  # first run creates the membership tables; the data is then unchanged, so the later runs compare and record only
  java -jar "$jar" run --select segment.rfm > /dev/null
  s=$(python3 -c "import json;print([r['execution_seconds'] for r in json.load(open('target/run_results.json'))['results'] if r['unique_id']=='segment.rfm'][0])")
  echo "segflow segment.rfm run $run: ${s}s"
  if [ "$run" = 1 ]; then first="$s"; fi
  best="$s"
done
# Like for like: each segflow run is a new JVM that opens the database and runs the node once, so the baseline is
# the same SQL run once by a new JVM that has just opened the database (median of 3 processes). The best of 3
# repeats inside one JVM (DuckDB's buffers warm) is printed too, as direct_warm_s.
cold=()
for run in 1 2 3; do
  cold+=("$(java -cp "$jar" "$here/RfmDirect.java" target/bench.duckdb target/compiled/dev/segments/rfm.sql 1)")
done
warm=$(java -cp "$jar" "$here/RfmDirect.java" target/bench.duckdb target/compiled/dev/segments/rfm.sql 3)
echo "direct DuckDB, new JVM each: ${cold[*]}s; best of 3 in one JVM: ${warm}s"
python3 - "$first" "$best" "$warm" "${cold[@]}" <<'PY'
import statistics, sys
first, rerun, warm = map(float, sys.argv[1:4])
direct = statistics.median(map(float, sys.argv[4:]))
print(f"ratio first run (creates history): {first / direct:.2f}x; ratio unchanged re-run: {rerun / direct:.2f}x")
print(f"RESULT benchmark=rfm first_s={first:.2f} rerun_s={rerun:.2f} direct_s={direct:.2f} "
      f"ratio_first={first / direct:.2f} ratio_rerun={rerun / direct:.2f} direct_warm_s={warm:.2f} "
      f"ratio_first_warm={first / warm:.2f}")
PY
