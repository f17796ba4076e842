package io.jenkins.plugins.gitops.engine.diff;

import static io.jenkins.plugins.gitops.engine.diff.Manifests.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Sensitive environment values in what a {@link DriftDetector} returns: changes, diff text, object views. */
class EnvValueMaskTest {

    private static final String PLANTED = "planted-Pa55word";
    private static final String CHANGED = "changed-by-hand-77";

    private static ObjectNode deployment(String password, String greeting) {
        return yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          image: nginx
                          env:
                            - {name: DB_PASSWORD, value: "%s"}
                            - {name: GREETING, value: "%s"}
                """.formatted(password, greeting));
    }

    private static String everything(ObjectDrift drift) {
        return drift.changes() + "\n" + drift.diffText() + "\n" + drift.normalizedDesired() + drift.comparedDesired()
                + drift.comparedLive();
    }

    @Test
    void shouldHideAChangedSensitiveValueButShowThatItChanged() {
        ObjectDrift drift = new DriftDetector().compare(deployment(PLANTED, "hi"), deployment(CHANGED, "hi"));

        assertThat(drift.changedPaths()).containsExactly(".spec.template.spec.containers[name=web].env[name=DB_PASSWORD].value");
        FieldChange change = drift.changes().get(0);
        assertThat(change.desired().asText()).startsWith("(redacted sha256:");
        assertThat(change.live().asText()).startsWith("(redacted sha256:").isNotEqualTo(change.desired().asText());
        assertThat(everything(drift)).doesNotContain(PLANTED).doesNotContain(CHANGED);
    }

    @Test
    void shouldKeepOtherValuesVisible() {
        ObjectDrift drift = new DriftDetector().compare(deployment(PLANTED, "hello"), deployment(PLANTED, "bye"));

        assertThat(drift.changes()).singleElement().satisfies(change -> {
            assertThat(change.desired().asText()).isEqualTo("hello");
            assertThat(change.live().asText()).isEqualTo("bye");
        });
        assertThat(drift.diffText()).contains("hello").doesNotContain(PLANTED);
    }

    @Test
    void shouldHideValuesOfAMissingObjectAndOfAMissingEnvElement() {
        ObjectDrift missing = new DriftDetector().compare(deployment(PLANTED, "hi"), null);
        ObjectNode withoutEnv = deployment(PLANTED, "hi");
        ((ObjectNode) withoutEnv.at("/spec/template/spec/containers/0")).remove("env");
        ObjectDrift envRemoved = new DriftDetector().compare(deployment(PLANTED, "hi"), withoutEnv);

        assertThat(everything(missing)).doesNotContain(PLANTED).contains("GREETING");
        assertThat(envRemoved.hasDrift()).isTrue();
        assertThat(everything(envRemoved)).doesNotContain(PLANTED);
    }

    @Test
    void shouldHideValuesWhenAWholeContainerDiffers() {
        ObjectNode otherContainer = deployment(CHANGED, "hi");
        ((ObjectNode) otherContainer.at("/spec/template/spec/containers/0")).put("name", "other");

        ObjectDrift drift = new DriftDetector().compare(deployment(PLANTED, "hi"), otherContainer);

        assertThat(drift.changedPaths()).containsExactly(".spec.template.spec.containers[name=web]");
        assertThat(everything(drift)).doesNotContain(PLANTED).doesNotContain(CHANGED);
    }

    @Test
    void shouldShowValuesWhenTheRulesHideNoEnvironmentVariable() {
        DriftDetector detector = new DriftDetector(DiffOptions.defaults().withRedactionRules(RedactionRules.secretsOnly()));

        ObjectDrift drift = detector.compare(deployment(PLANTED, "hi"), deployment(CHANGED, "hi"));

        assertThat(drift.changes().get(0).desired().asText()).isEqualTo(PLANTED);
    }

    @Test
    void shouldNotCountAnEqualHiddenValueAsDrift() {
        assertThat(new DriftDetector().compare(deployment(PLANTED, "hi"), deployment(PLANTED, "hi")).hasDrift()).isFalse();
    }

    @Test
    void shouldHideAValueAddressedByPositionWhenTheNameIsUnknown() {
        EnvValueMask mask = new EnvValueMask(RedactionRules.defaults());
        FieldPath byPosition = FieldPath.ROOT.field("env").positional(0).field("value");
        FieldPath byName = FieldPath.ROOT.field("env").keyed(yaml("{name: GREETING}"), 0).field("value");

        assertThat(mask.mask(byPosition, Manifests.node("x1234")).asText()).startsWith("(redacted sha256:");
        assertThat(mask.mask(byName, Manifests.node("x1234")).asText()).isEqualTo("x1234");
    }
}
