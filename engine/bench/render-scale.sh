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

exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" RenderScaleBenchmark 1g
