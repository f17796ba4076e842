package io.jenkins.plugins.gitops.engine.sync;

import static io.jenkins.plugins.gitops.engine.testing.Manifests.configMap;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.deployment;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.diff.DiffOptions;
import io.jenkins.plugins.gitops.engine.diff.DriftDetector;
import io.jenkins.plugins.gitops.engine.diff.IgnoreRule;
import io.jenkins.plugins.gitops.engine.health.HealthAssessor;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestCluster;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Git is the source of truth, as in Argo CD and Flux: a field another tool changed ({@code kubectl set image},
 * {@code kubectl scale}, {@code kubectl edit}) is taken back by a plain sync, and the sync says so, field by field.
 * The ways to let another manager keep something: the policy that keeps conflicts, an ignore rule naming the
 * manager, and the per-object {@code ssa} annotations.
 */
@ExtendWith(RealApiServer.class)
class GitWinsIT {

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

    private static SyncPolicy defaults() {
        return SyncPolicy.defaults().withWaitForHealth(false, Duration.ZERO);
    }

    private SyncResult reconcile(List<KubeObject> desired, SyncPolicy policy, Mode mode, DiffOptions diffOptions) {
        return new Reconciler(connection, new HealthAssessor(), new DriftDetector(diffOptions), Clock.systemUTC(),
                Duration.ofMillis(200)).reconcile(desired, new Target("git-wins-" + namespace, namespace), policy, mode,
                console::add);
    }

    private SyncResult sync(List<KubeObject> desired, SyncPolicy policy) {
        return reconcile(desired, policy, Mode.SYNC, DiffOptions.defaults());
    }

    private static List<KubeObject> web(int replicas, String image) {
        return parse("apps/web.yaml", deployment("web", replicas, image));
    }

    /** What {@code kubectl set image} and {@code kubectl scale} send: a patch under their own field manager. */
    private void patchDeployment(String fieldManager, String patch) {
        admin.apps().deployments().inNamespace(namespace).withName("web").patch(new PatchContext.Builder()
                .withPatchType(PatchType.STRATEGIC_MERGE).withFieldManager(fieldManager).build(), patch);
    }

    private String liveImage() {
        return admin.apps().deployments().inNamespace(namespace).withName("web").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage();
    }

    private static ChangeSetEntry entry(SyncResult result, String kind, String name) {
        return result.entries().stream().filter(e -> e.ref().kind().equals(kind) && e.ref().name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(kind + "/" + name + " not in " + result.entries()));
    }

    @Test
    void shouldTakeBackAnImageKubectlSetChangedAndSaySoInOneWrite() {
        sync(web(2, "nginx:1.25"), defaults());
        patchDeployment("kubectl-set", "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"nginx:9\"}]}}}}");

        SyncResult result = sync(web(2, "nginx:1.25"), defaults());

        assertThat(result.outcome()).isEqualTo(Outcome.SYNCED);
        ChangeSetEntry web = entry(result, "Deployment", "web");
        assertThat(web.action()).isEqualTo(Action.CONFIGURED);
        assertThat(web.message()).isEqualTo("taken from kubectl-set: .spec.template.spec.containers[name=main].image"
                + " nginx:9 \u2192 nginx:1.25");
        assertThat(console).anyMatch(line -> line.contains("taken from kubectl-set"));
        assertThat(liveImage()).isEqualTo("nginx:1.25");
        assertThat(result.requests().writes()).as("one edited object, one write").isEqualTo(1);
        assertThat(reconcile(web(2, "nginx:1.25"), defaults(), Mode.PREVIEW, DiffOptions.defaults()).outcome())
                .as("the field is ours again: nothing left to do").isEqualTo(Outcome.IN_SYNC);
    }

    @Test
    void shouldNameEveryManagerAFieldIsTakenFrom() {
        sync(web(2, "nginx:1.25"), defaults());
        patchDeployment("kubectl-scale", "{\"spec\":{\"replicas\":7}}");
        patchDeployment("kubectl-set", "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"nginx:9\"}]}}}}");

        SyncResult preview = reconcile(web(2, "nginx:1.25"), defaults(), Mode.PREVIEW, DiffOptions.defaults());

        assertThat(entry(preview, "Deployment", "web").message()).isEqualTo("taken from kubectl-scale: .spec.replicas 7 \u2192 2;"
                + " taken from kubectl-set: .spec.template.spec.containers[name=main].image nginx:9 \u2192 nginx:1.25");
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get().getSpec().getReplicas())
                .as("a preview writes nothing").isEqualTo(7);
    }

    @Test
    void shouldReportAConflictAndChangeNothingWhenThePolicyKeepsConflicts() {
        sync(web(2, "nginx:1.25"), defaults());
        patchDeployment("kubectl-edit", "{\"spec\":{\"replicas\":5}}");

        SyncResult result = sync(web(2, "nginx:1.25"), defaults().withForceConflicts(false));

        assertThat(result.outcome()).isEqualTo(Outcome.CONFLICTS);
        assertThat(entry(result, "Deployment", "web").message()).contains(".spec.replicas with field manager \"kubectl-edit\"");
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get().getSpec().getReplicas())
                .isEqualTo(5);
    }

    @Test
    void shouldLeaveReplicasToTheManagerAnIgnoreRuleNamesWhileApplyingTheRest() {
        DiffOptions ignoreAutoscaler = DiffOptions.defaults()
                .withIgnoreRules(List.of(IgnoreRule.fieldsOwnedBy("horizontal-pod-autoscaler")));
        reconcile(web(2, "nginx:1.25"), defaults(), Mode.SYNC, ignoreAutoscaler);
        patchDeployment("horizontal-pod-autoscaler", "{\"spec\":{\"replicas\":7}}");

        SyncResult result = reconcile(web(2, "nginx:1.27"), defaults(), Mode.SYNC, ignoreAutoscaler);

        assertThat(entry(result, "Deployment", "web").action()).isEqualTo(Action.CONFIGURED);
        assertThat(entry(result, "Deployment", "web").message()).doesNotContain("replicas");
        assertThat(liveImage()).isEqualTo("nginx:1.27");
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get().getSpec().getReplicas())
                .as("the autoscaler keeps its field").isEqualTo(7);
    }

    @Test
    void shouldCreateButNeverChangeAnObjectAnnotatedIfNotPresent() {
        List<KubeObject> settings = parse("settings.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  annotations:
                    kustomize.toolkit.fluxcd.io/ssa: IfNotPresent
                data:
                  GREETING: hello
                """);
        assertThat(entry(sync(settings, defaults()), "ConfigMap", "settings").action()).isEqualTo(Action.CREATED);
        admin.configMaps().inNamespace(namespace).withName("settings").edit(cm -> {
            cm.getData().put("GREETING", "changed by the team");
            return cm;
        });

        SyncResult result = sync(settings, defaults());

        assertThat(result.outcome()).isEqualTo(Outcome.IN_SYNC);
        assertThat(entry(result, "ConfigMap", "settings").message())
                .isEqualTo("left as it is: annotated kustomize.toolkit.fluxcd.io/ssa: IfNotPresent");
        assertThat(admin.configMaps().inNamespace(namespace).withName("settings").get().getData())
                .containsEntry("GREETING", "changed by the team");
    }

    @Test
    void shouldNeverApplyNorPruneAnObjectAnnotatedIgnore() {
        List<KubeObject> both = parse("both.yaml", configMap("kept", "A", "1") + "---\n" + """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: tool-owned
                data:
                  A: "1"
                """);
        sync(both, defaults().withPrune(true));
        admin.configMaps().inNamespace(namespace).withName("tool-owned").edit(cm -> {
            cm.getMetadata().getAnnotations().put("gitops-sync.jenkins.io/ssa", "Ignore");
            cm.getData().put("A", "2");
            return cm;
        });
        List<KubeObject> ignoring = parse("both.yaml", configMap("kept", "A", "1") + "---\n" + """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: tool-owned
                  annotations:
                    gitops-sync.jenkins.io/ssa: Ignore
                data:
                  A: "1"
                """);

        SyncResult applied = sync(ignoring, defaults().withPrune(true));
        SyncResult removedFromGit = sync(parse("both.yaml", configMap("kept", "A", "1")), defaults().withPrune(true));

        assertThat(entry(applied, "ConfigMap", "tool-owned").action()).isEqualTo(Action.UNCHANGED);
        assertThat(entry(removedFromGit, "ConfigMap", "tool-owned").action()).isEqualTo(Action.SKIPPED);
        assertThat(entry(removedFromGit, "ConfigMap", "tool-owned").message())
                .isEqualTo("not pruned: annotated gitops-sync.jenkins.io/ssa: Ignore");
        assertThat(admin.configMaps().inNamespace(namespace).withName("tool-owned").get().getData())
                .containsEntry("A", "2");
    }

    @Test
    void shouldRefuseAnApplyModeItDoesNotKnowNamingTheAnnotation() {
        List<KubeObject> settings = parse("settings.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  annotations:
                    gitops-sync.jenkins.io/ssa: Sometimes
                data:
                  GREETING: hello
                """);

        SyncResult result = sync(settings, defaults());

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.failure()).as("refused before anything is applied, naming file and annotation")
                .endsWith("before anything was applied or pruned: settings.yaml:1: ConfigMap/settings: annotation"
                + " gitops-sync.jenkins.io/ssa: \"Sometimes\" is not one of Override, Merge, IfNotPresent, Ignore; fix it"
                + " in Git");
        assertThat(admin.configMaps().inNamespace(namespace).withName("settings").get()).isNull();
    }
}
