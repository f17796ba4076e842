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

exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" GitRefreshBenchmark 512m
