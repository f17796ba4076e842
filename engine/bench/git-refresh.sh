#!/usr/bin/env bash
# Benchmark: a no-op refresh of an up-to-date repository cache next to a fresh clone, through the
# engine's RepositoryCache and a local smart-HTTP server (GitRefreshBenchmark in the test sources).
#
#   engine/bench/git-refresh.sh            # from the repository root, or from anywhere
#   MAVEN_ARGS=-o engine/bench/git-refresh.sh   # offline Maven
#   JAVA_OPTS="-Dbench.cloneRuns=5 -Dbench.refreshRuns=50" engine/bench/git-refresh.sh
#
# The generated repository (>= 50 MB, 5,000 commits) is cached in engine/target/bench/ and reused;
# `mvn clean` removes it. Prints BENCH key=value lines.
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
exec java ${JAVA_OPTS:-} -Xmx512m \
    -cp "$engine/target/test-classes:$engine/target/classes:$(cat "$work/classpath.txt")" \
    io.jenkins.plugins.gitops.engine.bench.GitRefreshBenchmark "$work"
