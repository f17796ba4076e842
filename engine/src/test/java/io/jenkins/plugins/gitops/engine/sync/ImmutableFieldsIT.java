package io.jenkins.plugins.gitops.engine.sync;

import static io.jenkins.plugins.gitops.engine.testing.Manifests.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A change to a field the API server keeps immutable (a Deployment's selector, a Job's template) fails with a
 * message that names the field and the way out; with the recreate option of this project, Flux or Argo CD the
 * object is deleted and created again, and the report says "recreated".
 */
@ExtendWith(RealApiServer.class)
class ImmutableFieldsIT {

    private ClusterConnection connection;
    private KubernetesClient admin;
    private String namespace;
    private final List<String> console = new ArrayList<>();

    @BeforeEach
    void connect(TestCluster cluster) {
        connection = cluster.connection();
        admin = cluster.admin();
        namespace = cluster.namespace();
    }

    private SyncResult sync(List<KubeObject> desired) {
        return Engines.reconciler(connection).reconcile(desired, new Target("immutable-" + namespace, namespace),
                SyncPolicy.defaults().withWaitForHealth(false, Duration.ZERO), Mode.SYNC, console::add);
    }

    private static List<KubeObject> deployment(String selector, String annotation) {
        return parse("web.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                %s
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: %s}
                  template:
                    metadata:
                      labels: {app: %s}
                    spec:
                      containers:
                        - name: main
                          image: nginx:1.25
                """.formatted(annotation.isEmpty() ? "" : "  annotations:\n    " + annotation, selector, selector));
    }

    private static List<KubeObject> job(String image, String annotation) {
        return parse("migrate.yaml", """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: migrate
                %s
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                        - name: migrate
                          image: %s
                """.formatted(annotation.isEmpty() ? "" : "  annotations:\n    " + annotation, image));
    }

    @Test
    void shouldNameTheImmutableFieldAndTheWayOut() {
        sync(deployment("web", ""));

        SyncResult result = sync(deployment("web-v2", ""));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.entries().get(0).action()).isEqualTo(Action.FAILED);
        assertThat(result.entries().get(0).message()).startsWith("Deployment/" + namespace + "/web: .spec.selector is"
                + " immutable: the API server refuses to change it in place. Revert the change in Git, or let the object"
                + " be deleted and created again on such a change: annotate it in Git with gitops-sync.jenkins.io/force:"
                + " enabled");
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get().getSpec().getSelector()
                .getMatchLabels()).containsEntry("app", "web");
    }

    @Test
    void shouldRecreateADeploymentWhoseSelectorChangedWhenGitAllowsIt() {
        sync(deployment("web", "gitops-sync.jenkins.io/force: enabled"));
        String oldUid = admin.apps().deployments().inNamespace(namespace).withName("web").get().getMetadata().getUid();

        SyncResult result = sync(deployment("web-v2", "gitops-sync.jenkins.io/force: enabled"));

        assertThat(result.outcome()).as("%s", result.entries()).isEqualTo(Outcome.SYNCED);
        assertThat(result.entries().get(0).action()).isEqualTo(Action.RECREATED);
        assertThat(result.entries().get(0).message()).contains(".spec.selector changed, which the API server allows only"
                + " on a new object: deleted and created again (annotated gitops-sync.jenkins.io/force: enabled)");
        var live = admin.apps().deployments().inNamespace(namespace).withName("web").get();
        assertThat(live.getMetadata().getUid()).isNotEqualTo(oldUid);
        assertThat(live.getSpec().getSelector().getMatchLabels()).containsEntry("app", "web-v2");
    }

    @Test
    void shouldRecreateAJobWhoseTemplateChangedWithFluxsForceAnnotation() {
        sync(job("migrate:1", "kustomize.toolkit.fluxcd.io/force: enabled"));

        SyncResult result = sync(job("migrate:2", "kustomize.toolkit.fluxcd.io/force: enabled"));

        assertThat(result.entries().get(0).action()).as("%s", result.entries()).isEqualTo(Action.RECREATED);
        assertThat(admin.batch().v1().jobs().inNamespace(namespace).withName("migrate").get().getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage()).isEqualTo("migrate:2");
    }

    @Test
    void shouldRecreateWithArgoCdsReplaceOption() {
        sync(job("migrate:1", "argocd.argoproj.io/sync-options: Replace=true"));

        SyncResult result = sync(job("migrate:2", "argocd.argoproj.io/sync-options: Replace=true"));

        assertThat(result.entries().get(0).action()).isEqualTo(Action.RECREATED);
    }
}
