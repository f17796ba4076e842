package io.jenkins.plugins.gitops.engine.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.source.SourceException.Reason;
import io.jenkins.plugins.gitops.engine.testing.charts.ChartRepositoryServer;
import io.jenkins.plugins.gitops.engine.testing.charts.TarGz;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Charts from a real Helm chart repository served over HTTP on loopback: an index.yaml listing packaged charts with
 * their digests, and the archives, as {@code helm repo index} lays them out.
 */
class HelmRepositoryIT {

    @TempDir
    Path temp;

    private ChartRepositoryServer repository;
    private ChartFetcher fetcher;

    @BeforeEach
    void publishCharts() {
        repository = new ChartRepositoryServer();
        for (String version : new String[] {"1.0.0", "1.2.0", "1.3.0-rc.1", "2.0.0"}) {
            repository.publish("web", version, TarGz.chart("web", version));
        }
        fetcher = new ChartFetcher(new ChartCache(temp.resolve("cache"), 1 << 20), ArchiveLimits.defaults(),
                ChartFetcher.DEFAULT_TIMEOUT);
    }

    @AfterEach
    void stop() {
        repository.close();
    }

    private ResolvedChart fetch(String version) throws Exception {
        return fetcher.fetch(ChartReference.of(repository.url(), "web", version), ChartCredentials.anonymous());
    }

    @Test
    void resolvesARangeDownloadsTheArchiveAndChecksItsDigest() throws Exception {
        ResolvedChart chart = fetch("^1");

        assertThat(chart.version()).isEqualTo("1.2.0");
        assertThat(chart.digest()).isEqualTo("sha256:" + ChartRepositoryServer.sha256(TarGz.chart("web", "1.2.0")));
        assertThat(chart.fromCache()).isFalse();
        assertThat(new String(chart.files().read("Chart.yaml"), StandardCharsets.UTF_8)).contains("version: 1.2.0");
        assertThat(fetch("").version()).isEqualTo("2.0.0");
        assertThat(fetch(">=1.3.0-0 <2.0.0-0").version()).isEqualTo("1.3.0-rc.1");
    }

    @Test
    void takesAnArchiveWhoseDigestTheIndexStatesFromTheCache() throws Exception {
        fetch("1.2.0");
        int before = repository.requests();

        ResolvedChart again = fetch("1.2.0");

        assertThat(again.fromCache()).isTrue();
        assertThat(repository.requests() - before).as("index.yaml only, not the archive").isEqualTo(1);
    }

    @Test
    void rendersAPinnedVersionAndDigestFromTheCacheEvenWhenTheRepositoryIsDown() throws Exception {
        ResolvedChart first = fetch("^1");
        repository.close();

        ResolvedChart again = fetcher.fetch(first.pin(), ChartCredentials.anonymous());

        assertThat(again.fromCache()).isTrue();
        assertThat(again.version()).isEqualTo("1.2.0");
        assertThat(again.digest()).isEqualTo(first.digest());
    }

    @Test
    void refusesAPinnedVersionWhoseChartWasReplaced() throws Exception {
        ResolvedChart first = fetch("1.2.0");
        String replaced = repository.republish("web", "1.2.0", TarGz.chart("web", "1.2.0",
                Map.of("templates/miner.yaml", "kind: ConfigMap\n")));
        // Another machine (an empty cache) must ask the repository
        ChartFetcher elsewhere = new ChartFetcher(new ChartCache(temp.resolve("other-cache"), 1 << 20),
                ArchiveLimits.defaults(), ChartFetcher.DEFAULT_TIMEOUT);

        assertThatThrownBy(() -> elsewhere.fetch(first.pin(), ChartCredentials.anonymous()))
                .isInstanceOf(ChartException.class)
                .hasMessage("chart web from " + repository.url() + ": version 1.2.0 now has the digest sha256:"
                        + replaced + ", not the pinned " + first.digest() + ": the chart was replaced under the"
                        + " same version, so it is not rendered; review the new chart, then sync without the"
                        + " pinned digest to accept it");
        // Where the pinned archive is cached, it is the one rendered: the digest names it
        assertThat(fetcher.fetch(first.pin(), ChartCredentials.anonymous()).digest()).isEqualTo(first.digest());
        // Unpinned, the new chart is taken
        assertThat(elsewhere.fetch(ChartReference.of(repository.url(), "web", "1.2.0"), ChartCredentials.anonymous())
                .digest()).isEqualTo("sha256:" + replaced);
    }

    @Test
    void namesTheNearestVersionsWhenNoneMatches() {
        assertThatThrownBy(() -> fetch("^3"))
                .isInstanceOf(ChartException.class)
                .hasMessage("chart web from " + repository.url() + ": no version matches '^3'; nearest available:"
                        + " 2.0.0, 1.3.0-rc.1, 1.2.0, 1.0.0; change the version or range")
                .extracting(e -> ((ChartException) e).reason()).isEqualTo(Reason.UNKNOWN_REVISION);
        assertThatThrownBy(() -> fetch("newest")).hasMessageContaining("version 'newest' is neither a version the"
                + " repository lists nor a range ('newest' is not a version comparison)");
    }

    @Test
    void namesTheChartsTheIndexListsWhenTheChartIsUnknown() {
        assertThatThrownBy(() -> fetcher.fetch(ChartReference.of(repository.url(), "api", ""),
                ChartCredentials.anonymous()))
                .hasMessage("chart api from " + repository.url() + ": the repository's index.yaml does not list this"
                        + " chart; check the chart name (it lists web)");
    }

    @Test
    void namesAnUnreachableRepositoryWithoutItsCredentials() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ChartReference reference = ChartReference.of("http://ann:s3cret@127.0.0.1:" + closedPort + "/charts?token=abc",
                "web", "1.0.0");

        assertThatThrownBy(() -> fetcher.fetch(reference, ChartCredentials.anonymous()))
                .isInstanceOf(ChartException.class)
                .hasMessage("chart web from http://127.0.0.1:" + closedPort + "/charts?token=****: cannot reach http://"
                        + "127.0.0.1:" + closedPort + "/charts/index.yaml?token=**** (connection refused); check the"
                        + " URL, that the repository is up and that this machine can reach it (proxy, firewall)")
                .extracting(e -> ((ChartException) e).reason()).isEqualTo(Reason.UNREACHABLE);
    }

    @Test
    void refusesAMalformedIndex() {
        repository.setIndex("entries: [unclosed\n");
        assertThatThrownBy(() -> fetch("1.0.0")).hasMessageStartingWith("chart web from " + repository.url() + ": "
                + repository.url() + "/index.yaml is not a chart repository index: index.yaml is not valid YAML (");

        repository.setIndex("entries: {}\n");
        assertThatThrownBy(() -> fetch("1.0.0")).hasMessage("chart web from " + repository.url() + ": "
                + repository.url() + "/index.yaml is not a chart repository index: index.yaml has no apiVersion (Helm"
                + " writes 'apiVersion: v1'); check the repository URL");
    }

    @Test
    void refusesAnArchiveWhoseDigestIsNotTheOneTheIndexStates() {
        repository.publish("web", "1.0.0", TarGz.chart("web", "1.0.0"));
        repository.setIndex("apiVersion: v1\nentries:\n  web:\n  - name: web\n    version: 1.0.0\n    digest: "
                + "ab".repeat(32) + "\n    urls: [web-1.0.0.tgz]\n");

        assertThatThrownBy(() -> fetch("1.0.0")).hasMessageContaining("but the repository states sha256:"
                + "ab".repeat(32) + "; the download was altered or the repository is inconsistent");
    }

    @Test
    void refusesAHostileArchive() {
        repository.publish("web", "3.0.0", new TarGz().file("web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 3.0.0\n")
                .entry("web/templates/x.yaml", '2', new byte[0], "/etc/passwd").gzip());

        assertThatThrownBy(() -> fetch("3.0.0")).hasMessage("chart web from " + repository.url() + ": the archive of"
                + " version 3.0.0 is refused: 'web/templates/x.yaml' is a symbolic link; a chart archive may hold"
                + " regular files only; nothing was rendered");
    }

    @Test
    void refusesAnArchiveOfAnotherChartOrVersion() {
        repository.publish("web", "4.0.0", TarGz.chart("web", "4.0.1"));
        repository.publish("api", "1.0.0", TarGz.chart("web", "1.0.0"));

        assertThatThrownBy(() -> fetch("4.0.0")).hasMessageContaining("the archive of version 4.0.0 holds version"
                + " '4.0.1' in its Chart.yaml");
        assertThatThrownBy(() -> fetcher.fetch(ChartReference.of(repository.url(), "api", "1.0.0"),
                ChartCredentials.anonymous())).hasMessageContaining("the archive holds the chart 'web', not 'api'");
    }

    @Test
    void authenticatesWithBasicCredentials() throws Exception {
        repository.requireBasicAuth("reader", "pa55");

        assertThatThrownBy(() -> fetch("1.0.0")).hasMessage("chart web from " + repository.url() + ": "
                + repository.url() + "/index.yaml answered HTTP 401; the repository asks for credentials: give a user"
                + " and password").extracting(e -> ((ChartException) e).reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
        assertThatThrownBy(() -> fetcher.fetch(ChartReference.of(repository.url(), "web", "1.0.0"),
                new ChartCredentials("reader", "wrong", null)))
                .hasMessageContaining("the repository refused the credentials: check the user and password")
                .hasMessageNotContaining("wrong");
        ResolvedChart chart = fetcher.fetch(ChartReference.of(repository.url(), "web", "1.0.0"),
                new ChartCredentials("reader", "pa55", null));
        assertThat(chart.version()).isEqualTo("1.0.0");
        ResolvedChart fromUrl = fetcher.fetch(ChartReference.of(repository.url().replace("http://",
                "http://reader:pa55@"), "web", "1.0.0"), ChartCredentials.anonymous());
        assertThat(fromUrl.reference().redactedRepository()).isEqualTo(repository.url());
        assertThat(fromUrl.describe()).doesNotContain("pa55");
    }

    @Test
    void refusesACaFileThatHoldsNoCertificate() {
        assertThatThrownBy(() -> fetcher.fetch(ChartReference.of(repository.url(), "web", "1.0.0"),
                new ChartCredentials(null, null, "not a certificate")))
                .hasMessageContaining("the CA certificates cannot be used");
    }
}
