package io.jenkins.plugins.gitops.engine.declare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnvironmentNamesTest {

    @Test
    void shouldTurnPathsAndPunctuationIntoDashes() throws Exception {
        assertThat(EnvironmentNames.sanitize("clusters/prod/apps/web")).isEqualTo("clusters-prod-apps-web");
        assertThat(EnvironmentNames.sanitize("web app: prod!")).isEqualTo("web-app-prod");
        assertThat(EnvironmentNames.sanitize("..hidden..")).isEqualTo("hidden");
        assertThat(EnvironmentNames.sanitize("web_1.2")).isEqualTo("web_1.2");
    }

    @Test
    void shouldBoundTheLength() throws Exception {
        String name = EnvironmentNames.sanitize("a".repeat(500));

        assertThat(name).hasSize(DeclarationLimits.MAX_NAME_LENGTH);
        assertThat(EnvironmentNames.isValid(name)).isTrue();
    }

    @Test
    void shouldRefuseANameWithoutLettersOrDigits() {
        assertThatThrownBy(() -> EnvironmentNames.sanitize("/../"))
                .hasMessageContaining("no letter or digit");
    }

    @Test
    void shouldTellValidNames() {
        assertThat(EnvironmentNames.isValid("web-prod")).isTrue();
        assertThat(EnvironmentNames.isValid("..")).isFalse();
        assertThat(EnvironmentNames.isValid("web/prod")).isFalse();
        assertThat(EnvironmentNames.isValid("")).isFalse();
    }
}
