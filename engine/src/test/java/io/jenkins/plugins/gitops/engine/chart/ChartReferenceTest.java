package io.jenkins.plugins.gitops.engine.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What a chart reference accepts, and how it names itself without credentials. */
class ChartReferenceTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    void acceptsRepositoryAndRegistryUrls() {
        assertThat(ChartReference.of("https://charts.example.com/stable", "web", "^1").isOci()).isFalse();
        ChartReference oci = ChartReference.of("oci://ghcr.io/org/charts/podinfo", "", "");
        assertThat(oci.isOci()).isTrue();
        assertThat(oci.chartName()).isEqualTo("podinfo");
        assertThat(ChartReference.of("https://ann:token@charts.example.com/x?key=1", "web", "").toString())
                .isEqualTo("https://charts.example.com/x?key=**** chart web");
    }

    @Test
    void refusesWhatIsNoChartReference() {
        assertThatThrownBy(() -> ChartReference.of("charts.example.com", "web", ""))
                .hasMessageContaining("not an http://, https:// or oci:// URL");
        assertThatThrownBy(() -> ChartReference.of("https://charts.example.com", "", ""))
                .hasMessageContaining("no chart name");
        assertThatThrownBy(() -> ChartReference.of("https://charts.example.com", "../web", ""))
                .hasMessageContaining("is not a chart name");
        assertThatThrownBy(() -> new ChartReference("https://charts.example.com", "web", "1.0.0", "md5:abc", false))
                .hasMessageContaining("is not sha256:<64 hex digits>");
        assertThatThrownBy(() -> new ChartReference("https://charts.example.com", "web", "^1", DIGEST, false))
                .hasMessage("chart digest " + DIGEST + " needs the exact version it was recorded with, not '^1'; copy"
                        + " both from the report of the sync to repeat");
    }

    @Test
    void pinsTheResolvedVersionAndDigest() {
        ChartReference pinned = ChartReference.of("https://charts.example.com", "web", "^1").pinnedTo("1.2.0", DIGEST);

        assertThat(pinned.version()).isEqualTo("1.2.0");
        assertThat(pinned.digest()).isEqualTo(DIGEST);
        assertThat(new ChartCredentials("ann", "hunter2", "pem").toString()).doesNotContain("hunter2");
    }
}
