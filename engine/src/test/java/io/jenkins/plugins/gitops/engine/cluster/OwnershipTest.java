package io.jenkins.plugins.gitops.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OwnershipTest {

    /** What Kubernetes accepts as a label value. */
    private static final String LABEL_VALUE = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";

    @ParameterizedTest
    @ValueSource(strings = {"prod", "team-a/shop/production", "Folder With Spaces/Ünïcödé env",
            "<script>alert(1)</script>", "a/very/long/folder/path/that/goes/on/and/on/and/on/for/ever/and/ever/prod",
            "---", "..", "x"})
    void shouldDeriveAValidLabelValueOfAtMost63Characters(String environment) {
        String value = new Ownership(environment).labelValue();

        assertThat(value).hasSizeLessThanOrEqualTo(63).matches(LABEL_VALUE).isNotEmpty();
    }

    @Test
    void shouldKeepEnvironmentsApartWhoseNamesShareALongPrefix() {
        String prefix = "a/very/long/folder/path/that/goes/on/and/on/and/on/for/ever/and/";

        assertThat(new Ownership(prefix + "staging").labelValue())
                .isNotEqualTo(new Ownership(prefix + "production").labelValue());
    }

    @Test
    void shouldOwnOnlyObjectsCarryingBothTheLabelAndTheFullIdentity() {
        Ownership prod = new Ownership("shop/prod");
        ObjectNode marked = new ObjectMapper().createObjectNode();
        prod.mark(marked);
        ObjectNode labelOnly = marked.deepCopy();
        ((ObjectNode) labelOnly.path("metadata").path("annotations"))
                .put(Ownership.ENVIRONMENT_ANNOTATION, "shop/prod-2");

        assertThat(prod.owns(marked)).isTrue();
        assertThat(prod.owns(labelOnly)).as("same label, other identity").isFalse();
        assertThat(new Ownership("shop/staging").owns(marked)).isFalse();
        assertThat(prod.owns(new ObjectMapper().createObjectNode())).isFalse();
    }

    @Test
    void shouldSelectByTheEnvironmentLabel() {
        Ownership prod = new Ownership("shop/prod");

        assertThat(prod.labelSelector()).isEqualTo("gitops-sync.jenkins.io/environment=" + prod.labelValue());
    }
}
