#!/usr/bin/env bash
# Peak memory of `segflow build` (the whole example project: seeds, features, tests, segments) at two data sizes,
# with a deliberately small fixed heap (-Xmx, default 256m) to show the runner's heap stays bounded as the
# data grows: DuckDB does the work in the warehouse, nothing but declared training samples is pulled into the JVM.
# Peak RSS includes DuckDB's own buffer memory (it runs embedded in the same process).
#   bench/scale.sh [customers...]      default: 45000 450000  (~1M and ~10M events)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
jar="$here/runner/segflow-cli/target/segflow-all.jar"
[ -f "$jar" ] || (cd "$here" && mvn -B -q -DskipTests package -pl runner/segflow-cli -am)
heap="${BENCH_HEAP:-256m}"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(45000 450000)
work="$here/bench/work"
mkdir -p "$work"
printf '%-10s %12s %10s %14s %12s\n' customers events heap "peak RSS (MB)" "build (s)"
result=""
for n in "${sizes[@]}"; do
  dir="$work/scale-$n"
  if [ ! -f "$dir/segflow_project.yml" ]; then
    mkdir -p "$dir"
    cp -r "$here"/segflow_project.yml "$here"/profiles.yml "$here"/features "$here"/seeds "$here"/segments "$here"/macros "$here"/tests "$dir"/
    sed -i "s/customers: 10000/customers: $n/" "$dir/profiles.yml"
  fi
  [ -f "$dir/target/dev.duckdb" ] || (cd "$dir" && java -jar "$jar" generate --customers "$n" > /dev/null)
  events=$(cd "$dir" && java -cp "$jar" "$here/bench/CountRows.java" target/dev.duckdb raw.events)
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$dir/time.txt" java -Xmx"$heap" -jar "$jar" build --full-refresh --project-dir "$dir" > "$dir/build.log" 2>&1
  end=$(date +%s.%N)
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$dir/time.txt")
  secs="$(echo "$end - $start" | bc)"
  printf '%-10s %12s %10s %14s %12.1f\n' "$n" "$events" "$heap" "$rss" "$secs"
  result+=" events_$n=$events peak_rss_mb_$n=$rss build_s_$n=$(printf '%.1f' "$secs")"
done
echo "RESULT heap=$heap$result"
