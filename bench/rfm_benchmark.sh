#!/usr/bin/env bash
# RFM on N synthetic customers (default 1,000,000): segflow's segment node (staging + atomic membership/history
# write) against the same compiled SQL run directly on DuckDB via JDBC (CREATE TABLE AS). Prints both and the ratio.
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
direct=$(java -cp "$jar" "$here/RfmDirect.java" target/bench.duckdb target/compiled/dev/segments/rfm.sql 3)
echo "direct DuckDB (best of 3): ${direct}s"
python3 - "$first" "$best" "$direct" <<'PY'
import sys
first, rerun, direct = map(float, sys.argv[1:])
print(f"ratio first run (creates history): {first / direct:.2f}x; ratio unchanged re-run: {rerun / direct:.2f}x")
print(f"RESULT benchmark=rfm first_s={first:.2f} rerun_s={rerun:.2f} direct_s={direct:.2f} "
      f"ratio_first={first / direct:.2f} ratio_rerun={rerun / direct:.2f}")
PY
