#!/usr/bin/env bash
# Benchmark: render cost as a folder grows, 1,000 / 10,000 / 100,000 small manifests in one folder of a Git
# commit, rendered from the engine's repository cache (RenderScaleBenchmark in the test sources).
#
#   engine/bench/render-scale.sh                 # from the repository root, or from anywhere
#   MAVEN_ARGS=-o engine/bench/render-scale.sh   # offline Maven
#   JAVA_OPTS="-Dbench.renderRuns=5 -Dbench.largeFiles=50000" engine/bench/render-scale.sh
#
# The generated repositories are cached in engine/target/bench/; `mvn clean` removes them. Prints BENCH
# key=value lines: render_files_10k_over_1k_ratio (linear is 10) and render_100k_files_seconds.
set -euo pipefail

engine="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$engine/target/bench"
mkdir -p "$work"

# shellcheck disable=SC2086 # MAVEN_ARGS holds several words on purpose
mvn -B -q -Dstyle.color=never ${MAVEN_ARGS:-} -f "$engine/pom.xml" test-compile
# shellcheck disable=SC2086
mvn -B -q -Dstyle.color=never ${MAVEN_ARGS:-} -f "$engine/pom.xml" dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt"

# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -Xmx1g \
    -cp "$engine/target/test-classes:$engine/target/classes:$(cat "$work/classpath.txt")" \
    io.jenkins.plugins.gitops.engine.bench.RenderScaleBenchmark "$work"
