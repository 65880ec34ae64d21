#!/usr/bin/env bash
# The model benchmark of the segflow-ml issue, in one run:
#  1. scoring 1M customers x 8 features with a k-means model three ways (ratios printed):
#     Tribuo predict in the JVM, the model compiled to SQL in DuckDB, and pull-score-push (Appender back);
#  2. peak heap of `segflow build` (the example project, all segments incl. the model segments of
#     segments/models.yml) at 100k vs 1M customers, read from the JVM's GC log (heap used before each GC;
#     the maximum is the peak) plus the heap in use at exit.
# Usage: bench/models_benchmark.sh [scoring_rows=1000000] [small=100000] [large=1000000]
# Builds what it needs through the reactor. Scratch goes to bench/work/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
rows="${1:-1000000}"; small="${2:-100000}"; large="${3:-1000000}"
jar="$here/runner/segflow-cli/target/segflow-all.jar"
mvn -B -q ${BENCH_MVN_OPTS:-} -DskipTests package -pl runner/segflow-cli -am >&2
# through the reactor (-am): sibling modules resolve to their target/classes, nothing is installed into ~/.m2
mvn -B -q ${BENCH_MVN_OPTS:-} -pl runner/segflow-ml -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath >&2

echo "== scoring ${rows} rows x 8 features (k-means, k=5) =="
cp="runner/segflow-ml/target/test-classes:runner/segflow-ml/target/classes:$(cat runner/segflow-ml/target/bench.classpath)"
java -Xmx${BENCH_HEAP:-4g} -cp "$cp" io.segflow.ml.bench.ScoringBenchmark "$rows"

build_heap() { # customers -> prints seconds, peak heap used (MB), heap at exit
  local n="$1" dir="$here/bench/work/models_$1"
  rm -rf "$dir"; mkdir -p "$dir"
  for e in segflow_project.yml profiles.yml features seeds segments macros tests; do
    [ -e "$e" ] && cp -r "$e" "$dir/"
  done
  sed -i "s/customers: 10000/customers: $n/" "$dir/profiles.yml"
  # generate the data first so the measured build is the build itself
  java -jar "$jar" generate --customers "$n" --project-dir "$dir" >/dev/null 2>&1
  local start end
  start=$(date +%s.%N)
  java -Xmx${BUILD_HEAP:-6g} -Xlog:gc:file="$dir/gc.log" -jar "$jar" build --project-dir "$dir" > "$dir/build.log" 2>&1 \
    || { echo "build at $n failed, see $dir/build.log" >&2; tail -5 "$dir/build.log" >&2; }
  end=$(date +%s.%N)
  local peak
  peak=$(grep -oE ' [0-9]+M->[0-9]+M\([0-9]+M\)' "$dir/gc.log" | sed -E 's/ ([0-9]+)M->.*/\1/' | sort -n | tail -1)
  local secs
  secs="$(echo "$end - $start" | bc)"
  printf "%9d customers: build %6.1fs, peak heap used %5s MB (GC log), %s\n" "$n" "$secs" \
    "${peak:-?}" "$(grep -E 'done in' "$dir/build.log" | tail -1 | sed 's/^.*done in/done in/')"
  result+=" build_s_$n=$(printf '%.1f' "$secs") peak_heap_mb_$n=${peak:-unknown}"
}

echo "== peak heap of segflow build =="
result=""
build_heap "$small"
build_heap "$large"
echo "RESULT scoring_rows=$rows$result"
