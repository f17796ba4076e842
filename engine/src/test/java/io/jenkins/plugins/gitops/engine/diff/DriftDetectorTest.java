package io.jenkins.plugins.gitops.engine.diff;

import static io.jenkins.plugins.gitops.engine.diff.Manifests.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftDetectorTest {

    private final DriftDetector detector = new DriftDetector();

    // --- Behaviour on objects recorded from a real API server (src/test/resources/diff/) ---

    @Test
    void shouldReportInSyncWhenServerAddedDefaults() {
        ObjectDrift drift = Scenario.load("deployment-server-defaults").compare();

        assertThat(drift.status()).isEqualTo(DriftStatus.IN_SYNC);
    }

    @Test
    void shouldReportInSyncWhenQuantitiesAreSpelledOtherwise() {
        assertThat(Scenario.load("deployment-quantities").compare().status()).isEqualTo(DriftStatus.IN_SYNC);
        assertThat(Scenario.load("resourcequota-quantities").compare().status()).isEqualTo(DriftStatus.IN_SYNC);
    }

    @Test
    void shouldReportInSyncWhenGitDeclaresEmptyValuesTheServerOmits() {
        assertThat(Scenario.load("deployment-empty-values").compare().status()).isEqualTo(DriftStatus.IN_SYNC);
    }

    @Test
    void shouldReportInSyncWhenSecretDeclaresStringData() {
        assertThat(Scenario.load("secret-stringdata").compare().status()).isEqualTo(DriftStatus.IN_SYNC);
    }

    @Test
    void shouldReportInSyncWhenASidecarWasInjected() {
        assertThat(Scenario.load("deployment-extra-sidecar").compare().status()).isEqualTo(DriftStatus.IN_SYNC);
    }

    @Test
    void shouldReportDriftWhenImageChanged() {
        ObjectDrift drift = Scenario.load("deployment-image-changed").compare();

        assertThat(drift.status()).isEqualTo(DriftStatus.OUT_OF_SYNC);
        assertThat(drift.changes()).singleElement().satisfies(change -> {
            assertThat(change.path()).isEqualTo(".spec.template.spec.containers[name=web].image");
            assertThat(change.desired().asText()).isEqualTo("nginx:1.25.3");
            assertThat(change.live().asText()).isEqualTo("nginx:1.24.0");
        });
    }

    @Test
    void shouldReportDriftWhenEnvVarRemoved() {
        ObjectDrift drift = Scenario.load("deployment-env-removed").compare();

        assertThat(drift.changes()).singleElement().satisfies(change -> {
            assertThat(change.path()).isEqualTo(".spec.template.spec.containers[name=web].env[name=GREETING]");
            assertThat(change.liveAbsent()).isTrue();
        });
    }

    @Test
    void shouldReportInSyncWhenAssociativeListsAreReordered() {
        assertThat(Scenario.load("deployment-reordered-lists").compare().status()).isEqualTo(DriftStatus.IN_SYNC);
    }

    @Test
    void shouldReportDriftWhenArgsOrderChanged() {
        ObjectDrift drift = Scenario.load("deployment-args-reordered").compare();

        assertThat(drift.changedPaths()).containsExactly(".spec.template.spec.containers[name=web].args");
    }

    @Test
    void shouldReportInSyncWhenIgnoredPointerDiffers() {
        Scenario scenario = Scenario.load("deployment-ignore-replicas-pointer");

        assertThat(scenario.compare().status()).isEqualTo(DriftStatus.IN_SYNC);
        assertThat(detector.compare(scenario.desired(), scenario.live()).changedPaths()).containsExactly(".spec.replicas");
    }

    @Test
    void shouldReportInSyncWhenIgnoredFieldManagerOwnsTheChange() {
        Scenario scenario = Scenario.load("deployment-ignore-autoscaler");

        assertThat(scenario.compare().status()).isEqualTo(DriftStatus.IN_SYNC);
        assertThat(detector.compare(scenario.desired(), scenario.live()).changedPaths()).containsExactly(".spec.replicas");
    }

    @Test
    void shouldReportDriftWhenVolumeTypeChanged() {
        assertThat(Scenario.load("deployment-volume-source-changed").compare().changedPaths())
                .containsExactly(".spec.template.spec.volumes[name=cache].emptyDir");
    }

    @Test
    void shouldReportDriftWhenFalseValueRemovedFromFieldsWeOwned() {
        assertThat(Scenario.load("deployment-zero-value-removed").compare().changedPaths())
                .containsExactly(".spec.template.spec.shareProcessNamespace");
    }

    @Test
    void shouldAcceptAbsentFalseValueWhenOwnFieldManagerIsUnknown() {
        // Without our manager's managedFields, "the server omitted false" cannot be told from "somebody
        // removed false": the detector then gives the benefit of the doubt (documented in OmittedValues).
        Scenario scenario = Scenario.load("deployment-zero-value-removed");
        DriftDetector withoutEvidence = new DriftDetector(DiffOptions.defaults().withOwnFieldManager(null));

        assertThat(withoutEvidence.compare(scenario.desired(), scenario.live()).status()).isEqualTo(DriftStatus.IN_SYNC);
    }

    @Test
    void shouldReportInSyncWhenManifestWasExportedFromTheCluster() {
        assertThat(Scenario.load("deployment-exported-from-cluster").compare().status()).isEqualTo(DriftStatus.IN_SYNC);
    }

    @Test
    void shouldNeverRevealSecretValues() throws Exception {
        ObjectDrift drift = Scenario.load("secret-value-changed").compare();

        String everything = new ObjectMapper().writeValueAsString(drift) + drift + drift.diffText() + drift.changes()
                + drift.normalizedDesired() + drift.comparedDesired() + drift.comparedLive();

        assertThat(drift.changedPaths()).containsExactly(".data.password");
        assertThat(everything).doesNotContain(
                "correct-horse-battery-staple", "Y29ycmVjdC1ob3JzZS1iYXR0ZXJ5LXN0YXBsZQ==",
                "hunter2", "aHVudGVyMg==", "shop-admin", "c2hvcC1hZG1pbg==");
        assertThat(drift.changes().get(0).desired().asText()).isEqualTo("(redacted sha256:87cbeb)");
        assertThat(drift.changes().get(0).live().asText()).isEqualTo("(redacted sha256:f52fbd)");
    }

    @Test
    void shouldNeverRevealSecretValuesWhenSecretIsMissing() throws Exception {
        ObjectDrift drift = detector.compare(Scenario.load("secret-stringdata").desired(), null);

        assertThat(new ObjectMapper().writeValueAsString(drift) + drift.diffText())
                .doesNotContain("correct-horse-battery-staple", "Y29ycmVjdC1ob3JzZS1iYXR0ZXJ5LXN0YXBsZQ==")
                .contains("password: (redacted sha256:87cbeb)");
    }

    @Test
    void shouldNeverRevealSecretValuesWhenWholeDataIsMissing() {
        ObjectDrift drift = detector.compare(
                yaml("{apiVersion: v1, kind: Secret, metadata: {name: s}, stringData: {token: abc123secret}}"),
                yaml("{apiVersion: v1, kind: Secret, metadata: {name: s, namespace: ns}, type: Opaque}"));

        assertThat(drift.changedPaths()).containsExactly(".data.token");
        assertThat(drift.changes() + drift.diffText()).doesNotContain("abc123secret", "YWJjMTIzc2VjcmV0");
    }

    // --- Rules shown on small objects ---

    @Test
    void shouldReportMissingWhenLiveObjectIsNull() {
        ObjectDrift drift = detector.compare(Scenario.load("deployment-missing").desired(), null);

        assertThat(drift.status()).isEqualTo(DriftStatus.MISSING);
        assertThat(drift.hasDrift()).isTrue();
        assertThat(drift.changes()).isEmpty();
        assertThat(drift.diffText()).startsWith("--- live Deployment/web\n+++ desired Deployment/web\n@@ -0,0 +1,");
    }

    @Test
    void shouldNameObjectWithLiveNamespaceWhenGitDeclaresNone() {
        ObjectDrift drift = detector.compare(
                yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {a: b}}"),
                yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: shop}, data: {a: b}}"));

        assertThat(drift.ref()).isEqualTo(new ObjectRef("", "ConfigMap", "shop", "c"));
        assertThat(drift.status()).isEqualTo(DriftStatus.IN_SYNC);
    }

    @Test
    void shouldNotCompareNamespaceOfClusterScopedObject() {
        // A namespace declared on a cluster-scoped object is dropped by the server; it is identity, not content.
        ObjectDrift drift = detector.compare(
                yaml("{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: r, namespace: shop}}"),
                yaml("{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: r}}"));

        assertThat(drift.status()).isEqualTo(DriftStatus.IN_SYNC);
    }

    @Test
    void shouldReportDriftWhenUndeclaredKeyIsFineButDeclaredOneDiffers() {
        ObjectDrift drift = detector.compare(
                yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, labels: {app: web}}, data: {a: '1'}}"),
                yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, labels: {app: web, extra: x}}, data: {a: '2', b: '3'}}"));

        assertThat(drift.changedPaths()).containsExactly(".data.a");
    }

    @Test
    void shouldReportEachDeclaredFieldOfAMapTheLiveObjectLacks() {
        ObjectDrift drift = detector.compare(
                yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, annotations: {a: x, b: y}}}"),
                yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c}}"));

        assertThat(drift.changedPaths()).containsExactly(".metadata.annotations.a", ".metadata.annotations.b");
        assertThat(drift.changes()).allSatisfy(change -> assertThat(change.liveAbsent()).isTrue());
    }

    @Test
    void shouldQuoteMapKeysThatAreNotPlainWords() {
        ObjectDrift drift = detector.compare(
                yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, labels: {app.kubernetes.io/name: web}}}"),
                yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, labels: {app.kubernetes.io/name: api}}}"));

        assertThat(drift.changedPaths()).containsExactly(".metadata.labels[\"app.kubernetes.io/name\"]");
    }

    @Test
    void shouldMatchContainerPortWithoutProtocolToDefaultTcp() {
        ObjectNode desired = deployment("ports: [{containerPort: 53}]");
        ObjectNode live = deployment("ports: [{containerPort: 53, protocol: UDP}, {containerPort: 53, protocol: TCP}]");

        assertThat(detector.compare(desired, live).status()).isEqualTo(DriftStatus.IN_SYNC);
        assertThat(detector.compare(desired, deployment("ports: [{containerPort: 53, protocol: UDP}]")).changedPaths())
                .containsExactly(".spec.template.spec.containers[name=web].ports[containerPort=53,protocol=TCP]");
    }

    @Test
    void shouldReportDriftWhenAtomicListHasAnExtraElement() {
        ObjectNode desired = deployment("args: [a, b]");

        assertThat(detector.compare(desired, deployment("args: [a, b, c]")).changedPaths())
                .containsExactly(".spec.template.spec.containers[name=web].args");
    }

    @Test
    void shouldCompareListsOfMapsWithoutMergeKeyByPosition() {
        ObjectNode desired = yaml("""
                {apiVersion: rbac.authorization.k8s.io/v1, kind: Role, metadata: {name: r},
                 rules: [{apiGroups: [''], resources: [pods], verbs: [get]}, {apiGroups: [apps], resources: [deployments], verbs: [get]}]}""");
        ObjectNode reordered = yaml("""
                {apiVersion: rbac.authorization.k8s.io/v1, kind: Role, metadata: {name: r},
                 rules: [{apiGroups: [apps], resources: [deployments], verbs: [get]}, {apiGroups: [''], resources: [pods], verbs: [get]}]}""");
        ObjectNode extra = yaml("""
                {apiVersion: rbac.authorization.k8s.io/v1, kind: Role, metadata: {name: r},
                 rules: [{apiGroups: [''], resources: [pods], verbs: [get]}, {apiGroups: [apps], resources: [deployments], verbs: [get]},
                         {apiGroups: [''], resources: [secrets], verbs: [get]}]}""");

        assertThat(detector.compare(desired, reordered).changedPaths())
                .containsExactly(".rules[0].apiGroups", ".rules[0].resources", ".rules[1].apiGroups", ".rules[1].resources");
        assertThat(detector.compare(desired, extra).changedPaths()).containsExactly(".rules");
    }

    @Test
    void shouldAllowFinalizersAddedByControllers() {
        ObjectNode desired = yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, finalizers: [example.com/a]}}");

        assertThat(detector.compare(desired,
                yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, finalizers: [other/b, example.com/a]}}")).status())
                .isEqualTo(DriftStatus.IN_SYNC);
        assertThat(detector.compare(desired,
                yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, finalizers: [other/b]}}")).changedPaths())
                .containsExactly(".metadata.finalizers");
    }

    @Test
    void shouldReportDriftWhenIntOrStringChangesType() {
        ObjectNode desired = yaml("{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, "
                + "spec: {strategy: {rollingUpdate: {maxSurge: 1}}}}");

        assertThat(detector.compare(desired, yaml("{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, "
                + "spec: {strategy: {rollingUpdate: {maxSurge: '1'}}}}")).changedPaths())
                .containsExactly(".spec.strategy.rollingUpdate.maxSurge");
        assertThat(detector.compare(desired, yaml("{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, "
                + "spec: {strategy: {rollingUpdate: {maxSurge: 1.0}}}}")).status())
                .isEqualTo(DriftStatus.IN_SYNC);
    }

    @Test
    void shouldReportDriftWhenTypeOfValueDiffers() {
        ObjectDrift drift = detector.compare(
                yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {a: {nested: x}}}"),
                yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {a: flat}}"));

        assertThat(drift.changedPaths()).containsExactly(".data.a");
    }

    @Test
    void shouldIgnorePointerWithWildcardAndOnlyInMatchingObjects() {
        ObjectNode desired = deployment("image: web:1");
        ObjectNode live = deployment("image: web:2");
        DriftDetector ignoringImages = new DriftDetector(DiffOptions.defaults().withIgnoreRules(List.of(
                IgnoreRule.pointers("/spec/template/spec/containers/*/image").forKind("apps", "Deployment"))));
        DriftDetector ignoringOtherObject = new DriftDetector(DiffOptions.defaults().withIgnoreRules(List.of(
                IgnoreRule.pointers("/spec/template/spec/containers/*/image").forObject("*", "other"))));

        assertThat(ignoringImages.compare(desired, live).status()).isEqualTo(DriftStatus.IN_SYNC);
        assertThat(ignoringOtherObject.compare(desired, live).status()).isEqualTo(DriftStatus.OUT_OF_SYNC);
    }

    @Test
    void shouldLeaveIgnoredFieldsOutOfTheDiffText() {
        Scenario scenario = Scenario.load("deployment-ignore-replicas-pointer");
        ObjectNode desired = scenario.desired().deepCopy();
        ((ObjectNode) desired.at("/spec/template/spec/containers/0")).put("image", "nginx:1.26.0");

        ObjectDrift drift = new DriftDetector(scenario.options()).compare(desired, scenario.live());

        assertThat(drift.changedPaths()).containsExactly(".spec.template.spec.containers[name=web].image");
        assertThat(drift.diffText()).doesNotContain("replicas");
        assertThat(drift.comparedDesired().path("spec").has("replicas")).isFalse();
        assertThat(drift.normalizedDesired().path("spec").path("replicas").asInt()).isEqualTo(3);
    }

    @Test
    void shouldNotModifyTheDesiredObject() {
        Scenario scenario = Scenario.load("deployment-empty-values");
        ObjectNode before = scenario.desired().deepCopy();

        detector.compare(scenario.desired(), scenario.live());

        assertThat(scenario.desired()).isEqualTo(before);
    }

    @Test
    void shouldRefuseToCompareDifferentObjects() {
        ObjectNode desired = yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: shop}}");

        assertThatThrownBy(() -> detector.compare(desired, yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: b}}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ConfigMap/shop/a: the live object given is ConfigMap b");
        assertThatThrownBy(() -> detector.compare(desired, yaml("{apiVersion: v1, kind: Secret, metadata: {name: a}}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseDesiredObjectWithoutName() {
        assertThatThrownBy(() -> detector.compare(yaml("{apiVersion: v1, kind: ConfigMap, metadata: {}}"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ConfigMap/?")
                .hasMessageContaining("lacks apiVersion, kind or metadata.name");
    }

    @Test
    void shouldAcceptLiveObjectFromListWithoutKind() {
        // Items of a LIST response may carry no apiVersion and kind.
        ObjectDrift drift = detector.compare(
                yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {a: b}}"),
                yaml("{metadata: {name: c, namespace: shop}, data: {a: b}}"));

        assertThat(drift.status()).isEqualTo(DriftStatus.IN_SYNC);
    }

    private static ObjectNode deployment(String containerFields) {
        return yaml("{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {template: {spec: "
                + "{containers: [{name: web, " + containerFields + "}]}}}}");
    }
}
