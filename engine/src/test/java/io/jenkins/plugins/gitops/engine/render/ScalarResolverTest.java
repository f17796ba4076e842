package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.nodes.Tag;

/** Unquoted YAML scalars mean what they mean to kubectl (go-yaml v2, YAML 1.1): text → JSON. */
class ScalarResolverTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            on          | true
            On          | true
            yes         | true
            y           | true
            TRUE        | true
            off         | false
            n           | false
            No          | false
            ~           | null
            null        | null
            ``          | null
            42          | 42
            -42         | -42
            +7          | 7
            0777        | 511
            0o17        | 15
            0x1F        | 31
            0b101       | 5
            1_000       | 1000
            08          | 8
            3.0         | 3
            1e3         | 1000
            1.5         | 1.5
            .5          | 0.5
            -.5         | -0.5
            9223372036854775807 | 9223372036854775807
            18446744073709551615 | 18446744073709551615
            2024-01-31  | "2024-01-31"
            12:30       | "12:30"
            1.2.3       | "1.2.3"
            0x          | "0x"
            1e400       | "1e400"
            v1          | "v1"
            yes please  | "yes please"
            Y2K         | "Y2K"
            """)
    void shouldResolveLikeKubectl(String text, String json) {
        assertThat(ScalarResolver.toJson(ScalarResolver.resolvePlain(text))).hasToString(json);
    }

    @ParameterizedTest(name = "key {0} is \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            on    | true
            no    | false
            0x10  | 16
            010   | 8
            1.5   | 1.5
            1e7   | 1e+07
            .inf  | .inf
            name  | name
            """)
    void shouldMakeKeysTextLikeKubectl(String text, String key) {
        assertThat(ScalarResolver.keyOf(ScalarResolver.resolvePlain(text))).isEqualTo(key);
    }

    @Test
    void shouldRefuseNullKey() {
        assertThatThrownBy(() -> ScalarResolver.keyOf(ScalarResolver.resolvePlain("~")))
                .hasMessageStartingWith("a mapping key is null or empty");
    }

    @Test
    void shouldRefuseNumbersJsonCannotHold() {
        assertThatThrownBy(() -> ScalarResolver.toJson(ScalarResolver.resolvePlain(".nan")))
                .hasMessage("the value .nan is not a number JSON can hold; quote it if it is meant as text");
    }

    @Test
    void shouldHonourExplicitStandardTags() {
        assertThat(ScalarResolver.resolveTagged(Tag.STR, "0777")).isEqualTo("0777");
        assertThat(ScalarResolver.resolveTagged(Tag.INT, "0777")).isEqualTo(511L);
        assertThat(ScalarResolver.resolveTagged(Tag.FLOAT, "1")).isEqualTo(1.0);
        assertThat(ScalarResolver.resolveTagged(Tag.TIMESTAMP, "2024-01-31")).isEqualTo("2024-01-31");
    }

    @Test
    void shouldRefuseTextThatDoesNotFitItsTag() {
        assertThatThrownBy(() -> ScalarResolver.resolveTagged(Tag.INT, "ten"))
                .hasMessage("cannot decode a !!str value of 3 characters as a !!int; fix the value or remove the tag");
    }
}
