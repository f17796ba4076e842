package io.jenkins.plugins.gitops.engine.reliability;

import static io.jenkins.plugins.gitops.engine.testing.Manifests.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cli.GitOpsSyncCommand;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.ApiServerAccess;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestNamespace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What reaches the prune step decides what can be deleted, so bad input must never get there: a render
 * that fails, and a render that yields nothing, prune nothing, even with {@code --prune}. Run through the
 * command line, as a user would, because the guard against a failed render is where rendering and
 * reconciling meet, not inside the reconciler ({@code ReconcilerIT} covers the empty set there).
 */
@ExtendWith(RealApiServer.class)
class RenderFailurePruneIT {

    @TempDir
    Path temp;

    private KubernetesClient admin;
    private String namespace;
    private Path kubeconfig;
    private Path folder;
    private PruneSafety.Snapshot before;

    @BeforeEach
    void syncOnce(ApiServerAccess access, KubernetesClient client, TestNamespace testNamespace) throws IOException {
        admin = client;
        namespace = testNamespace.name();
        kubeconfig = Files.writeString(temp.resolve("kubeconfig"), access.kubeconfigYaml());
        folder = Files.createDirectories(temp.resolve(namespace)); // the folder's name is the environment's identity
        Files.writeString(folder.resolve("settings.yaml"), configMap("settings", "k", "v"));
        Files.writeString(folder.resolve("extra.yaml"), configMap("extra", "k", "v"));
        PruneSafety.plantForeignObjects(admin, namespace);
        assertThat(sync().exitCode()).isZero();
        before = PruneSafety.snapshot(admin, namespace);
    }

    private Run sync() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new picocli.CommandLine(new GitOpsSyncCommand())
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("sync", folder.toString(), "--kubeconfig", kubeconfig.toString(), "--namespace", namespace, "--prune");
        return new Run(exitCode, out + "\n" + err);
    }

    private record Run(int exitCode, String output) {
    }

    @Test
    void shouldPruneNothingWhenTheRenderFails() throws IOException {
        Files.delete(folder.resolve("extra.yaml"));
        Files.writeString(folder.resolve("settings.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n");

        Run run = sync();

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("settings.yaml").doesNotContain("pruned");
        assertThat(before.contains("ConfigMap/" + namespace + "/extra")).isTrue();
        before.assertNothingDeleted();
    }

    @Test
    void shouldPruneNothingWhenTheRenderYieldsNoObjects() throws IOException {
        Files.delete(folder.resolve("extra.yaml"));
        Files.delete(folder.resolve("settings.yaml"));

        Run run = sync();

        assertThat(run.output()).contains("not pruned: Git declares no objects at all");
        before.assertNothingDeleted();
    }
}
