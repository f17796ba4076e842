package io.jenkins.plugins.gitops.engine.diff;

import static io.jenkins.plugins.gitops.engine.diff.Manifests.node;
import static io.jenkins.plugins.gitops.engine.diff.Manifests.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManagedFieldsTest {

    private static final ObjectRef REF = new ObjectRef("apps", "Deployment", "shop", "web");

    @Test
    void shouldReadFieldSetsOfRecordedObject() {
        ObjectNode live = Scenario.load("deployment-replicas-scaled").live();

        ManagedFields managedFields = ManagedFields.of(live, REF);

        assertThat(managedFields.hasManager("gitops-sync")).isTrue();
        assertThat(managedFields.ownedBy(Set.of("horizontal-pod-autoscaler")))
                .singleElement()
                .satisfies(set -> assertThat(set.describe()).containsExactly(".spec.replicas"));
        assertThat(managedFields.ownedBy(Set.of("gitops-sync")).get(0).describe())
                .contains(".spec.template.spec.containers[{\"name\":\"web\"}].image",
                        ".spec.template.spec.containers[{\"name\":\"web\"}].ports[{\"containerPort\":8080,\"protocol\":\"TCP\"}].name",
                        ".spec.template.spec.hostNetwork")
                .doesNotContain(".spec.replicas");
    }

    @Test
    void shouldNavigateKeyedElementsByValueNotSpelling() {
        FieldSet set = FieldSet.parse(node("""
                f:spec:
                  f:ports:
                    k:{"port":80,"protocol":"TCP"}:
                      .: {}
                      f:targetPort: {}
                  f:finalizers:
                    v:"example.com/a": {}
                  f:list:
                    i:0:
                      f:x: {}
                """));
        FieldSet spec = set.child(new FieldPath.Field("spec"));

        FieldSet port = spec.child(new FieldPath.Field("ports"))
                .child(new FieldPath.Keyed((ObjectNode) node("{protocol: TCP, port: 80.0}"), 3));

        assertThat(port).isNotNull();
        assertThat(port.ownsWholeValue()).as("owns only the element and some fields").isFalse();
        assertThat(port.child(new FieldPath.Field("targetPort")).ownsWholeValue()).isTrue();
        assertThat(spec.child(new FieldPath.Field("ports")).child(new FieldPath.Keyed((ObjectNode) node("{port: 81, protocol: TCP}"), 0)))
                .isNull();
        assertThat(spec.child(new FieldPath.Field("finalizers")).child(new FieldPath.SetMember(node("example.com/a"), 0)))
                .isNotNull();
        assertThat(spec.child(new FieldPath.Field("list")).child(new FieldPath.Positional(0)).child(new FieldPath.Field("x")))
                .isNotNull();
    }

    @Test
    void shouldRejectEntriesThatAreNotFieldsV1() {
        assertThatThrownBy(() -> FieldSet.parse(node("{'x:y': {}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown fieldsV1 entry x:y");
        assertThatThrownBy(() -> FieldSet.parse(node("{'k:{broken': {}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("fieldsV1 entry k:{broken is not JSON");
        assertThatThrownBy(() -> FieldSet.parse(node("{'i:x': {}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("fieldsV1 entry i:x is not a list position");
    }

    @Test
    void shouldTreatUnreadableEntryAsOwningNothing() {
        ObjectNode live = yaml("""
                metadata:
                  managedFields:
                    - {manager: broken, operation: Update, fieldsV1: {'x:spec': {}}}
                    - {manager: hpa, operation: Update, fieldsV1: {f:spec: {f:replicas: {}}}}
                    - {manager: legacy, operation: Update}
                """);

        ManagedFields managedFields = ManagedFields.of(live, REF);

        assertThat(managedFields.ownedBy(Set.of("broken", "legacy"))).isEmpty();
        assertThat(managedFields.ownedBy(List.of("hpa"))).hasSize(1);
    }

    @Test
    void shouldKnowNoManagersOfObjectWithoutManagedFields() {
        assertThat(ManagedFields.of(yaml("{metadata: {name: x}}"), REF).hasManager("gitops-sync")).isFalse();
        assertThat(ManagedFields.none().ownedBy(Set.of("gitops-sync"))).isEmpty();
    }
}
