package io.jenkins.plugins.gitops.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectDriftTest {

    @Test
    void shouldReadBackFromJsonAsItWasWritten() throws Exception {
        ObjectDrift drift = Scenario.load("deployment-env-removed").compare();
        ObjectMapper json = new ObjectMapper();

        ObjectDrift read = json.readValue(json.writeValueAsString(drift), ObjectDrift.class);

        assertThat(read).isEqualTo(drift);
        assertThat(read.diffText()).isEqualTo(drift.diffText());
    }

    @Test
    void shouldSayWhereItDriftedInOneLine() {
        assertThat(Scenario.load("deployment-image-changed").compare())
                .hasToString("Deployment/shop/web: out of sync at .spec.template.spec.containers[name=web].image");
        assertThat(Scenario.load("deployment-server-defaults").compare()).hasToString("Deployment/shop/web: in sync");
        assertThat(Scenario.load("deployment-missing").compare()).hasToString("Deployment/web: missing");
    }

    @Test
    void shouldShowOnlyDeclaredFieldsInTheDiffText() {
        String diff = Scenario.load("deployment-limit-changed").compare().diffText();

        assertThat(diff).startsWith("--- live Deployment/shop/web\n+++ desired Deployment/shop/web\n@@ ")
                .contains("-              memory: 2Gi\n+              memory: 1Gi\n")
                .doesNotContain("resourceVersion", "creationTimestamp", "managedFields", "terminationMessagePath",
                        "uid", "status");
    }

    @Test
    void shouldKeepTheDiffTextWithinItsLimit() {
        ObjectDrift drift = Scenario.load("deployment-missing").compare();

        String diff = drift.diffText(10);

        assertThat(diff.lines()).hasSize(10);
        assertThat(diff.lines().reduce((first, second) -> second)).hasValue(
                "... 62 more diff lines not shown (limit 10 lines)");
        assertThat(drift.diffText().lines()).hasSizeLessThanOrEqualTo(ObjectDrift.DEFAULT_MAX_DIFF_LINES);
    }

    @Test
    void shouldRefuseAStatusThatContradictsItsChanges() {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        ObjectRef ref = new ObjectRef("", "ConfigMap", "shop", "c");
        FieldChange change = new FieldChange(".data.a", JsonNodeFactory.instance.textNode("x"), null);

        assertThatThrownBy(() -> new ObjectDrift(ref, DriftStatus.IN_SYNC, List.of(change), object, object, object))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ConfigMap/shop/c: status IN_SYNC does not go with 1 changed fields");
        assertThatThrownBy(() -> new ObjectDrift(ref, DriftStatus.OUT_OF_SYNC, List.of(), object, object, object))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSpellAnAbsentLiveValueOneWay() {
        FieldChange change = new FieldChange(".a", JsonNodeFactory.instance.textNode("x"), JsonNodeFactory.instance.nullNode());

        assertThat(change.liveAbsent()).isTrue();
        assertThat(change).hasToString(".a: \"x\" in Git, absent live");
    }
}
