package io.jenkins.plugins.gitops.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gitops-sync demo} where it cannot run: one message that says what is missing and how to get it. */
class DemoCommandTest {

    @TempDir
    Path emptyTestDir;

    /** A version nobody has, cannot download and cannot build: the case of a machine with none of the three. */
    @Test
    void shouldEndWithOneMessageNamingTheMissingServerAndTheWaysToGetItWhenNoneCanBeHad() {
        CliRun run = Cli.run(Map.of("KUBE_API_TEST_DIR", emptyTestDir.toString(),
                DemoCommand.VERSION_VARIABLE, "0.0.1"), "demo");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).contains("Step 1/7: Start a Kubernetes API server",
                "kube-apiserver 0.0.1 is not in " + emptyTestDir.resolve("k8s"));
        assertThat(run.err()).as("one message, no stack trace").startsWith("error: no kube-apiserver 0.0.1 to start:")
                .containsOnlyOnce("error:")
                .contains("kube-api-test could not download it",
                        "it cannot be built here: a build from Debian's sources gives only 1.20.2",
                        "Ways to get it:", "put kube-apiserver, etcd and kubectl 0.0.1 into " + emptyTestDir.resolve("k8s"),
                        "gitops-sync demo --kubeconfig <file>")
                .doesNotContain("Exception\n", "\tat ");
    }

    @Test
    void shouldSayWhichKubeconfigIsMissingWithoutStartingAnything() {
        CliRun run = Cli.run("demo", "--kubeconfig", emptyTestDir.resolve("nope.yaml").toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: --kubeconfig " + emptyTestDir.resolve("nope.yaml")
                + ": does not exist; check the path\n");
    }

    @Test
    void shouldRefuseAContextWithoutAKubeconfig() {
        CliRun run = Cli.run("demo", "--context", "prod");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).as("nothing started").isEmpty();
        assertThat(run.err()).startsWith("error: --context prod: the demo uses a context only on a cluster you name"
                + " with --kubeconfig <file>");
    }
}
