#!/usr/bin/env bash
# run-benchmark.sh <main class> <max heap>: compiles the engine's test sources, then runs one benchmark class of
# engine/src/test/java/.../bench with the test classpath and engine/target/bench as its work folder. The scripts
# beside it call this; MAVEN_ARGS (e.g. -o) and JAVA_OPTS pass through.
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
exec java ${JAVA_OPTS:-} "-Xmx$2" \
    -cp "$engine/target/test-classes:$engine/target/classes:$(cat "$work/classpath.txt")" \
    "io.jenkins.plugins.gitops.engine.bench.$1" "$work"
