package io.jenkins.plugins.gitops.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestNamespace;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The drift detector against what a real kube-apiserver (1.20) returns: an object just applied with
 * server-side apply is in sync, whatever the server added; an edit of a declared field by another field
 * manager is drift, named by its path; an edit of an undeclared field is not.
 *
 * <p>The manifests are {@code src/test/resources/diff/applied/}. They spell CPU quantities as strings
 * ({@code cpu: "0.5"}): server-side apply in 1.20 rejects a quantity written as a JSON number
 * ("expected string, got &value.valueUnstructured{Value:0.5}"); comparing the numeric spelling is shown
 * by {@link #shouldCompareQuantitiesByAmountWhateverTheirSpelling}.
 */
@ExtendWith(RealApiServer.class)
class DriftAgainstApiServerIT {

    private static final String OUR_MANAGER = DiffOptions.DEFAULT_FIELD_MANAGER;

    private final DriftDetector detector = new DriftDetector();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "web-deployment", "web-deployment-empty-values", "web-service", "web-configmap", "db-secret",
        "web-role", "web-rolebinding", "web-serviceaccount", "compute-quota"})
    void shouldReportInSyncRightAfterServerSideApply(String manifest, KubernetesClient client, TestNamespace namespace) {
        ObjectNode desired = manifest(manifest);
        apply(client, namespace, desired);

        ObjectDrift drift = detector.compare(desired, live(client, namespace, desired));

        assertThat(drift.changes()).isEmpty();
        assertThat(drift.status()).isEqualTo(DriftStatus.IN_SYNC);
    }

    @Test
    void shouldStayInSyncWhenTheSameManifestIsAppliedAgain(KubernetesClient client, TestNamespace namespace) {
        ObjectNode desired = manifest("web-deployment");
        apply(client, namespace, desired);
        apply(client, namespace, desired);

        assertThat(detector.compare(desired, live(client, namespace, desired)).status()).isEqualTo(DriftStatus.IN_SYNC);
    }

    @Test
    void shouldReportMissingWhenNotApplied(KubernetesClient client, TestNamespace namespace) {
        ObjectNode desired = manifest("web-configmap");

        assertThat(detector.compare(desired, live(client, namespace, desired)).status()).isEqualTo(DriftStatus.MISSING);
    }

    @Test
    void shouldReportImageChangedByKubectlEdit(KubernetesClient client, TestNamespace namespace) {
        ObjectNode desired = manifest("web-deployment");
        apply(client, namespace, desired);
        edit(client, namespace, desired, "kubectl-edit", PatchType.STRATEGIC_MERGE,
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.24.0\"}]}}}}");

        ObjectDrift drift = detector.compare(desired, live(client, namespace, desired));

        assertThat(drift.status()).isEqualTo(DriftStatus.OUT_OF_SYNC);
        assertThat(drift.changedPaths()).containsExactly(".spec.template.spec.containers[name=web].image");
        assertThat(drift.diffText()).contains("-          image: nginx:1.24.0", "+          image: nginx:1.25.3");
    }

    @Test
    void shouldReportReplicasChangedByKubectlEdit(KubernetesClient client, TestNamespace namespace) {
        ObjectNode desired = manifest("web-deployment");
        apply(client, namespace, desired);
        edit(client, namespace, desired, "kubectl-edit", PatchType.JSON_MERGE, "{\"spec\":{\"replicas\":5}}");

        ObjectDrift drift = detector.compare(desired, live(client, namespace, desired));

        assertThat(drift.changes()).singleElement().satisfies(change -> {
            assertThat(change.path()).isEqualTo(".spec.replicas");
            assertThat(change.desired().asInt()).isEqualTo(3);
            assertThat(change.live().asInt()).isEqualTo(5);
        });
    }

    @Test
    void shouldIgnoreReplicasWrittenByAnIgnoredFieldManager(KubernetesClient client, TestNamespace namespace) {
        ObjectNode desired = manifest("web-deployment");
        apply(client, namespace, desired);
        edit(client, namespace, desired, "horizontal-pod-autoscaler", PatchType.JSON_MERGE, "{\"spec\":{\"replicas\":9}}");
        DriftDetector ignoringAutoscaler = new DriftDetector(DiffOptions.defaults().withIgnoreRules(List.of(
                IgnoreRule.fieldsOwnedBy("horizontal-pod-autoscaler").forKind("apps", "Deployment"))));

        ObjectNode live = live(client, namespace, desired);

        assertThat(ignoringAutoscaler.compare(desired, live).status()).isEqualTo(DriftStatus.IN_SYNC);
        assertThat(detector.compare(desired, live).changedPaths()).containsExactly(".spec.replicas");
    }

    @Test
    void shouldReportEnvVarRemovedByKubectlEdit(KubernetesClient client, TestNamespace namespace) {
        ObjectNode desired = manifest("web-deployment");
        apply(client, namespace, desired);
        edit(client, namespace, desired, "kubectl-edit", PatchType.JSON,
                "[{\"op\":\"remove\",\"path\":\"/spec/template/spec/containers/0/env/1\"}]");

        ObjectDrift drift = detector.compare(desired, live(client, namespace, desired));

        assertThat(drift.changedPaths()).containsExactly(".spec.template.spec.containers[name=web].env[name=GREETING]");
    }

    @Test
    void shouldReportFalseValueRemovedByKubectlEdit(KubernetesClient client, TestNamespace namespace) {
        ObjectNode desired = manifest("web-deployment");
        apply(client, namespace, desired);
        edit(client, namespace, desired, "kubectl-edit", PatchType.JSON,
                "[{\"op\":\"remove\",\"path\":\"/spec/template/spec/shareProcessNamespace\"}]");

        ObjectDrift drift = detector.compare(desired, live(client, namespace, desired));

        assertThat(drift.changedPaths()).containsExactly(".spec.template.spec.shareProcessNamespace");
    }

    @Test
    void shouldStayInSyncWhenASidecarIsInjected(KubernetesClient client, TestNamespace namespace) {
        ObjectNode desired = manifest("web-deployment");
        apply(client, namespace, desired);
        edit(client, namespace, desired, "sidecar-injector", PatchType.STRATEGIC_MERGE,
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"istio-proxy\",\"image\":\"istio/proxyv2:1.20.0\"}]}}}}");

        assertThat(detector.compare(desired, live(client, namespace, desired)).status()).isEqualTo(DriftStatus.IN_SYNC);
    }

    @Test
    void shouldCompareQuantitiesByAmountWhateverTheirSpelling(KubernetesClient client, TestNamespace namespace) {
        ObjectNode applied = manifest("web-deployment");
        apply(client, namespace, applied);
        ObjectNode numeric = applied.deepCopy();
        ObjectNode numericResources = (ObjectNode) numeric.at("/spec/template/spec/containers/0/resources");
        numericResources.putObject("limits").put("cpu", 0.5).put("memory", 1_073_741_824L);
        numericResources.putObject("requests").put("cpu", "0.25").put("memory", "134217728");

        ObjectNode live = live(client, namespace, applied);

        assertThat(live.at("/spec/template/spec/containers/0/resources/limits/cpu").asText())
                .as("the server's spelling of cpu: \"0.5\"").isEqualTo("500m");
        assertThat(detector.compare(numeric, live).status()).isEqualTo(DriftStatus.IN_SYNC);
    }

    @Test
    void shouldReportConfigMapValueChangedByKubectlEdit(KubernetesClient client, TestNamespace namespace) {
        ObjectNode desired = manifest("web-configmap");
        apply(client, namespace, desired);
        edit(client, namespace, desired, "kubectl-edit", PatchType.JSON_MERGE, "{\"data\":{\"LOG_LEVEL\":\"debug\"}}");

        ObjectDrift drift = detector.compare(desired, live(client, namespace, desired));

        assertThat(drift.changedPaths()).containsExactly(".data.LOG_LEVEL");
        assertThat(drift.diffText()).contains("-  LOG_LEVEL: debug", "+  LOG_LEVEL: info");
    }

    @Test
    void shouldReportSecretValueChangedWithoutRevealingIt(KubernetesClient client, TestNamespace namespace)
            throws IOException {
        ObjectNode desired = manifest("db-secret");
        apply(client, namespace, desired);
        // "hunter2", written the way kubectl edit writes Secret data.
        edit(client, namespace, desired, "kubectl-edit", PatchType.JSON_MERGE, "{\"data\":{\"password\":\"aHVudGVyMg==\"}}");

        ObjectDrift drift = detector.compare(desired, live(client, namespace, desired));

        assertThat(drift.changedPaths()).containsExactly(".data.password");
        String everything = new ObjectMapper().writeValueAsString(drift) + drift + drift.diffText();
        assertThat(everything)
                .contains("(redacted sha256:")
                .doesNotContain("hunter2", "aHVudGVyMg==", "correct-horse-battery-staple",
                        "Y29ycmVjdC1ob3JzZS1iYXR0ZXJ5LXN0YXBsZQ==", "shop-admin", "c2hvcC1hZG1pbg==");
    }

    @Test
    void shouldStayInSyncWhenSomebodyAnnotatesTheObject(KubernetesClient client, TestNamespace namespace) {
        ObjectNode desired = manifest("web-configmap");
        apply(client, namespace, desired);
        edit(client, namespace, desired, "kubectl-annotate", PatchType.JSON_MERGE,
                "{\"metadata\":{\"annotations\":{\"owner\":\"team-shop\"},\"labels\":{\"tier\":\"frontend\"}}}");

        assertThat(detector.compare(desired, live(client, namespace, desired)).status()).isEqualTo(DriftStatus.IN_SYNC);
    }

    @Test
    void shouldBeInSyncAgainAfterApplyRevertsAnEdit(KubernetesClient client, TestNamespace namespace) {
        ObjectNode desired = manifest("web-service");
        apply(client, namespace, desired);
        edit(client, namespace, desired, "kubectl-edit", PatchType.STRATEGIC_MERGE,
                "{\"spec\":{\"ports\":[{\"port\":443,\"protocol\":\"TCP\",\"targetPort\":9443}]}}");
        assertThat(detector.compare(desired, live(client, namespace, desired)).changedPaths())
                .containsExactly(".spec.ports[port=443,protocol=TCP].targetPort");

        apply(client, namespace, desired);

        assertThat(detector.compare(desired, live(client, namespace, desired)).status()).isEqualTo(DriftStatus.IN_SYNC);
    }

    private static ObjectNode manifest(String name) {
        try (InputStream in = DriftAgainstApiServerIT.class.getResourceAsStream("/diff/applied/" + name + ".yaml")) {
            return (ObjectNode) new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("diff/applied/" + name + ".yaml: not readable", e);
        }
    }

    /** Server-side apply as the applier does it: our field manager, conflicts forced, the manifest unchanged. */
    private static void apply(KubernetesClient client, TestNamespace namespace, ObjectNode desired) {
        GenericKubernetesResource resource =
                client.getKubernetesSerialization().convertValue(desired, GenericKubernetesResource.class);
        client.resource(resource).inNamespace(namespace.name()).fieldManager(OUR_MANAGER).forceConflicts().serverSideApply();
    }

    /** The object as LIST/GET return it, turned into a tree the way the cluster package does. */
    private static ObjectNode live(KubernetesClient client, TestNamespace namespace, ObjectNode desired) {
        GenericKubernetesResource found = resource(client, namespace, desired).get();
        return found == null ? null : client.getKubernetesSerialization().convertValue(found, ObjectNode.class);
    }

    /** A change by somebody else (an Update, as kubectl edit, kubectl annotate or a controller makes it). */
    private static void edit(KubernetesClient client, TestNamespace namespace, ObjectNode desired, String fieldManager,
            PatchType type, String patch) {
        resource(client, namespace, desired).patch(
                new PatchContext.Builder().withPatchType(type).withFieldManager(fieldManager).build(), patch);
    }

    private static Resource<GenericKubernetesResource> resource(
            KubernetesClient client, TestNamespace namespace, ObjectNode desired) {
        return client.genericKubernetesResources(desired.path("apiVersion").asText(), desired.path("kind").asText())
                .inNamespace(namespace.name())
                .withName(desired.path("metadata").path("name").asText());
    }
}
