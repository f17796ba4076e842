package io.jenkins.plugins.gitops.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.diff.IgnoreRule;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --ignore}: JSON pointers for every object, or for one kind. */
class EnvironmentOptionsTest {

    private static final ObjectRef DEPLOYMENT = new ObjectRef("apps", "Deployment", "shop", "web");
    private static final ObjectRef CONFIG_MAP = new ObjectRef("", "ConfigMap", "shop", "web");

    @Test
    void shouldIgnoreAPointerInEveryObject() {
        IgnoreRule rule = rulesOf("/spec/replicas").get(0);

        assertThat(rule.jsonPointers()).containsExactly("/spec/replicas");
        assertThat(rule.appliesTo(DEPLOYMENT)).isTrue();
        assertThat(rule.appliesTo(CONFIG_MAP)).isTrue();
    }

    @Test
    void shouldIgnoreAPointerInOneKindOnly() {
        IgnoreRule rule = rulesOf("Deployment=/spec/replicas").get(0);

        assertThat(rule.appliesTo(DEPLOYMENT)).isTrue();
        assertThat(rule.appliesTo(CONFIG_MAP)).isFalse();
    }

    @Test
    void shouldNameAnIgnoreThatIsNoPointer() {
        assertThatThrownBy(() -> rulesOf("spec.replicas")).isInstanceOf(CommandException.class)
                .hasMessageStartingWith("--ignore spec.replicas: ")
                .hasMessageEndingWith("give a JSON pointer such as /spec/replicas");
    }

    private static List<IgnoreRule> rulesOf(String... ignore) {
        EnvironmentOptions options = new EnvironmentOptions();
        options.ignore = List.of(ignore);
        return options.ignoreRules();
    }
}
