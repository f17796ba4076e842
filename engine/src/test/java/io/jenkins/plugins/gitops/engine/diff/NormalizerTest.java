package io.jenkins.plugins.gitops.engine.diff;

import static io.jenkins.plugins.gitops.engine.diff.Manifests.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizerTest {

    private final Normalizer normalizer = Normalizer.standard();

    @Test
    void shouldListItsRulesInOrder() {
        assertThat(normalizer.ruleNames()).containsExactly(
                "drop-server-set-fields", "drop-null-values", "secret-string-data-as-data", "integral-numbers-as-integers");
    }

    @Test
    void shouldDropServerSetMetadataAndStatus() {
        ObjectNode normalized = normalizer.normalize(yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: c
                  uid: 1234
                  resourceVersion: "77"
                  generation: 3
                  creationTimestamp: "2024-01-01T00:00:00Z"
                  selfLink: /api/v1/namespaces/x/configmaps/c
                  managedFields: [{manager: kubectl}]
                  labels: {app: web}
                status: {phase: Active}
                """));

        assertThat(normalized).isEqualTo(yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, labels: {app: web}}}"));
    }

    @Test
    void shouldDropNullValuesButKeepNullsInLists() {
        ObjectNode normalized = normalizer.normalize(yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, annotations: null}
                spec: {template: {metadata: {creationTimestamp: null, labels: {a: b}}}, list: [null, 1]}
                """));

        assertThat(normalized).isEqualTo(yaml(
                "{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, spec: {template: {metadata: {labels: {a: b}}}, list: [null, 1]}}"));
    }

    @Test
    void shouldMoveSecretStringDataIntoBase64DataWithStringDataWinning() {
        ObjectNode normalized = normalizer.normalize(yaml("""
                apiVersion: v1
                kind: Secret
                metadata: {name: s}
                data: {user: YWRtaW4=, password: b2xk}
                stringData: {password: "pä$$", port: 5432}
                """));

        assertThat(normalized.has("stringData")).isFalse();
        assertThat(normalized.get("data")).isEqualTo(yaml("{user: YWRtaW4=, password: cMOkJCQ=, port: NTQzMg==}"));
    }

    @Test
    void shouldLeaveStringDataOfOtherKindsAlone() {
        ObjectNode custom = yaml("{apiVersion: example.com/v1, kind: Secret, metadata: {name: s}, stringData: {a: b}}");

        assertThat(normalizer.normalize(custom)).isEqualTo(custom);
    }

    @Test
    void shouldWriteWholeNumbersWithoutFraction() {
        ObjectNode normalized = normalizer.normalize(yaml(
                "{apiVersion: v1, kind: X, metadata: {name: x}, spec: {a: 1.0, b: 2.5, c: [3.0, 4], d: 1.0e10, e: 1e30}}"));

        assertThat(normalized.path("spec").toString()).isEqualTo("{\"a\":1,\"b\":2.5,\"c\":[3,4],\"d\":10000000000,\"e\":1000000000000000000000000000000}");
        assertThat(normalized.at("/spec/a").isInt()).isTrue();
        assertThat(normalized.at("/spec/d").isLong()).isTrue();
    }

    @Test
    void shouldNotModifyItsArgument() {
        ObjectNode desired = yaml("{apiVersion: v1, kind: Secret, metadata: {name: s, uid: x}, stringData: {a: b}}");
        ObjectNode copy = desired.deepCopy();

        normalizer.normalize(desired);

        assertThat(desired).isEqualTo(copy);
    }

    @Test
    void shouldApplyOnlyTheRulesItWasGiven() {
        Normalizer onlyNulls = Normalizer.of(List.of(new DropNullValues()));

        assertThat(onlyNulls.normalize(yaml("{kind: X, status: {}, a: null}"))).isEqualTo(yaml("{kind: X, status: {}}"));
        assertThat(onlyNulls).hasToString("Normalizer[drop-null-values]");
    }
}
