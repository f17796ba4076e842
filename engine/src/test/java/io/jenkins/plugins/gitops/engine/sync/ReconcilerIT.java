package io.jenkins.plugins.gitops.engine.sync;

import static io.jenkins.plugins.gitops.engine.testing.Manifests.concat;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.configMap;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.deployment;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.parse;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.secret;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.Ownership;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestNamespace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reconcile loop against a real kube-apiserver (v1.20, server-side apply on): create, no-op, drift by
 * another manager, conflicts, adoption, prune and its guards, ordering, dry run, request counts.
 */
@ExtendWith(RealApiServer.class)
class ReconcilerIT {

    private ClusterConnection connection;
    private KubernetesClient admin;
    private String namespace;
    private final List<String> console = new ArrayList<>();

    @BeforeEach
    void connect(ClusterConnection engineConnection, TestNamespace testNamespace, KubernetesClient client) {
        connection = engineConnection;
        admin = client;
        namespace = testNamespace.name();
    }

    private SyncResult sync(List<KubeObject> desired, SyncPolicy policy) {
        return reconcile(desired, policy, Mode.SYNC, "env-a");
    }

    private SyncResult reconcile(List<KubeObject> desired, SyncPolicy policy, Mode mode, String environment) {
        return Engines.reconciler(connection).reconcile(desired, new Target(environment + "-" + namespace, namespace),
                policy, mode, console::add);
    }

    private static SyncPolicy noWait() {
        return SyncPolicy.defaults().withWaitForHealth(false, Duration.ZERO);
    }

    private static List<KubeObject> app() {
        return concat(parse("apps/web.yaml", deployment("web", 2, "nginx:1.25") + "---\n" + service("web")),
                parse("apps/config.yaml", configMap("web-settings", "GREETING", "hello")));
    }

    private static Action actionOf(SyncResult result, String kind, String name) {
        return result.entries().stream().filter(e -> e.ref().kind().equals(kind) && e.ref().name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(kind + "/" + name + " not in " + result.entries()))
                .action();
    }

    @Test
    void shouldCreateEveryObjectAndThenFindNothingToDo() {
        SyncResult first = sync(app(), noWait());
        assertThat(first.outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(first.totals()).containsEntry(Action.CREATED, 3);

        SyncResult second = sync(app(), noWait());

        assertThat(second.outcome()).as("server defaults and normalisation must not count as drift: %s", second.entries())
                .isEqualTo(Outcome.IN_SYNC);
        assertThat(second.totals()).containsOnly(Map.entry(Action.UNCHANGED, 3));
        assertThat(second.requests().writes()).isZero();
    }

    @Test
    void shouldMarkAppliedObjectsWithTheirEnvironment() {
        sync(app(), noWait());

        var labels = admin.configMaps().inNamespace(namespace).withName("web-settings").get().getMetadata().getLabels();
        assertThat(labels).containsEntry(Ownership.MANAGED_BY_LABEL, "gitops-sync")
                .containsKey(Ownership.ENVIRONMENT_LABEL);
    }

    @Test
    void shouldSpendOneListPerKindOnANoOpReconcile() {
        sync(app(), noWait());

        SyncResult noOp = sync(app(), noWait());

        // 3 kinds: one LIST each, plus the inventory GET; discovery is cached by the connection.
        assertThat(noOp.requests().total()).isLessThanOrEqualTo(3 + 1);
        assertThat(noOp.requests().writes()).isZero();
    }

    @Test
    void shouldWriteExactlyOnceWhenOneObjectChangedInGit() {
        sync(app(), noWait());
        List<KubeObject> changed = concat(parse("apps/web.yaml", deployment("web", 3, "nginx:1.25") + "---\n" + service("web")),
                parse("apps/config.yaml", configMap("web-settings", "GREETING", "hello")));

        SyncResult result = sync(changed, noWait());

        assertThat(actionOf(result, "Deployment", "web")).isEqualTo(Action.CONFIGURED);
        assertThat(result.requests().writes()).isEqualTo(1);
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get().getSpec().getReplicas())
                .isEqualTo(3);
    }

    @Test
    void shouldDetectAnEditByAnotherManagerOfADeclaredField() {
        sync(app(), noWait());
        admin.apps().deployments().inNamespace(namespace).withName("web")
                .edit(d -> { d.getSpec().setReplicas(5); return d; });

        SyncResult preview = reconcile(app(), noWait(), Mode.PREVIEW, "env-a");

        assertThat(preview.outcome()).isEqualTo(Outcome.OUT_OF_SYNC);
        ChangeSetEntry web = preview.entries().stream().filter(e -> e.ref().name().equals("web")
                && e.ref().kind().equals("Deployment")).findFirst().orElseThrow();
        assertThat(web.action()).isEqualTo(Action.CONFIGURED);
        assertThat(web.changedPaths()).contains(".spec.replicas");
        assertThat(preview.requests().writes()).isZero();
    }

    @Test
    void shouldReportAConflictWithTheOtherManagerAndNotForceItWhenConflictsAreKept() {
        sync(app(), noWait());
        admin.apps().deployments().inNamespace(namespace).withName("web")
                .edit(d -> { d.getSpec().setReplicas(5); return d; });

        SyncResult result = sync(app(), noWait().withForceConflicts(false));

        assertThat(result.outcome()).isEqualTo(Outcome.CONFLICTS);
        ChangeSetEntry web = result.entries().stream().filter(e -> e.ref().kind().equals("Deployment")).findFirst().orElseThrow();
        assertThat(web.action()).isEqualTo(Action.CONFLICT);
        assertThat(web.message()).contains(".spec.replicas").contains("let Git win to take it back");
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get().getSpec().getReplicas())
                .as("nothing forced").isEqualTo(5);
    }

    @Test
    void shouldTakeTheFieldBackByDefault() {
        sync(app(), noWait());
        admin.apps().deployments().inNamespace(namespace).withName("web")
                .edit(d -> { d.getSpec().setReplicas(5); return d; });

        SyncResult result = sync(app(), noWait());

        assertThat(actionOf(result, "Deployment", "web")).isEqualTo(Action.CONFIGURED);
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get().getSpec().getReplicas())
                .isEqualTo(2);
    }

    @Test
    void shouldIgnoreChangesToFieldsGitDoesNotDeclare() {
        sync(app(), noWait());
        admin.configMaps().inNamespace(namespace).withName("web-settings")
                .edit(cm -> { cm.getMetadata().getAnnotations().put("someone.example.com/note", "hi"); return cm; });

        SyncResult preview = reconcile(app(), noWait(), Mode.PREVIEW, "env-a");

        assertThat(preview.outcome()).isEqualTo(Outcome.IN_SYNC);
    }

    @Test
    void shouldAdoptAnExistingObjectThatGitDeclares() {
        admin.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("web-settings").endMetadata().addToData("GREETING", "hello").build()).create();

        SyncResult result = sync(app(), noWait());

        assertThat(actionOf(result, "ConfigMap", "web-settings")).isEqualTo(Action.CONFIGURED);
        assertThat(admin.configMaps().inNamespace(namespace).withName("web-settings").get().getMetadata().getLabels())
                .containsKey(Ownership.ENVIRONMENT_LABEL);
    }

    @Test
    void shouldPruneAnObjectRemovedFromGitOnlyWhenPruningIsOn() {
        sync(app(), noWait());
        List<KubeObject> withoutConfig = parse("apps/web.yaml", deployment("web", 2, "nginx:1.25") + "---\n" + service("web"));

        SyncResult withoutPrune = sync(withoutConfig, noWait());
        assertThat(actionOf(withoutPrune, "ConfigMap", "web-settings")).isEqualTo(Action.SKIPPED);
        assertThat(admin.configMaps().inNamespace(namespace).withName("web-settings").get()).isNotNull();

        SyncResult withPrune = sync(withoutConfig, noWait().withPrune(true));
        assertThat(actionOf(withPrune, "ConfigMap", "web-settings")).isEqualTo(Action.PRUNED);
        assertThat(admin.configMaps().inNamespace(namespace).withName("web-settings").get()).isNull();
    }

    @Test
    void shouldPruneAKindThatGitNoLongerDeclaresAtAll() {
        sync(app(), noWait());
        List<KubeObject> onlyConfig = parse("apps/config.yaml", configMap("web-settings", "GREETING", "hello"));

        SyncResult result = sync(onlyConfig, noWait().withPrune(true));

        assertThat(actionOf(result, "Deployment", "web")).isEqualTo(Action.PRUNED);
        assertThat(actionOf(result, "Service", "web")).isEqualTo(Action.PRUNED);
    }

    @Test
    void shouldNeverPruneObjectsWithoutThisEnvironmentsMarks() {
        admin.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("hand-made").endMetadata().addToData("k", "v").build()).create();
        sync(app(), noWait());

        SyncResult result = sync(parse("apps/config.yaml", configMap("web-settings", "GREETING", "hello")),
                noWait().withPrune(true));

        assertThat(result.entries()).noneMatch(e -> e.ref().name().equals("hand-made"));
        assertThat(admin.configMaps().inNamespace(namespace).withName("hand-made").get()).isNotNull();
    }

    @Test
    void shouldNeverPruneAnotherEnvironmentsObjects() {
        reconcile(parse("b.yaml", configMap("owned-by-b", "k", "v")), noWait(), Mode.SYNC, "env-b");
        sync(app(), noWait());

        SyncResult result = sync(parse("apps/config.yaml", configMap("web-settings", "GREETING", "hello")),
                noWait().withPrune(true));

        assertThat(result.entries()).noneMatch(e -> e.ref().name().equals("owned-by-b"));
        assertThat(admin.configMaps().inNamespace(namespace).withName("owned-by-b").get()).isNotNull();
    }

    @Test
    void shouldPruneNothingWhenGitDeclaresNoObjectsUnlessEmptyIsAllowed() {
        sync(app(), noWait());

        SyncResult refused = sync(List.of(), noWait().withPrune(true));
        assertThat(refused.count(Action.PRUNED)).isZero();
        assertThat(refused.entries()).allMatch(e -> e.action() == Action.SKIPPED && e.message().contains("Allow empty"));

        SyncResult allowed = sync(List.of(), noWait().withPrune(true).withAllowEmpty(true));
        assertThat(allowed.count(Action.PRUNED)).isEqualTo(3);
    }

    @Test
    void shouldNeverPruneAnObjectAnnotatedPruneFalse() {
        sync(app(), noWait());
        admin.configMaps().inNamespace(namespace).withName("web-settings").edit(cm -> {
            cm.getMetadata().getAnnotations().put("gitops-sync.jenkins.io/prune", "false");
            return cm;
        });

        SyncResult result = sync(parse("apps/web.yaml", deployment("web", 2, "nginx:1.25")), noWait().withPrune(true));

        assertThat(actionOf(result, "ConfigMap", "web-settings")).isEqualTo(Action.SKIPPED);
        assertThat(admin.configMaps().inNamespace(namespace).withName("web-settings").get()).isNotNull();
    }

    @Test
    void shouldWriteNothingOnADryRun() {
        SyncResult result = reconcile(app(), noWait(), Mode.DRY_RUN, "env-a");

        assertThat(result.totals()).containsEntry(Action.CREATED, 3);
        assertThat(result.requests().writes()).isZero();
        assertThat(result.requests().dryRuns()).isEqualTo(3);
        assertThat(admin.configMaps().inNamespace(namespace).withName("web-settings").get()).isNull();
    }

    @Test
    void shouldNameFileLineAndKindOfAnUnknownKind() {
        List<KubeObject> unknown = parse("apps/widget.yaml", """
                apiVersion: unknown.example.com/v1
                kind: Gadget
                metadata:
                  name: g
                """);

        SyncResult result = sync(unknown, noWait());

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.failure()).contains("apps/widget.yaml:1").contains("Gadget").contains("unknown.example.com/v1");
        assertThat(result.requests().writes()).isZero();
    }

    /** A CRD of its own per test: CRDs are cluster-wide and the API server is shared. */
    private String widgetCrd() {
        return WIDGET_CRD.replace("example.com", namespace + ".example.com");
    }

    private String widget() {
        return WIDGET.replace("example.com", namespace + ".example.com");
    }

    private static final String WIDGET_CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.example.com
            spec:
              group: example.com
              scope: Namespaced
              names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
              versions:
                - name: v1
                  served: true
                  storage: true
                  schema:
                    openAPIV3Schema:
                      type: object
                      properties:
                        spec:
                          type: object
                          x-kubernetes-preserve-unknown-fields: true
            """;

    private static final String WIDGET = """
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: w
            spec:
              size: 3
            """;

    @Test
    void shouldNotCallAKindUnknownWhenItsDefinitionIsInTheSameSet() {
        SyncResult preview = reconcile(parse("crd.yaml", widgetCrd() + "---\n" + widget()), noWait(), Mode.PREVIEW, "env-a");

        assertThat(preview.failure()).isEmpty();
        assertThat(actionOf(preview, "CustomResourceDefinition", "widgets." + namespace + ".example.com")).isEqualTo(Action.CREATED);
        assertThat(actionOf(preview, "Widget", "w")).isEqualTo(Action.CREATED);
    }

    @Test
    void shouldApplyDefinitionsFirstAndWaitUntilTheyAreEstablished() {
        // The custom resource itself is not applied here: the Debian-built kube-apiserver 1.20.2 used in CI
        // (Go 1.19 with reflect2 1.0.1) crashes with SIGSEGV on any custom resource write; see docs/development.md.
        SyncResult result = sync(parse("crd.yaml", widgetCrd()), noWait());

        assertThat(result.outcome()).as("%s %s", result.failure(), result.entries()).isIn(Outcome.SYNCED, Outcome.IN_SYNC);
        assertThat(result.entries().get(0).health().status())
                .isEqualTo(io.jenkins.plugins.gitops.engine.health.HealthStatus.HEALTHY);
        assertThat(connection.discovery().find(namespace + ".example.com/v1", "Widget")).isPresent();
    }

    @Test
    void shouldWaitForAWaveToBeHealthyBeforeTheNext() {
        // No controller manager runs here, so a Deployment never becomes available: wave 1 must not start.
        List<KubeObject> waves = parse("waves.yaml", deployment("backend", 1, "nginx:1.25").replace(
                "metadata:\n  name: backend", "metadata:\n  name: backend\n  annotations:\n    gitops-sync.jenkins.io/sync-wave: \"0\"")
                + "---\n" + configMap("after-backend", "k", "v").replace("metadata:\n  name: after-backend",
                "metadata:\n  name: after-backend\n  annotations:\n    gitops-sync.jenkins.io/sync-wave: \"1\""));

        SyncResult result = sync(waves, SyncPolicy.defaults().withWaitForHealth(true, Duration.ofSeconds(3)));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.failure()).contains("wave 0").contains("Deployment/" + namespace + "/backend");
        assertThat(actionOf(result, "ConfigMap", "after-backend")).isEqualTo(Action.SKIPPED);
        assertThat(admin.configMaps().inNamespace(namespace).withName("after-backend").get()).isNull();
    }

    @Test
    void shouldApplyTheNextWaveOnceTheFirstIsHealthy() {
        List<KubeObject> waves = parse("waves.yaml", configMap("first", "k", "v").replace("metadata:\n  name: first",
                "metadata:\n  name: first\n  annotations:\n    gitops-sync.jenkins.io/sync-wave: \"-1\"")
                + "---\n" + configMap("second", "k", "v"));

        SyncResult result = sync(waves, SyncPolicy.defaults().withWaitForHealth(true, Duration.ofSeconds(10)));

        assertThat(result.outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(result.entries()).extracting(e -> e.ref().name()).containsExactly("first", "second");
    }

    @Test
    void shouldReportAnInvalidWaveAnnotationNamingTheObject() {
        List<KubeObject> bad = parse("bad-wave.yaml", configMap("c", "k", "v").replace("metadata:\n  name: c",
                "metadata:\n  name: c\n  annotations:\n    gitops-sync.jenkins.io/sync-wave: \"soon\""));

        SyncResult result = sync(bad, noWait());

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.failure()).contains("bad-wave.yaml:1").contains("soon");
        assertThat(result.requests().writes()).isZero();
    }

    @Test
    void shouldApplyTheRestOfTheWaveWhenTheServerRefusesOneObjectAndStopBeforeTheNext() {
        // The API server refuses the second object (invalid name); the others of wave 0 are applied, wave 1 is not.
        List<KubeObject> objects = parse("app.yaml", configMap("a-first", "k", "v") + "---\n"
                + configMap("b_invalid", "k", "v") + "---\n" + deployment("z-last", 1, "nginx:1.25") + "---\n"
                + configMap("next-wave", "k", "v").replace("metadata:\n  name: next-wave",
                        "metadata:\n  name: next-wave\n  annotations:\n    gitops-sync.jenkins.io/sync-wave: \"1\""));

        SyncResult result = sync(objects, noWait());

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(actionOf(result, "ConfigMap", "a-first")).isEqualTo(Action.CREATED);
        assertThat(actionOf(result, "ConfigMap", "b_invalid")).isEqualTo(Action.FAILED);
        assertThat(actionOf(result, "Deployment", "z-last")).isEqualTo(Action.CREATED);
        assertThat(actionOf(result, "ConfigMap", "next-wave")).isEqualTo(Action.SKIPPED);
        assertThat(result.failure()).startsWith("ConfigMap/" + namespace + "/b_invalid: apply failed (HTTP 422: ");
        assertThat(admin.configMaps().inNamespace(namespace).withName("next-wave").get()).isNull();
    }

    @Test
    void shouldStopBetweenObjectsWhenAbortedAndSayWhatWasApplied() {
        List<KubeObject> objects = parse("app.yaml", configMap("a-first", "k", "v") + "---\n"
                + configMap("b-second", "k", "v") + "---\n" + configMap("c-third", "k", "v"));
        SyncResult result;
        try {
            // The user aborts while the first object is being reported: the sync must stop before the next one.
            result = Engines.reconciler(connection).reconcile(objects, new Target("env-a-" + namespace, namespace),
                    noWait(), Mode.SYNC, line -> {
                        if (line.contains("a-first")) {
                            Thread.currentThread().interrupt();
                        }
                    });
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        }

        assertThat(result.outcome()).isEqualTo(Outcome.ABORTED);
        assertThat(actionOf(result, "ConfigMap", "a-first")).isEqualTo(Action.CREATED);
        assertThat(actionOf(result, "ConfigMap", "b-second")).isEqualTo(Action.SKIPPED);
        assertThat(actionOf(result, "ConfigMap", "c-third")).isEqualTo(Action.SKIPPED);
        assertThat(admin.configMaps().inNamespace(namespace).withName("b-second").get()).isNull();
    }

    @Test
    void shouldNeverPutSecretValuesIntoTheChangeSet() {
        String planted = "s3cr3t-Planted-Value-91827";
        sync(parse("secret.yaml", secret("db", "password", planted)), noWait());
        admin.secrets().inNamespace(namespace).withName("db").edit(s -> {
            s.getData().put("password", java.util.Base64.getEncoder().encodeToString("changed-by-hand".getBytes()));
            return s;
        });

        SyncResult preview = reconcile(parse("secret.yaml", secret("db", "password", planted)), noWait(), Mode.PREVIEW, "env-a");

        assertThat(preview.outcome()).isEqualTo(Outcome.OUT_OF_SYNC);
        String everything = preview.entries() + " " + preview.failure() + " " + String.join("\n", console)
                + preview.entries().stream().map(ChangeSetEntry::diff).toList();
        assertThat(everything).doesNotContain(planted).doesNotContain("changed-by-hand")
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(planted.getBytes()));
    }
}
