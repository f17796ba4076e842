package io.jenkins.plugins.gitops.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.ApiServerAccess;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestNamespace;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code gitops-sync status}: sync status, health and counts, and the objects that differ. */
@ExtendWith(RealApiServer.class)
class StatusCommandIT {

    @TempDir
    Path temp;

    private TestEnvironment environment;

    @BeforeEach
    void createEnvironment(ApiServerAccess access, TestNamespace namespace, KubernetesClient admin) {
        environment = new TestEnvironment(access, namespace, admin, temp, "cli/web");
    }

    @Test
    void shouldSaySyncedAndExitWithZeroAfterASync() {
        environment.run("sync");

        CliRun run = environment.run("status");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).endsWith("""
                Sync status: Synced (the cluster matches Git)
                Health:      Progressing (3 objects: 2 Healthy, 1 Progressing)
                Objects:     3 (3 unchanged)
                """).doesNotContain("KIND");
    }

    @Test
    void shouldSayOutOfSyncAndListOnlyTheObjectsThatDiffer() {
        environment.run("sync");
        environment.editAsKubectl(environment.admin().configMaps().inNamespace(environment.namespace())
                .withName("web-settings"), "{\"data\":{\"GREETING\":\"changed by hand\"}}");

        CliRun run = environment.run("status");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).containsPattern("ConfigMap +\\S+ +web-settings +configure")
                .doesNotContainPattern("Deployment +\\S+ +web ")
                .contains("Sync status: OutOfSync (1 of 3 objects differs from Git)")
                .contains("Objects:     3 (1 to configure, 2 unchanged)");
    }
}
