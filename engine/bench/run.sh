#!/usr/bin/env bash
# Reconcile benchmarks, side by side with `kubectl diff --server-side`, on a real kube-apiserver, in a warm
# JVM (the engine as Jenkins runs it) and as fresh `gitops-sync` processes (the command line as a user starts it):
#   engine/bench/run.sh                  # from anywhere; MAVEN_ARGS=-o for offline Maven
#   KUBECTL=/path/to/kubectl engine/bench/run.sh
# The newest kubectl on the machine is used (not kubectl 1.20: its client-side rate limit measures nothing
# but itself). Ends with one `BENCH name=value` line per figure. Also runs the Git refresh and render scale
# benchmarks.
set -euo pipefail

engine="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$engine/target/bench"
mkdir -p "$work"
kubectl="${KUBECTL:-$(command -v kubectl || true)}"
[[ -n "$kubectl" ]] || { echo "kubectl: not found on PATH; set KUBECTL to a kubectl 1.21 or newer" >&2; exit 2; }

# The same provisioning as the integration tests: kube-apiserver for kube-api-test.
bash "$engine/src/test/provide-kube-apiserver.sh" "${KUBE_API_TEST_API_SERVER_VERSION:-1.20.2}"
export KUBE_API_TEST_API_SERVER_VERSION="${KUBE_API_TEST_API_SERVER_VERSION:-1.20.2}"

# package: the command line's jar too, which the launcher would otherwise build in the first timed run.
# shellcheck disable=SC2086 # MAVEN_ARGS holds several words on purpose
mvn -B -q -Dstyle.color=never ${MAVEN_ARGS:-} -f "$engine/pom.xml" package -DskipTests
# shellcheck disable=SC2086
mvn -B -q -Dstyle.color=never ${MAVEN_ARGS:-} -f "$engine/pom.xml" dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt"
classpath="$engine/target/test-classes:$engine/target/classes:$(cat "$work/classpath.txt")"
# Quiet the API server's and the clients' logs: the figures are what matters here.
logging="$work/logging.properties"
printf '.level=WARNING\nhandlers=java.util.logging.ConsoleHandler\n' > "$logging"

java -Xmx1g -Djava.util.logging.config.file="$logging" -cp "$classpath" \
    io.jenkins.plugins.gitops.engine.bench.ReconcileBenchmark "$work" "$kubectl" "$classpath"
# A fresh `gitops-sync diff` process per run next to a fresh `kubectl diff --server-side`, through the
# top-level launcher as a user runs it (its JVM options and class-data archive included).
java -Xmx512m -Djava.util.logging.config.file="$logging" -cp "$classpath" \
    io.jenkins.plugins.gitops.engine.bench.CliColdStartBenchmark "$work" "$kubectl" "$engine/../gitops-sync"
"$engine/bench/git-refresh.sh"
"$engine/bench/render-scale.sh"
