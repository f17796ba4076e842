package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HelmValuesTest {

    @Test
    void shouldKeepTheTypesAndNestingOfTheValues() throws RenderException {
        Map<String, Object> values = HelmValues.parse("""
                replicaCount: 2
                image: {tag: "1.25"}
                ingress:
                  enabled: true
                  hosts: [shop.example.com]
                removed: null
                """, "the environment's Helm values");

        assertThat(values).containsEntry("replicaCount", 2).containsEntry("image", Map.of("tag", "1.25"))
                .containsEntry("removed", null);
        assertThat(values.get("ingress")).isEqualTo(Map.of("enabled", true, "hosts", java.util.List.of("shop.example.com")));
    }

    @Test
    void shouldReadBlankTextAsNoValues() throws RenderException {
        assertThat(HelmValues.parse("  \n", "values")).isEmpty();
    }

    @Test
    void shouldSayWhatIsWrongWithTheText() {
        assertThatThrownBy(() -> HelmValues.parse("- a\n- b\n", "the environment's Helm values"))
                .hasMessageContaining("Helm values must be a mapping").hasMessageContaining("a list");
        assertThatThrownBy(() -> HelmValues.parse("a: [\n", "the environment's Helm values"))
                .isInstanceOf(RenderException.class).hasMessageContaining("the environment's Helm values");
        assertThatThrownBy(() -> HelmValues.parse("a: !!javax.script.ScriptEngineManager []\n", "values"))
                .isInstanceOf(RenderException.class);
    }
}
