package io.jenkins.plugins.gitops.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.cluster.ResourceType;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import io.jenkins.plugins.gitops.engine.resource.Origin;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplyOrderTest {

    private static ResolvedObject object(String group, String kind, String name, String wave) {
        ObjectNode manifest = new ObjectMapper().createObjectNode();
        manifest.put("apiVersion", group.isEmpty() ? "v1" : group + "/v1").put("kind", kind);
        ObjectNode metadata = manifest.putObject("metadata").put("name", name);
        if (wave != null) {
            metadata.putObject("annotations").put(ApplyOrder.SYNC_WAVE_ANNOTATION, wave);
        }
        boolean namespaced = !List.of("Namespace", "CustomResourceDefinition", "ClusterRole").contains(kind);
        return new ResolvedObject(new KubeObject(manifest, new Origin("app.yaml", 3)),
                new ResourceType(group, "v1", kind, kind.toLowerCase() + "s", namespaced),
                new ObjectRef(group, kind, namespaced ? "shop" : null, name), manifest);
    }

    private static List<String> names(ApplyOrder.Step step) {
        return step.objects().stream().map(o -> o.ref().kind() + "/" + o.ref().name()).toList();
    }

    @Test
    void shouldApplyNamespacesAndDefinitionsBeforeEverythingElseWhateverTheirWave() {
        List<ApplyOrder.Step> steps = ApplyOrder.plan(List.of(
                object("apps", "Deployment", "web", null),
                object("apiextensions.k8s.io", "CustomResourceDefinition", "widgets.example.com", "5"),
                object("", "Namespace", "shop", null)));

        assertThat(steps).hasSize(2);
        assertThat(names(steps.get(0))).containsExactly("Namespace/shop", "CustomResourceDefinition/widgets.example.com");
        assertThat(names(steps.get(1))).containsExactly("Deployment/web");
    }

    @Test
    void shouldOrderKindsSoThatDependenciesComeFirst() {
        List<ApplyOrder.Step> steps = ApplyOrder.plan(List.of(
                object("networking.k8s.io", "Ingress", "web", null),
                object("apps", "Deployment", "web", null),
                object("", "Service", "web", null),
                object("", "ConfigMap", "settings", null),
                object("", "ServiceAccount", "web", null),
                object("rbac.authorization.k8s.io", "ClusterRole", "reader", null),
                object("example.com", "Widget", "w", null)));

        assertThat(names(steps.get(0))).containsExactly("ClusterRole/reader", "ServiceAccount/web", "ConfigMap/settings",
                "Service/web", "Deployment/web", "Ingress/web", "Widget/w");
    }

    @Test
    void shouldGroupObjectsIntoWavesLowestFirst() {
        List<ApplyOrder.Step> steps = ApplyOrder.plan(List.of(
                object("", "ConfigMap", "late", "2"),
                object("", "ConfigMap", "default", null),
                object("", "ConfigMap", "early", "-1")));

        assertThat(steps).extracting(ApplyOrder.Step::wave).containsExactly(-1, 0, 2);
        assertThat(steps).extracting(ApplyOrder.Step::toString).containsExactly("wave -1", "wave 0", "wave 2");
    }

    @Test
    void shouldReadArgoCdsSyncWaveAndLetThisProjectsAnnotationWin() {
        ResolvedObject argo = object("", "ConfigMap", "argo-late", null);
        argo.manifest().with("metadata").with("annotations").put(ApplyOrder.ARGO_SYNC_WAVE_ANNOTATION, "3");
        ResolvedObject both = object("", "ConfigMap", "ours-wins", "-2");
        both.manifest().with("metadata").with("annotations").put(ApplyOrder.ARGO_SYNC_WAVE_ANNOTATION, "7");

        assertThat(ApplyOrder.waveOf(argo)).isEqualTo(3);
        assertThat(ApplyOrder.waveOf(both)).isEqualTo(-2);
    }

    @Test
    void shouldNameArgoCdsAnnotationWhenItsWaveIsNotAnInteger() {
        ResolvedObject argo = object("", "ConfigMap", "c", null);
        argo.manifest().with("metadata").with("annotations").put(ApplyOrder.ARGO_SYNC_WAVE_ANNOTATION, "first");

        assertThatThrownBy(() -> ApplyOrder.waveOf(argo)).hasMessageContaining("argocd.argoproj.io/sync-wave: \"first\"");
    }

    @Test
    void shouldRefuseAWaveThatIsNotAnIntegerNamingTheObjectAndItsFile() {
        assertThatThrownBy(() -> ApplyOrder.plan(List.of(object("", "ConfigMap", "c", "soon"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("app.yaml:3")
                .hasMessageContaining("ConfigMap/shop/c")
                .hasMessageContaining("\"soon\"");
    }

    @Test
    void shouldPruneInTheReverseOfApplyOrder() {
        List<ResolvedObject> objects = new java.util.ArrayList<>(List.of(
                object("", "ConfigMap", "settings", null),
                object("apps", "Deployment", "web", null),
                object("", "ConfigMap", "late", "3")));

        objects.sort(ApplyOrder.pruneOrder());

        assertThat(objects).extracting(o -> o.ref().name()).containsExactly("late", "web", "settings");
    }
}
