package io.jenkins.plugins.gitops.engine.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Helm's version rules: exact text first, else the highest version in the range; prereleases only when asked. */
class VersionResolverTest {

    private static final List<String> RELEASES = List.of("1.0.0", "1.2.3", "1.2.10", "1.3.0", "2.0.0-rc.1",
            "1.10.0", "0.9.1", "0.0.3", "0.0.4", "2.0.0-rc.2", "v3.1.0");

    private static String resolve(String requested) {
        return VersionResolver.resolve(RELEASES, requested).orElse(null);
    }

    @Test
    void anEmptyRequestIsTheLatestStableVersion() {
        assertThat(resolve("")).isEqualTo("v3.1.0");
        assertThat(resolve(null)).isEqualTo("v3.1.0");
        assertThat(VersionResolver.resolve(List.of("1.0.0", "2.0.0-beta.1"), "")).contains("1.0.0");
    }

    @Test
    void anExactMatchWinsAsWritten() {
        assertThat(resolve("1.2.3")).isEqualTo("1.2.3");
        assertThat(resolve("v3.1.0")).isEqualTo("v3.1.0");
        assertThat(resolve("2.0.0-rc.1")).isEqualTo("2.0.0-rc.1");
        // "3.1.0" is not written so, but as a comparison it means "= 3.1.0", which v3.1.0 is
        assertThat(resolve("3.1.0")).isEqualTo("v3.1.0");
    }

    @Test
    void aRangeSelectsTheHighestVersionInIt() {
        assertThat(resolve("^1.2")).isEqualTo("1.10.0");
        assertThat(resolve("~1.2.0")).isEqualTo("1.2.10");
        assertThat(resolve("~1")).isEqualTo("1.10.0");
        assertThat(resolve(">=1.0 <1.3")).isEqualTo("1.2.10");
        assertThat(resolve(">= 1.0, < 1.3")).isEqualTo("1.2.10");
        assertThat(resolve("1.2.x")).isEqualTo("1.2.10");
        assertThat(resolve("1.2")).isEqualTo("1.2.10");
        assertThat(resolve("1.2.3 - 1.3")).isEqualTo("1.3.0");
        assertThat(resolve("<1.0.0 || 1.3.*")).isEqualTo("1.3.0");
        assertThat(resolve("!=3.1.0")).isEqualTo("1.10.0");
        assertThat(resolve(">1.3")).isEqualTo("v3.1.0");
        assertThat(resolve("<=1.2")).isEqualTo("1.2.10");
        assertThat(resolve("^0.9")).isEqualTo("0.9.1");
        assertThat(resolve("^0.0.3")).isEqualTo("0.0.3");
        assertThat(resolve("^0")).isEqualTo("0.9.1");
        assertThat(resolve("*")).isEqualTo("v3.1.0");
    }

    @Test
    void prereleasesMatchOnlyARangeThatNamesOne() {
        assertThat(resolve(">=2.0.0-0 <3.0.0-0")).isEqualTo("2.0.0-rc.2");
        // As in Masterminds semver, each comparison decides alone: "<3" does not name a prerelease.
        assertThat(resolve(">=2.0.0-0 <3")).isNull();
        assertThat(resolve(">=2.0.0 <3")).isNull();
        assertThat(resolve("^2.0.0-rc.1")).isEqualTo("2.0.0-rc.2");
    }

    @Test
    void nothingMatchesAnImpossibleRange() {
        assertThat(resolve("^9")).isNull();
        assertThat(resolve("1.2.4")).isNull();
    }

    @Test
    void aRequestThatIsNoRangeIsRefusedWithThePart() {
        assertThatThrownBy(() -> resolve("latest")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'latest' is not a version comparison");
        assertThatThrownBy(() -> resolve(">=1.0 || ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty alternative");
    }

    @Test
    void theNearestVersionsSurroundTheRequestedOne() {
        assertThat(VersionResolver.nearest(RELEASES, "1.2.4")).containsExactly("1.10.0", "1.3.0", "1.2.10", "1.2.3",
                "1.0.0");
        assertThat(VersionResolver.nearest(RELEASES, "^9.0")).containsExactly("v3.1.0", "2.0.0-rc.2", "2.0.0-rc.1",
                "1.10.0", "1.3.0");
        assertThat(VersionResolver.nearest(RELEASES, "latest")).hasSize(5).startsWith("v3.1.0");
        assertThat(VersionResolver.nearest(List.of("1.0.0"), "2")).containsExactly("1.0.0");
    }

    @Test
    void versionsOrderAsSemverSays() {
        List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0");
        for (int i = 1; i < ordered.size(); i++) {
            assertThat(SemanticVersion.parse(ordered.get(i - 1)).orElseThrow())
                    .isLessThan(SemanticVersion.parse(ordered.get(i)).orElseThrow());
        }
        assertThat(SemanticVersion.parse("1.0.0+build.1").orElseThrow()
                .sameAs(SemanticVersion.parse("1.0.0+build.2").orElseThrow())).isTrue();
        assertThat(SemanticVersion.parse("not-a-version")).isEmpty();
    }
}
