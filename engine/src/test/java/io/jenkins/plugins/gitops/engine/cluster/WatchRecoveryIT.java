package io.jenkins.plugins.gitops.engine.cluster;

import static io.jenkins.plugins.gitops.engine.testing.Manifests.configMap;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodTemplate;
import io.fabric8.kubernetes.api.model.PodTemplateBuilder;
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
import io.jenkins.plugins.gitops.engine.testing.kube.SecondApiServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The live state cache across a real API server restart: a second kube-apiserver in front of the shared etcd is
 * stopped and started again (its watch cache is lost, etcd keeps everything). While it is down, checks do not read
 * the cache; once it is back, the cache follows the cluster again and shows what changed meanwhile.
 *
 * <p>PodTemplates bypass the second server's watch cache ({@code --watch-cache-sizes=podtemplates#0}), so their
 * watch reads etcd directly: after etcd compacts the revisions the watch had reached, resuming it fails with
 * {@code 410 Gone}, and the cache must LIST again (fabric8's informer does; the test counts the LIST).
 */
@ExtendWith(RealApiServer.class)
class WatchRecoveryIT {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final SyncPolicy POLICY = SyncPolicy.defaults().withWaitForHealth(false, Duration.ZERO);

    private final List<ObjectChange> changes = new CopyOnWriteArrayList<>();
    private SecondApiServer server;
    private ClusterConnection connection;
    private KubernetesClient admin;
    private String namespace;
    private String environment;

    @BeforeEach
    void startSecondServer(ApiServerAccess access, TestCluster cluster) {
        server = SecondApiServer.beside(access, "--watch-cache-sizes=podtemplates#0");
        admin = cluster.admin();
        namespace = cluster.namespace();
        environment = "restart/" + namespace;
        connection = ClusterConnection.connect(server.adminConfig());
        connection.startLiveStateCache(LiveStateCacheOptions.defaults()).addListener(changes::add);
    }

    @AfterEach
    void stop() {
        connection.close();
        server.close();
    }

    private LiveStateCache cache() {
        return connection.liveStateCache().orElseThrow();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for: %s", DEADLINE, what).isLessThan(deadline);
            try {
                Thread.sleep(100); // polling a condition, with a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private SyncResult reconcile(ClusterConnection on, List<KubeObject> desired, Mode mode) {
        return new Reconciler(on, new HealthAssessor(), new DriftDetector(DiffOptions.defaults()), Clock.systemUTC(),
                Duration.ofMillis(200)).reconcile(desired, new Target(environment, namespace), POLICY, mode, line -> { });
    }

    @Test
    void shouldFollowTheClusterAgainAfterTheApiServerRestarts(TestCluster cluster) {
        List<KubeObject> app = parse("app.yaml", configMap("settings", "key", "v1"));
        assertThat(reconcile(cluster.connection(), app, Mode.SYNC).outcome()).isEqualTo(Outcome.SYNCED);
        reconcile(connection, app, Mode.PREVIEW);
        ResourceType configMaps = connection.discovery().find("v1", "ConfigMap").orElseThrow();
        await("the ConfigMap watch synced", () -> cache().readable(configMaps));

        server.stop();
        await("checks no longer read the cache", () -> !cache().readable(configMaps));
        assertThat(reconcile(connection, app, Mode.PREVIEW).outcome()).as("a check fails instead of answering from"
                + " a cache that cannot follow the cluster").isEqualTo(Outcome.FAILED);
        admin.configMaps().inNamespace(namespace).withName("settings").patch(new PatchContext.Builder()
                .withPatchType(PatchType.STRATEGIC_MERGE).withFieldManager("kubectl-edit").build(),
                "{\"data\":{\"key\":\"while-down\"}}");
        server.start();

        await("the watch reconnected", () -> cache().readable(configMaps));
        await("the check sees the edit made while the server was down, from the cache", () -> {
            SyncResult check = reconcile(connection, app, Mode.PREVIEW);
            return check.outcome() == Outcome.OUT_OF_SYNC && check.requests().total() == 0;
        });
    }

    @Test
    void shouldListAgainAfter410Gone() throws Exception {
        Ownership ownership = new Ownership(environment);
        admin.resources(PodTemplate.class).inNamespace(namespace).resource(podTemplate("kept", ownership)).create();
        admin.resources(PodTemplate.class).inNamespace(namespace).resource(podTemplate("deleted", ownership)).create();
        ResourceType podTemplates = connection.discovery().find("v1", "PodTemplate").orElseThrow();
        cache().watch(podTemplates);
        await("the PodTemplate watch synced", () -> cache().readable(podTemplates));
        assertThat(names(podTemplates, ownership)).containsExactlyInAnyOrder("kept", "deleted");

        server.stop();
        await("checks no longer read the cache", () -> !cache().readable(podTemplates));
        admin.resources(PodTemplate.class).inNamespace(namespace).withName("kept").edit(template -> {
            template.getTemplate().getMetadata().getLabels().put("edited", "yes");
            return template;
        });
        admin.resources(PodTemplate.class).inNamespace(namespace).withName("deleted").delete();
        compactEtcdUpTo(admin.resources(PodTemplate.class).inNamespace(namespace).list().getMetadata().getResourceVersion());
        long readsBefore = connection.requests().snapshot().reads();
        server.start();

        await("the watch resumed", () -> cache().readable(podTemplates));
        await("the cache shows the deletion and the edit", () -> names(podTemplates, ownership).equals(List.of("kept"))
                && edited(podTemplates, ownership));
        assertThat(connection.requests().snapshot().reads() - readsBefore)
                .as("resuming at a compacted version got 410 Gone, and the informer listed again").isPositive();
        assertThat(changes).anyMatch(c -> c.deleted() && c.object().name().equals("deleted"));
    }

    private List<String> names(ResourceType type, Ownership ownership) {
        LiveObjects live = new LiveObjects();
        cache().listOwned(type, namespace, ownership, live);
        return live.all().stream().map(o -> o.path("metadata").path("name").asText()).sorted().toList();
    }

    private boolean edited(ResourceType type, Ownership ownership) {
        LiveObjects live = new LiveObjects();
        cache().listOwned(type, namespace, ownership, live);
        return live.all().stream().map(ObjectNode.class::cast)
                .anyMatch(o -> o.path("template").path("metadata").path("labels").path("edited").asText().equals("yes"));
    }

    private PodTemplate podTemplate(String name, Ownership ownership) {
        PodTemplate template = new PodTemplateBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
                .addNewContainer().withName("main").withImage("nginx:1.25").endContainer().endSpec().endTemplate().build();
        ObjectNode tree = admin.getKubernetesSerialization().convertValue(template, ObjectNode.class);
        ownership.mark(tree);
        return admin.getKubernetesSerialization().convertValue(tree, PodTemplate.class);
    }

    /** Asks etcd (through its JSON gateway) to forget every revision before {@code resourceVersion}. */
    private void compactEtcdUpTo(String resourceVersion) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.etcdUrl() + "/v3/kv/compaction"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"revision\":\"" + resourceVersion + "\",\"physical\":true}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("etcd compaction: %s", response.body()).isEqualTo(200);
    }
}
