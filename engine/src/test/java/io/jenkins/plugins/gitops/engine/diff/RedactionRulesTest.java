package io.jenkins.plugins.gitops.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionRulesTest {

    private final RedactionRules defaults = RedactionRules.defaults();

    @ParameterizedTest(name = "{0} is sensitive: {1}")
    @CsvSource({
        "DB_PASSWORD, true",
        "db_password, true",
        "PASSWORD, true",
        "API_TOKEN, true",
        "GITHUB_TOKEN_FILE, true",
        "CLIENT_SECRET, true",
        "AWS_SECRET_ACCESS_KEY, true",
        "ssh-key, true",
        "Api.Key.Id, true",
        "PASSWD, false",
        "GREETING, false",
        "LOG_LEVEL, false",
        "TOKE, false",
    })
    void shouldMatchTheDefaultPatternsAnywhereInTheNameWithoutRegardToCase(String name, boolean sensitive) {
        assertThat(defaults.isSensitiveEnvName(name)).isEqualTo(sensitive);
    }

    @Test
    void shouldMatchAGlobAgainstTheWholeName() {
        RedactionRules rules = RedactionRules.parse("DB_*|*_PIN|C?DE");

        assertThat(rules.isSensitiveEnvName("DB_HOST")).isTrue();
        assertThat(rules.isSensitiveEnvName("MY_DB_HOST")).as("no * before DB_").isFalse();
        assertThat(rules.isSensitiveEnvName("CARD_PIN")).isTrue();
        assertThat(rules.isSensitiveEnvName("CARD_PINS")).as("no * after _PIN").isFalse();
        assertThat(rules.isSensitiveEnvName("CODE")).isTrue();
        assertThat(rules.isSensitiveEnvName("CDE")).as("? is exactly one character").isFalse();
    }

    @Test
    void shouldTakeDotsInAPatternLiterally() {
        RedactionRules rules = RedactionRules.parse("a.b");

        assertThat(rules.isSensitiveEnvName("a.b")).isTrue();
        assertThat(rules.isSensitiveEnvName("axb")).isFalse();
    }

    @Test
    void shouldSplitAConfigurationFieldOnBarsCommasSpacesAndLineBreaks() {
        RedactionRules rules = RedactionRules.parse(" *PASSWORD* | *TOKEN*,*PIN*\n*CERT* ");

        assertThat(rules.envNamePatterns()).containsExactly("*PASSWORD*", "*TOKEN*", "*PIN*", "*CERT*");
        assertThat(rules).hasToString("*PASSWORD*|*TOKEN*|*PIN*|*CERT*");
        assertThat(RedactionRules.parse(rules.toString())).isEqualTo(rules);
    }

    @Test
    void shouldHideNoEnvironmentVariableWhenTheFieldIsBlank() {
        assertThat(RedactionRules.parse("  ")).isEqualTo(RedactionRules.secretsOnly());
        assertThat(RedactionRules.secretsOnly().isSensitiveEnvName("DB_PASSWORD")).isFalse();
    }

    @Test
    void shouldDefaultToPasswordTokenSecretAndKey() {
        assertThat(defaults.envNamePatterns()).containsExactly("*PASSWORD*", "*TOKEN*", "*SECRET*", "*KEY*");
    }

    @Test
    void shouldRefuseAPatternNoVariableNameCouldMatchNamingIt() {
        assertThatThrownBy(() -> RedactionRules.of(List.of("*PASS WORD*")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("redaction rules: pattern \"*PASS WORD*\" is not a name pattern;")
                .hasMessageContaining("wildcards");
        assertThatThrownBy(() -> RedactionRules.of(List.of("")))
                .hasMessageContaining("pattern \"\"");
    }
}
