package io.jenkins.plugins.gitops.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.ApiServerAccess;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Helm renders as the target cluster: a chart sees the API server's version as {@code .Capabilities.KubeVersion},
 * and a chart whose {@code kubeVersion} constraint Helm's built-in default (v1.20.0) would fail renders against a
 * cluster that meets it, as Argo CD passes the destination's version to {@code helm template}.
 */
@ExtendWith(RealApiServer.class)
class HelmCapabilitiesIT {

    @TempDir
    Path temp;

    @Test
    void shouldRenderAChartWithTheClustersKubernetesVersion(ApiServerAccess access, TestNamespace namespace,
            KubernetesClient admin) throws IOException {
        Path chart = Files.createDirectories(temp.resolve(namespace.name()).resolve("templates")).getParent();
        Files.writeString(chart.resolve("Chart.yaml"), """
                apiVersion: v2
                name: versioned
                version: 1.0.0
                kubeVersion: ">=1.20.1-0"
                """);
        Files.writeString(chart.resolve("templates/version.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: capabilities
                data:
                  kubeVersion: {{ .Capabilities.KubeVersion.Version | quote }}
                """);
        Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), access.kubeconfigYaml());

        CliRun run = Cli.run("sync", chart.toString(), "--kubeconfig", kubeconfig.toString(), "--namespace",
                namespace.name());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(admin.configMaps().inNamespace(namespace.name()).withName("capabilities").get().getData())
                .containsEntry("kubeVersion", admin.getKubernetesVersion().getGitVersion());
    }
}
