package io.jenkins.plugins.gitops.engine.cluster;

import static io.jenkins.plugins.gitops.engine.testing.Manifests.parse;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cache's memory, measured: 1,000 ConfigMaps of about 1 KB each (as the engine applied them, managed fields
 * included) held by the cache, heap after a full GC before and after, printed as MB per 1,000 objects for
 * docs/design.md (a figure, not an assertion: heap readings vary by a few percent). And the bound: a cache allowed
 * fewer objects than a kind holds drops that kind, and checks list it themselves.
 */
@ExtendWith(RealApiServer.class)
class LiveStateCacheMemoryIT {

    private static final int OBJECTS = 1_000;
    private static final Duration DEADLINE = Duration.ofSeconds(180);
    private static final SyncPolicy POLICY = SyncPolicy.defaults().withWaitForHealth(false, Duration.ZERO);

    private ApiServerAccess access;
    private String namespace;
    private List<KubeObject> app;

    @BeforeEach
    void syncAThousandObjects(TestCluster cluster, ApiServerAccess access) {
        this.access = access;
        namespace = cluster.namespace();
        String data = IntStream.range(0, 10).mapToObj(i -> "  key-" + i + ": \"" + "value-".repeat(8) + i + "\"")
                .collect(Collectors.joining("\n"));
        app = parse("app.yaml", IntStream.range(0, OBJECTS).mapToObj(i -> "apiVersion: v1\nkind: ConfigMap\n"
                + "metadata:\n  name: settings-" + i + "\n  labels:\n    app: web\n    tier: backend\ndata:\n" + data + "\n")
                .collect(Collectors.joining("---\n")));
        assertThat(reconcile(cluster.connection(), Mode.SYNC).outcome()).isEqualTo(Outcome.SYNCED);
    }

    private SyncResult reconcile(ClusterConnection on, Mode mode) {
        return new Reconciler(on, new HealthAssessor(), new DriftDetector(DiffOptions.defaults()), Clock.systemUTC(),
                Duration.ofMillis(200)).reconcile(app, new Target("memory/" + namespace, namespace), POLICY, mode,
                line -> { });
    }

    @Test
    void shouldHoldAThousandObjectsAndCheckThemWithoutARequest() {
        try (ClusterConnection connection = ClusterConnection.fromKubeconfig(access.kubeconfigYaml(), null)) {
            ResourceType configMaps = connection.discovery().find("v1", "ConfigMap").orElseThrow();
            long before = heapAfterGc();
            LiveStateCache cache = connection.startLiveStateCache(LiveStateCacheOptions.defaults());
            cache.watch(configMaps);
            await("the ConfigMap watch synced", () -> cache.readable(configMaps) && cache.objects() >= OBJECTS);
            long after = heapAfterGc();
            int held = cache.objects();
            System.out.printf("live state cache: %d objects, %.1f MB heap, %.2f MB per 1,000 objects%n", held,
                    (after - before) / 1e6, (after - before) / 1e6 * 1000 / held);

            SyncResult check = reconcile(connection, Mode.PREVIEW);

            assertThat(check.outcome()).isEqualTo(Outcome.IN_SYNC);
            assertThat(check.requests().total()).as("%d objects compared from the cache", OBJECTS).isZero();
        }
    }

    @Test
    void shouldDropAKindThatWouldGoPastTheLimitAndListItPerCheck() {
        try (ClusterConnection connection = ClusterConnection.fromKubeconfig(access.kubeconfigYaml(), null)) {
            ResourceType configMaps = connection.discovery().find("v1", "ConfigMap").orElseThrow();
            LiveStateCache cache = connection.startLiveStateCache(LiveStateCacheOptions.defaults().withMaxObjects(OBJECTS / 2));
            cache.watch(configMaps);
            await("the kind dropped", () -> cache.status().stream().anyMatch(s -> s.state().equals("OVER_LIMIT")));

            SyncResult check = reconcile(connection, Mode.PREVIEW);

            assertThat(check.outcome()).isEqualTo(Outcome.IN_SYNC);
            assertThat(check.requests().reads()).as("listed by the check").isPositive();
            assertThat(cache.readable(configMaps)).isFalse();
            assertThat(cache.status().get(0).reason()).contains("maximum of 500 objects");
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
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
}
