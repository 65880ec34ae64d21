#!/usr/bin/env bash
# Runs one of the benchmarks (Java mains in the test sources) on a built checkout.
#   bench/run.sh build [customers] [workdir] [repeats] [threads]   segflow run vs the same SQL directly on DuckDB
#   bench/run.sh scoring [rows]         Tribuo k-means vs SQL scoring vs pull-score-push
#   bench/run.sh compile [features] [segments]   load+validate+compile to 3 dialects vs Calcite parse only
#   bench/run.sh membership [entities]  membership write-back rows/s vs the DuckDB Appender alone
#   bench/run.sh assign [entities]      experiment assignment (first run, re-run with churn) vs the bare hash query
#   bench/run.sh startup [runs]         segflow compile on the init template vs segflow --version, new JVMs
#   bench/run.sh audiences [customers]  audience set, overlap matrix and export vs rules segment / count / DuckDB COPY
#   bench/rfm_benchmark.sh [customers]  RFM segment through segflow vs the same SQL directly on DuckDB
# Results go to stdout; record them in bench/RESULTS.md with the machine description.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
which="${1:-build}"; shift || true
[ "$which" = startup ] && exec "$here/bench/startup.sh" "$@"
case "$which" in
  build)   module=runner/segflow-cli; main=io.segflow.cli.BuildBenchmark ;;
  scoring) module=runner/segflow-ml;  main=io.segflow.ml.bench.ScoringBenchmark ;;
  compile) module=runner/segflow-cli; main=io.segflow.bench.CompileBenchmark ;;
  membership) module=runner/segflow-cli; main=io.segflow.bench.MembershipWriteBenchmark ;;
  assign) module=runner/segflow-experiments; main=io.segflow.experiment.bench.AssignmentBenchmark ;;
  audiences) module=runner/segflow-audiences; main=io.segflow.audience.bench.AudienceBenchmark ;;
  *) echo "unknown benchmark '$which' (build, scoring, compile, membership, assign, audiences)" >&2; exit 2 ;;
esac
# through the reactor (-am): sibling modules resolve to their target/classes, nothing is installed into ~/.m2
[ -n "${BENCH_SKIP_BUILD:-}" ] || mvn -B -q ${BENCH_MVN_OPTS:-} -pl "$module" -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath >&2
cp="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")"
exec java -Xmx${BENCH_HEAP:-4g} -cp "$cp" "$main" "$@"
