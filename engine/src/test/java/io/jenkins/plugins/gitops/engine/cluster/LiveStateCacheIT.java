package io.jenkins.plugins.gitops.engine.cluster;

import static io.jenkins.plugins.gitops.engine.testing.Manifests.configMap;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.gitops.engine.cluster.ObjectChangeListener.ObjectChange;
import io.jenkins.plugins.gitops.engine.diff.DiffOptions;
import io.jenkins.plugins.gitops.engine.diff.DriftDetector;
import io.jenkins.plugins.gitops.engine.health.HealthAssessor;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.sync.Reconciler;
import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.sync.Target;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.ApiServerAccess;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestCluster;
import io.jenkins.plugins.gitops.engine.testing.kube.TcpProxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live state cache against a real API server: a periodic check (a preview) of an unchanged environment sends
 * no request once the watches are synced; an edit by someone else reaches the listener with the environment's
 * identity within the watch's latency, the engine's own writes are told apart; credentials that may list a kind but
 * not watch it fall back to a LIST per check; and when the API server goes away and comes back, the cache resumes
 * and shows what changed meanwhile.
 */
@ExtendWith(RealApiServer.class)
class LiveStateCacheIT {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final SyncPolicy POLICY = SyncPolicy.defaults().withWaitForHealth(false, Duration.ZERO).withPrune(true);

    private final List<ObjectChange> changes = new CopyOnWriteArrayList<>();
    private final List<String> console = new CopyOnWriteArrayList<>();
    private ApiServerAccess access;
    private KubernetesClient admin;
    private String namespace;
    private String environment;
    private ClusterConnection connection;

    @BeforeEach
    void syncOnce(TestCluster cluster, ApiServerAccess access) {
        this.access = access;
        admin = cluster.admin();
        namespace = cluster.namespace();
        environment = "cache/" + namespace;
        assertThat(reconcile(cluster.connection(), app("v1"), Mode.SYNC).outcome()).isEqualTo(Outcome.SYNCED);
    }

    @AfterEach
    void close() {
        if (connection != null) {
            connection.close();
        }
    }

    private static List<KubeObject> app(String value) {
        return parse("app.yaml", configMap("settings", "key", value) + "---\n" + configMap("more", "key", "v"));
    }

    private SyncResult reconcile(ClusterConnection on, List<KubeObject> desired, Mode mode) {
        return new Reconciler(on, new HealthAssessor(), new DriftDetector(DiffOptions.defaults()), Clock.systemUTC(),
                Duration.ofMillis(200)).reconcile(desired, new Target(environment, namespace), POLICY, mode, console::add);
    }

    private LiveStateCache cacheOn(ClusterConnection on) {
        LiveStateCache cache = on.startLiveStateCache(LiveStateCacheOptions.defaults());
        cache.addListener(changes::add);
        return cache;
    }

    private ResourceType configMaps(ClusterConnection on) {
        return on.discovery().find("v1", "ConfigMap").orElseThrow();
    }

    private void editAsKubectl(String name, String value) {
        admin.configMaps().inNamespace(namespace).withName(name).patch(new PatchContext.Builder()
                .withPatchType(PatchType.STRATEGIC_MERGE).withFieldManager("kubectl-edit").build(),
                "{\"data\":{\"key\":\"" + value + "\"}}");
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for: %s", DEADLINE, what).isLessThan(deadline);
            Thread.onSpinWait();
            try {
                Thread.sleep(50); // polling a condition, with a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private boolean editSeenByOthers(String name) {
        return changes.stream().anyMatch(c -> c.environmentId().equals(environment) && c.object().name().equals(name)
                && c.byOthers());
    }

    @Test
    void shouldCheckAnUnchangedEnvironmentWithoutARequestAndSeeAnEditAtOnce() {
        connection = ClusterConnection.fromKubeconfig(access.kubeconfigYaml(), null);
        LiveStateCache cache = cacheOn(connection);
        assertThat(reconcile(connection, app("v1"), Mode.PREVIEW).outcome())
                .as("the first check lists, and starts the watch").isEqualTo(Outcome.IN_SYNC);
        await("the ConfigMap watch synced", () -> cache.readable(configMaps(connection)));

        SyncResult unchanged = reconcile(connection, app("v1"), Mode.PREVIEW);

        assertThat(unchanged.outcome()).isEqualTo(Outcome.IN_SYNC);
        assertThat(unchanged.requests().total()).as("read from the cache: %s", unchanged.requests()).isZero();

        editAsKubectl("settings", "edited");
        await("the edit reported to the listener", () -> editSeenByOthers("settings"));
        await("the check sees the edit without a request", () -> {
            SyncResult check = reconcile(connection, app("v1"), Mode.PREVIEW);
            assertThat(check.requests().total()).isZero();
            return check.outcome() == Outcome.OUT_OF_SYNC;
        });
    }

    /** An edit right after an environment's first sync, before any check, is seen by a watch the sync started. */
    @Test
    void shouldWatchTheKindsASyncListsSoThatAnEditBeforeTheFirstCheckIsSeen() {
        connection = ClusterConnection.fromKubeconfig(access.kubeconfigYaml(), null);
        LiveStateCache cache = cacheOn(connection);

        assertThat(reconcile(connection, app("v2"), Mode.SYNC).outcome()).isEqualTo(Outcome.SYNCED);
        await("the ConfigMap watch the sync started synced", () -> cache.readable(configMaps(connection)));

        editAsKubectl("settings", "edited");
        await("the edit reported to the listener", () -> editSeenByOthers("settings"));
    }

    @Test
    void shouldTellTheEnginesOwnWritesFromOthers() {
        connection = ClusterConnection.fromKubeconfig(access.kubeconfigYaml(), null);
        LiveStateCache cache = cacheOn(connection);
        reconcile(connection, app("v1"), Mode.PREVIEW);
        await("the ConfigMap watch synced", () -> cache.readable(configMaps(connection)));

        assertThat(reconcile(connection, app("v2"), Mode.SYNC).outcome()).isEqualTo(Outcome.SYNCED);
        await("the engine's write reported", () -> changes.stream().anyMatch(c -> c.object().name().equals("settings")));
        assertThat(changes).as("the engine's own write").allMatch(c -> !c.byOthers());

        editAsKubectl("settings", "by-hand");
        await("kubectl's write reported as someone else's", () -> editSeenByOthers("settings"));

        admin.configMaps().inNamespace(namespace).withName("more").delete();
        await("a deletion reported", () -> changes.stream().anyMatch(c -> c.deleted() && c.object().name().equals("more")));
    }

    @Test
    void shouldListPerCheckAKindTheCredentialsMayListButNotWatch() {
        String name = "gitops-list-no-watch-" + namespace;
        admin.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName(name).endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("").withResources("configmaps").withVerbs("get", "list")
                        .build()).build()).serverSideApply();
        admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(name)
                .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", name).addNewSubject()
                .withApiGroup("rbac.authorization.k8s.io").withKind("User").withName(ApiServerAccess.LIMITED_USER)
                .endSubject().build()).serverSideApply();
        try {
            connection = ClusterConnection.connect(access.limitedUserConfig());
            LiveStateCache cache = cacheOn(connection);
            reconcile(connection, app("v1"), Mode.PREVIEW);
            await("the watch refused", () -> cache.status().stream().anyMatch(s -> s.state().equals("WATCH_FORBIDDEN")));

            SyncResult check = reconcile(connection, app("v1"), Mode.PREVIEW);

            assertThat(check.outcome()).isEqualTo(Outcome.IN_SYNC);
            assertThat(check.requests().reads()).as("listed by the check itself").isPositive();
            assertThat(cache.readable(configMaps(connection))).isFalse();
            assertThat(cache.status().get(0).reason()).contains("may not list and watch configmaps");
        } finally {
            admin.rbac().clusterRoleBindings().withName(name).delete();
            admin.rbac().clusterRoles().withName(name).delete();
        }
    }

    @Test
    void shouldResumeWhenTheApiServerComesBackAndShowWhatChangedMeanwhile() {
        URI server = URI.create(access.adminConfig().getMasterUrl());
        TcpProxy proxy = TcpProxy.to(server.getHost(), server.getPort());
        int port = proxy.port();
        Config config = access.adminConfig();
        config.setMasterUrl("https://127.0.0.1:" + port);
        connection = ClusterConnection.connect(config);
        LiveStateCache cache = cacheOn(connection);
        reconcile(connection, app("v1"), Mode.PREVIEW);
        ResourceType configMaps = configMaps(connection);
        await("the ConfigMap watch synced", () -> cache.readable(configMaps));

        proxy.cut();
        await("checks no longer read a cache that cannot follow the cluster", () -> !cache.readable(configMaps));
        editAsKubectl("settings", "while-away");
        admin.configMaps().inNamespace(namespace).withName("more").delete();
        proxy = TcpProxy.on(port, server.getHost(), server.getPort());
        try {
            await("the watch resumed", () -> cache.readable(configMaps));
            await("the edit and the deletion made while away are in the cache", () -> {
                LiveObjects live = new LiveObjects();
                cache.listOwned(configMaps, namespace, new Ownership(environment), live);
                return live.all().stream().noneMatch(o -> o.path("metadata").path("name").asText().equals("more"))
                        && live.all().stream().anyMatch(o -> o.path("data").path("key").asText().equals("while-away"));
            });
            await("the edit reported", () -> editSeenByOthers("settings"));
        } finally {
            proxy.close();
        }
    }

    @Test
    void shouldListAfreshAKindWhoseWatchIsOlderThanTheRelistPeriod() {
        connection = ClusterConnection.fromKubeconfig(access.kubeconfigYaml(), null);
        LiveStateCache cache = connection.startLiveStateCache(LiveStateCacheOptions.defaults()
                .withRelistPeriod(Duration.ofMillis(1)));
        ResourceType configMaps = configMaps(connection);
        cache.watch(configMaps);
        await("the ConfigMap watch synced", () -> cache.readable(configMaps));
        long readsBefore = connection.requests().snapshot().reads();

        cache.relistStale();

        await("a fresh LIST", () -> connection.requests().snapshot().reads() > readsBefore);
        await("the fresh watch took over", () -> cache.readable(configMaps));
        assertThat(cache.status()).hasSize(1);
        LiveObjects live = new LiveObjects();
        assertThat(cache.listOwned(configMaps, namespace, new Ownership(environment), live)).isTrue();
        assertThat(live.size()).as("settings, more and the inventory").isEqualTo(3);
    }
}
