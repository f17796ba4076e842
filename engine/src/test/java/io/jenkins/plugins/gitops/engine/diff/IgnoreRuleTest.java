package io.jenkins.plugins.gitops.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IgnoreRuleTest {

    private static final ObjectRef WEB = new ObjectRef("apps", "Deployment", "shop-prod", "web-frontend");

    @Test
    void shouldApplyToEveryObjectWhenUnrestricted() {
        assertThat(IgnoreRule.pointers("/spec/replicas").appliesTo(WEB)).isTrue();
        assertThat(IgnoreRule.fieldsOwnedBy("hpa").appliesTo(new ObjectRef("", "ConfigMap", null, "c"))).isTrue();
    }

    @Test
    void shouldApplyOnlyToMatchingGroupAndKind() {
        IgnoreRule rule = IgnoreRule.pointers("/spec/replicas").forKind("apps", "Deployment");

        assertThat(rule.appliesTo(WEB)).isTrue();
        assertThat(rule.appliesTo(new ObjectRef("apps", "StatefulSet", "shop", "web"))).isFalse();
        assertThat(rule.appliesTo(new ObjectRef("example.com", "Deployment", "shop", "web"))).isFalse();
        assertThat(rule.forKind("*", "Deployment").appliesTo(new ObjectRef("example.com", "Deployment", "shop", "web"))).isTrue();
    }

    @Test
    void shouldMatchNamespaceAndNameWithWildcards() {
        IgnoreRule rule = IgnoreRule.pointers("/spec/replicas");

        assertThat(rule.forObject("shop-*", "web-*").appliesTo(WEB)).isTrue();
        assertThat(rule.forObject("*", "*frontend").appliesTo(WEB)).isTrue();
        assertThat(rule.forObject("shop-prod", "web").appliesTo(WEB)).isFalse();
        assertThat(rule.forObject("shop.prod", "web-frontend").appliesTo(WEB)).as("a dot is literal").isFalse();
        assertThat(rule.forObject("", "x").appliesTo(new ObjectRef("", "Namespace", null, "x"))).isTrue();
    }

    @Test
    void shouldUnescapeJsonPointerTokens() {
        PointerPattern pattern = PointerPattern.parse("/metadata/annotations/example.com~1hash~0x~01");

        assertThat(pattern.tokens()).containsExactly("metadata", "annotations", "example.com/hash~x~1");
        assertThat(pattern.matches(List.of("metadata", "annotations", "example.com/hash~x~1"))).isTrue();
        assertThat(pattern.matches(List.of("metadata", "annotations"))).isFalse();
    }

    @Test
    void shouldMatchAnyTokenWithStar() {
        PointerPattern pattern = PointerPattern.parse("/spec/containers/*/image");

        assertThat(pattern.matches(List.of("spec", "containers", "3", "image"))).isTrue();
        assertThat(pattern.matches(List.of("spec", "containers", "3", "args"))).isFalse();
    }

    @Test
    void shouldRejectWhatIsNotAPointerToAField() {
        assertThatThrownBy(() -> IgnoreRule.pointers("spec.replicas"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ignore rule pointer \"spec.replicas\" is not a JSON pointer to a field; write it like /spec/replicas");
        assertThatThrownBy(() -> IgnoreRule.pointers("/"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IgnoreRule.pointers("/a~2b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("write ~1 for / and ~0 for ~");
    }

    @Test
    void shouldRejectRuleThatIgnoresNothing() {
        assertThatThrownBy(() -> new IgnoreRule("apps", "Deployment", null, "web", List.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ignore rule for Deployment.apps/*/web names neither a JSON pointer nor a field manager; add one of them");
    }

    @Test
    void shouldDescribeItself() {
        assertThat(IgnoreRule.fieldsOwnedBy("hpa").forKind("apps", "Deployment"))
                .hasToString("ignore owned by [hpa] in Deployment.apps/*/*");
    }
}
