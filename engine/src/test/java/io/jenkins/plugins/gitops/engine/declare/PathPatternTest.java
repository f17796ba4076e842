package io.jenkins.plugins.gitops.engine.declare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathPatternTest {

    @Test
    void shouldMatchOneSegmentPerStar() throws Exception {
        PathPattern pattern = PathPattern.parse("clusters/*/apps/*");

        assertThat(pattern.matches("clusters/prod/apps/web")).isTrue();
        assertThat(pattern.matches("clusters/prod/apps")).isFalse();
        assertThat(pattern.matches("clusters/prod/apps/web/base")).isFalse();
        assertThat(pattern.matches("clusters/prod/eu/apps/web")).isFalse();
    }

    @Test
    void shouldMatchStarsInsideANameWithoutCrossingFolders() throws Exception {
        PathPattern pattern = PathPattern.parse("environments/*.yaml");

        assertThat(pattern.matches("environments/web.yaml")).isTrue();
        assertThat(pattern.matches("environments/web.prod.yaml")).isTrue();
        assertThat(pattern.matches("environments/web.yml")).isFalse();
        assertThat(pattern.matches("environments/eu/web.yaml")).isFalse();
        assertThat(PathPattern.parse("env-*-*").matches("env-eu-prod")).isTrue();
        assertThat(PathPattern.parse("env-*-*").matches("env-eu")).isFalse();
    }

    @Test
    void shouldMatchAnyDepthWithDoubleStar() throws Exception {
        PathPattern pattern = PathPattern.parse("clusters/**/app.yaml");

        assertThat(pattern.matches("clusters/app.yaml")).isTrue();
        assertThat(pattern.matches("clusters/eu/prod/app.yaml")).isTrue();
        assertThat(pattern.matches("other/app.yaml")).isFalse();
    }

    @Test
    void shouldNotMatchHiddenNamesWithWildcards() throws Exception {
        assertThat(PathPattern.parse("*").matches(".github")).isFalse();
        assertThat(PathPattern.parse("**/app.yaml").matches(".git/app.yaml")).isFalse();
        assertThat(PathPattern.parse(".*").matches(".github")).isTrue();
    }

    @Test
    void shouldMatchPathologicalStarsQuickly() throws Exception {
        PathPattern pattern = PathPattern.parse("*a*a*a*a*a*a*a*a*b");

        assertThat(pattern.matches("a".repeat(200))).isFalse();
        assertThat(pattern.matches("a".repeat(200) + "b")).isTrue();
    }

    @Test
    void shouldRefusePatternsThatLeaveTheRepository() {
        assertThatThrownBy(() -> PathPattern.parse("/etc/*")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> PathPattern.parse("apps/../../*")).hasMessageContaining("\"..\"");
        assertThatThrownBy(() -> PathPattern.parse("./apps")).hasMessageContaining("\".\"");
        assertThatThrownBy(() -> PathPattern.parse("apps\\*")).hasMessageContaining("backslash");
        assertThatThrownBy(() -> PathPattern.parse("apps/\0/x")).hasMessageContaining("control character");
    }

    @Test
    void shouldRefuseMalformedOrOversizedPatterns() {
        assertThatThrownBy(() -> PathPattern.parse(" ")).hasMessageContaining("is empty");
        assertThatThrownBy(() -> PathPattern.parse("apps//web")).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> PathPattern.parse("a**/b")).hasMessageContaining("whole segment");
        assertThatThrownBy(() -> PathPattern.parse("**/a/**")).hasMessageContaining("more than one **");
        assertThatThrownBy(() -> PathPattern.parse("a/".repeat(20) + "b")).hasMessageContaining("segments");
        assertThatThrownBy(() -> PathPattern.parse("a".repeat(300))).hasMessageContaining("256 characters");
    }

    @Test
    void shouldAcceptATrailingSlash() throws Exception {
        assertThat(PathPattern.parse("apps/*/").matches("apps/web")).isTrue();
    }
}
