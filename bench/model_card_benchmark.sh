#!/usr/bin/env bash
# The cost of a model card (importance, permutation importance, ROC, lift) next to training, on synthetic rows.
# Usage: bench/model_card_benchmark.sh [rows=20000]. Builds through the reactor; nothing is installed into ~/.m2.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -B -q ${BENCH_MVN_OPTS:-} -pl runner/segflow-ml -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath >&2
cp="runner/segflow-ml/target/test-classes:runner/segflow-ml/target/classes:$(cat runner/segflow-ml/target/bench.classpath)"
java -Xmx${BENCH_HEAP:-2g} -cp "$cp" io.segflow.ml.bench.ModelCardBenchmark "${1:-20000}" 2>/dev/null
