package io.jenkins.plugins.gitops.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.ApiServerAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gitops-sync demo} from start to end: it starts its own API server (beside the one the other
 * integration tests share), or with {@code --kubeconfig} uses that shared one in a namespace of its own, and
 * must finish having found and healed the drift it made.
 */
@ExtendWith(RealApiServer.class)
class DemoCommandIT {

    private static final Pattern REMOVED = Pattern.compile("Stopped the API server and removed (\\S+)\\.\n$");
    private static final Pattern CREATED = Pattern.compile("created namespace (gitops-sync-demo-[a-z0-9]+)\\.");

    @TempDir
    Path temp;

    /** One run for both checks: each run starts an API server of its own. */
    @Test
    void shouldHealTheDriftItMakesAndLeaveNothingBehind() {
        CliRun run = Cli.run("demo");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Step 1/7: Start a Kubernetes API server", "kube-apiserver 1.20.2",
                        "(exit code 1: drift found)", "(exit code 1: conflicts)", "Sync status: Synced")
                .contains("Healed: the drift was found and healed");
        assertThat(run.err()).isEmpty();
        Matcher removed = REMOVED.matcher(run.out());
        assertThat(removed.find()).as("names its temporary folder").isTrue();
        assertThat(Path.of(removed.group(1))).doesNotExist();
    }

    @Test
    void shouldRunTheStoryOnAnExistingClusterInANamespaceItCreatesAndDeletes(ApiServerAccess access,
            KubernetesClient admin) throws IOException {
        Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), access.kubeconfigYaml());

        CliRun run = Cli.run("demo", "--kubeconfig", kubeconfig.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Step 1/7: Use your cluster, in a namespace of its own",
                "(exit code 1: drift found)", "Healed: the drift was found and healed")
                .doesNotContain("Start a Kubernetes API server");
        Matcher created = CREATED.matcher(run.out());
        assertThat(created.find()).as("names the namespace it created").isTrue();
        String namespace = created.group(1);
        assertThat(run.out()).contains("--namespace " + namespace, "Deleted the namespace " + namespace + " and removed");
        // This API server runs no namespace controller: a deleted namespace stays Terminating here.
        Namespace left = admin.namespaces().withName(namespace).get();
        assertThat(left == null || left.getMetadata().getDeletionTimestamp() != null)
                .as("namespace %s deleted", namespace).isTrue();
    }
}
