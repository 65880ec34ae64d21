#!/usr/bin/env bash
# Same-JVM A/B of the compile: a base commit (default: HEAD~1) against the working tree, in alternating turns.
#   bench/ab.sh [base-ref] [turns=200] [threads=0: all cores]
# Builds the working tree and the base (a git worktree under bench/work/ab-base; BENCH_MVN_OPTS=-o for offline), then runs
# bench/CompileAB.java. Ends with RESULT ab_base_ms=.. ab_head_ms=.. ab_ratio=.. (head/base; below 1 is faster).
# Use it for changes too small to see between separate JVMs; record figures in bench/RESULTS.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
base_ref="${1:-HEAD~1}"; turns="${2:-200}"; threads="${3:-0}"
module=runner/segflow-cli
build() { (cd "$1" && mvn -B -q ${BENCH_MVN_OPTS:-} -pl "$module" -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath >&2); }
[ -n "${BENCH_SKIP_BUILD:-}" ] || build "$here"
base="$here/bench/work/ab-base"
sha="$(git rev-parse "$base_ref")"
# only a worktree of its own is checked out again: "git -C" on a plain folder would act on this checkout
if [ -e "$base/.git" ]; then git -C "$base" checkout -q --detach "$sha"
else rm -rf "$base"; git worktree prune; git worktree add -q --detach "$base" "$sha"; fi
build "$base"
# each side: its own runner/*/target/classes; the runner class comes from the working tree's benchmark classes
dirs() { find "$1/runner" -maxdepth 3 -path '*/target/classes' -type d | sort | paste -sd: ; }
runner="$here/$module/target/test-classes"
shared="$(tr ':' '\n' < "$module/target/bench.classpath" | grep -v "/runner/" | paste -sd:)"
project="$here/bench/work/compile-project"
[ -f "$project/segflow_project.yml" ] || java -cp "$runner:$(dirs "$here"):$shared" io.segflow.bench.CompileABRun "$project"
echo "base $(git rev-parse --short "$sha") vs working tree $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes')"
exec java -Xmx${BENCH_HEAP:-6g} -cp "$shared" bench/CompileAB.java "$project" "$threads" "$turns" \
    "$runner:$(dirs "$base")" "$runner:$(dirs "$here")"
