package io.jenkins.plugins.gitops.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.ApiServerAccess;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestNamespace;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.pipeline.ClusterStep;
import io.jenkins.plugins.gitops.engine.pipeline.EnvironmentPipeline;
import io.jenkins.plugins.gitops.engine.pipeline.LoadedFiles;
import io.jenkins.plugins.gitops.engine.pipeline.PipelineRequest;
import io.jenkins.plugins.gitops.engine.pipeline.PipelineRun;
import io.jenkins.plugins.gitops.engine.render.ExecutableFinder;
import io.jenkins.plugins.gitops.engine.render.HelmOptions;
import io.jenkins.plugins.gitops.engine.render.HelmRenderer;
import io.jenkins.plugins.gitops.engine.render.HelmTool;
import io.jenkins.plugins.gitops.engine.render.KustomizeRenderer;
import io.jenkins.plugins.gitops.engine.render.ManifestRenderer;
import io.jenkins.plugins.gitops.engine.render.PlainRenderer;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.source.LocalDirectoryTree;
import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Helm renders as the target cluster: a chart sees the API server's version as {@code .Capabilities.KubeVersion},
 * and a chart whose {@code kubeVersion} constraint Helm's built-in default (v1.20.0) would fail renders against a
 * cluster that meets it, as Argo CD passes the destination's version to {@code helm template}. The API versions the
 * server serves (discovery) reach the render too: the helm binary gets them as {@code --api-versions}, and
 * helm-java, which cannot take them, warns where the chart asks about one of them.
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

    @Test
    void shouldTellWhereHelmJavaCannotAnswerWithTheClustersApiVersions(ApiServerAccess access, TestNamespace namespace)
            throws IOException {
        Path chart = Files.createDirectories(temp.resolve(namespace.name()).resolve("templates")).getParent();
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: deployments\nversion: 1.0.0\n");
        Files.writeString(chart.resolve("templates/capabilities.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: capabilities
                data:
                  deployments: {{ .Capabilities.APIVersions.Has "apps/v1/Deployment" | quote }}
                """);
        Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), access.kubeconfigYaml());

        CliRun run = Cli.run("diff", chart.toString(), "--kubeconfig", kubeconfig.toString(), "--namespace",
                namespace.name());

        // The cluster serves apps/v1 Deployments: discovery said so, the bundled Helm cannot be told.
        assertThat(run.err()).as(run.toString()).contains(chart + "/templates/capabilities.yaml:6: "
                + ".Capabilities.APIVersions.Has \"apps/v1/Deployment\" is false with helm-java, although "
                + "apps/v1/Deployment is among the cluster's API versions");
    }

    @Test
    void shouldGiveTheHelmBinaryTheClustersVersionAndApiVersions(ApiServerAccess access, TestNamespace namespace,
            KubernetesClient admin) throws IOException {
        Path chart = Files.createDirectories(temp.resolve("repo/chart"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: chart\nversion: 1.0.0\n");
        Path arguments = temp.resolve("arguments.txt");
        Path helm = Files.createDirectories(temp.resolve("bin")).resolve("helm");
        // A stand-in for helm that records its arguments and prints one object.
        Files.writeString(helm, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + arguments + "'\n"
                + "printf -- '---\\n# Source: chart/templates/cm.yaml\\napiVersion: v1\\nkind: ConfigMap\\n"
                + "metadata:\\n  name: from-helm\\n'\n");
        helm.toFile().setExecutable(true);
        ExecutableFinder finder = new ExecutableFinder(helm.getParent().toString());
        EnvironmentPipeline pipeline = new EnvironmentPipeline(new ManifestRenderer(new PlainRenderer(),
                new KustomizeRenderer(finder), new HelmRenderer(finder)));
        LoadedFiles files = new LoadedFiles(new LocalDirectoryTree(temp.resolve("repo")), "chart", "repo", null, null);
        PipelineRequest request = new PipelineRequest("helm-binary", SyncPolicy.defaults(), Mode.PREVIEW,
                ns -> RenderOptions.defaults().withHelm(HelmOptions.defaults().withTool(HelmTool.BINARY)
                        .withNamespace(ns)), List.of(), List.of());
        ClusterStep cluster = () -> {
            ClusterConnection connection = ClusterConnection.fromKubeconfig(access.kubeconfigYaml(), null);
            return new ClusterStep.Session() {
                @Override
                public ClusterConnection connection() {
                    return connection;
                }

                @Override
                public String namespace() {
                    return namespace.name();
                }

                @Override
                public void close() {
                    connection.close();
                }
            };
        };

        PipelineRun run = pipeline.run(request, listener -> files, cluster, line -> { }, warning -> { });

        assertThat(run.failure()).isEmpty();
        List<String> passed = Files.readAllLines(arguments);
        String gitVersion = admin.getKubernetesVersion().getGitVersion();
        assertThat(passed).containsSequence("--kube-version", HelmOptions.defaults().withKubeVersion(gitVersion)
                .kubeVersion());
        // What the test API server serves: group/versions, and each with its kinds.
        assertThat(passed).containsSequence("--api-versions", "v1")
                .containsSequence("--api-versions", "v1/ConfigMap")
                .containsSequence("--api-versions", "apps/v1")
                .containsSequence("--api-versions", "apps/v1/Deployment")
                .doesNotContain("apps/v1/deployments/status", "example.com/v1");
    }
}
