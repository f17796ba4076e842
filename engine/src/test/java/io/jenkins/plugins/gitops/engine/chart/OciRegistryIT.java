package io.jenkins.plugins.gitops.engine.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.render.HelmOptions;
import io.jenkins.plugins.gitops.engine.render.ManifestRenderer;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.render.RenderResult;
import io.jenkins.plugins.gitops.engine.render.RendererKind;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.source.LocalDirectoryTree;
import io.jenkins.plugins.gitops.engine.source.SourceException.Reason;
import io.jenkins.plugins.gitops.engine.testing.charts.ChartRepositoryServer;
import io.jenkins.plugins.gitops.engine.testing.charts.DockerRegistry;
import io.jenkins.plugins.gitops.engine.testing.charts.OciUpload;
import io.jenkins.plugins.gitops.engine.testing.charts.TarGz;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Charts from a real OCI registry: Debian's docker-registry (CNCF distribution) on loopback, once anonymous and
 * once with htpasswd authentication, holding charts pushed as {@code helm push} pushes them.
 */
class OciRegistryIT {

    @TempDir
    static Path shared;

    @TempDir
    Path temp;

    private static DockerRegistry anonymous;
    private static DockerRegistry authenticated;

    @BeforeAll
    static void startRegistries() throws Exception {
        anonymous = DockerRegistry.start(Files.createDirectories(shared.resolve("anonymous")), false);
        authenticated = DockerRegistry.start(Files.createDirectories(shared.resolve("authenticated")), true);
        OciUpload upload = new OciUpload(anonymous.host(), null, null);
        for (String version : List.of("1.0.0", "1.1.0", "1.2.0+build.7", "2.0.0-rc.1")) {
            upload.pushChart("charts/web", "web", version, TarGz.chart("web", version));
        }
        upload.push("images/app", "1.0.0", "application/vnd.oci.image.config.v1+json", "{}".getBytes(StandardCharsets.UTF_8),
                "application/vnd.oci.image.layer.v1.tar+gzip", new TarGz().file("bin/app", "x").gzip());
        new OciUpload(authenticated.host(), DockerRegistry.USER, DockerRegistry.PASSWORD)
                .pushChart("private/web", "web", "1.0.0", TarGz.chart("web", "1.0.0"));
    }

    @AfterAll
    static void stopRegistries() {
        if (anonymous != null) {
            anonymous.close();
        }
        if (authenticated != null) {
            authenticated.close();
        }
    }

    private ChartFetcher fetcher() {
        return new ChartFetcher(new ChartCache(temp.resolve("cache"), 1 << 20), ArchiveLimits.defaults(),
                ChartFetcher.DEFAULT_TIMEOUT);
    }

    private static ChartReference web(String version) {
        return new ChartReference("oci://" + anonymous.host() + "/charts", "web", version, null, true);
    }

    @Test
    void resolvesTheTagsAsVersionsAndDownloadsTheChartLayerByDigest() throws Exception {
        ResolvedChart chart = fetcher().fetch(web("~1.1"), ChartCredentials.anonymous());

        assertThat(chart.version()).isEqualTo("1.1.0");
        assertThat(chart.digest()).isEqualTo("sha256:" + ChartRepositoryServer.sha256(TarGz.chart("web", "1.1.0")));
        assertThat(fetcher().fetch(web(""), ChartCredentials.anonymous()).version())
                .as("latest stable; '+' is '_' in a tag").isEqualTo("1.2.0+build.7");
        assertThat(fetcher().fetch(web(">=2.0.0-0"), ChartCredentials.anonymous()).version()).isEqualTo("2.0.0-rc.1");
    }

    @Test
    void takesTheChartNameFromTheUrlWhenNoneIsGiven() throws Exception {
        ResolvedChart chart = fetcher().fetch(new ChartReference("oci://" + anonymous.host() + "/charts/web", "",
                "1.0.0", null, true), ChartCredentials.anonymous());

        assertThat(chart.version()).isEqualTo("1.0.0");
        assertThat(chart.reference().chartName()).isEqualTo("web");
    }

    @Test
    void servesAPinFromTheCacheAndRefusesAnotherDigest() throws Exception {
        ChartFetcher fetcher = fetcher();
        ResolvedChart first = fetcher.fetch(web("1.0.0"), ChartCredentials.anonymous());

        assertThat(fetcher.fetch(first.pin(), ChartCredentials.anonymous()).fromCache()).isTrue();
        ChartReference wrongPin = web("1.0.0").pinnedTo("1.0.0", "sha256:" + "ab".repeat(32));
        assertThatThrownBy(() -> fetcher.fetch(wrongPin, ChartCredentials.anonymous()))
                .hasMessageContaining(": version 1.0.0 now has the digest " + first.digest() + ", not the pinned sha256:"
                        + "ab".repeat(32) + ": the chart was replaced under the same version");
    }

    @Test
    void refusesAnArtifactThatIsNoChart() {
        ChartReference image = new ChartReference("oci://" + anonymous.host() + "/images", "app", "1.0.0", null, true);

        assertThatThrownBy(() -> fetcher().fetch(image, ChartCredentials.anonymous()))
                .isInstanceOf(ChartException.class)
                .hasMessage("chart app from oci://" + anonymous.host() + "/images: " + anonymous.host()
                        + "/images/app:1.0.0 is not a Helm chart (config application/vnd.oci.image.config.v1+json,"
                        + " layers application/vnd.oci.image.layer.v1.tar+gzip); point to a chart pushed with"
                        + " 'helm push'");
    }

    @Test
    void namesAMissingChartAndTheNearestVersions() {
        assertThatThrownBy(() -> fetcher().fetch(new ChartReference("oci://" + anonymous.host() + "/charts", "api", "",
                null, true), ChartCredentials.anonymous()))
                .hasMessage("chart api from oci://" + anonymous.host() + "/charts: http://" + anonymous.host()
                        + "/v2/charts/api/tags/list answered HTTP 404: the registry has no chart at "
                        + anonymous.host() + "/charts/api; check the URL and the chart name")
                .extracting(e -> ((ChartException) e).reason()).isEqualTo(Reason.REPOSITORY_NOT_FOUND);
        assertThatThrownBy(() -> fetcher().fetch(web("^3"), ChartCredentials.anonymous()))
                .hasMessageContaining("no version matches '^3'; nearest available: 2.0.0-rc.1, 1.2.0+build.7, 1.1.0,"
                        + " 1.0.0; change the version or range");
    }

    @Test
    void authenticatesToARegistryThatAsksForCredentials() throws Exception {
        ChartReference reference = new ChartReference("oci://" + authenticated.host() + "/private", "web", "1.0.0",
                null, true);

        assertThatThrownBy(() -> fetcher().fetch(reference, ChartCredentials.anonymous()))
                .hasMessageContaining("answered HTTP 401; the repository asks for credentials: give a user and password")
                .extracting(e -> ((ChartException) e).reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
        assertThatThrownBy(() -> fetcher().fetch(reference, new ChartCredentials(DockerRegistry.USER, "wrong", null)))
                .hasMessageContaining("the repository refused the credentials");
        assertThat(fetcher().fetch(reference, new ChartCredentials(DockerRegistry.USER, DockerRegistry.PASSWORD, null))
                .version()).isEqualTo("1.0.0");
    }

    @Test
    void rendersTheChartWithValuesFilesFromTheRepository() throws Exception {
        Path repository = Files.createDirectories(temp.resolve("repo"));
        Files.createDirectories(repository.resolve("values"));
        Files.writeString(repository.resolve("values/prod.yaml"), "greeting: hello from Git\n");
        ResolvedChart chart = fetcher().fetch(web("1.1.0"), ChartCredentials.anonymous());
        ChartOverlayTree tree = new ChartOverlayTree(new LocalDirectoryTree(repository), chart, temp.resolve("work"));

        RenderResult result = ManifestRenderer.withDefaults().render(tree, tree.chartPath(), RenderOptions.defaults()
                .withKind(RendererKind.HELM).withHelm(HelmOptions.defaults().withValuesFiles(List.of("values/prod.yaml"))
                        .withValues(Map.of("extra", "inline"))));

        assertThat(result.objects()).hasSize(1);
        KubeObject settings = result.objects().get(0);
        assertThat(settings.name()).isEqualTo("web-settings");
        assertThat(settings.manifest().path("data").path("greeting").asText()).isEqualTo("hello from Git");
        assertThat(settings.manifest().path("data").path("chartVersion").asText()).isEqualTo("1.1.0");
        assertThat(settings.origin().file()).isEqualTo("@charts/web/templates/settings.yaml");
        assertThat(tree.list("")).extracting(entry -> entry.path()).contains("values/prod.yaml",
                "@charts/web/Chart.yaml");
    }
}
