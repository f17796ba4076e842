package io.jenkins.plugins.gitops.engine.reliability;

import static io.jenkins.plugins.gitops.engine.reliability.Syncs.entry;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.configMaps;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.RequestRetries;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.testing.kube.FaultInjectingProxy;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.ApiServerAccess;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestNamespace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A throttling or failing API server: a proxy in front of the real one answers chosen requests with 429
 * (and {@code Retry-After}) or 5xx. Transient errors are retried as {@link RequestRetries#DEFAULT} says
 * and the sync succeeds; persistent ones fail the sync after exactly that many attempts, naming the object
 * and the count, and nothing is pruned.
 */
@ExtendWith(RealApiServer.class)
class ThrottlingAndServerErrorsIT {

    private final List<String> console = new ArrayList<>();
    private KubernetesClient admin;
    private String namespace;
    private String environment;
    private FaultInjectingProxy proxy;
    private ClusterConnection connection;

    @BeforeEach
    void connectThroughAProxy(ApiServerAccess access, KubernetesClient client, TestNamespace testNamespace) {
        admin = client;
        namespace = testNamespace.name();
        environment = "throttled-" + namespace;
        proxy = FaultInjectingProxy.to(access.adminConfig());
        Config viaProxy = new ConfigBuilder(Config.empty()).withMasterUrl(proxy.url()).build();
        connection = ClusterConnection.connect(viaProxy);
        PruneSafety.plantForeignObjects(admin, namespace);
    }

    @AfterEach
    void close() {
        connection.close();
        proxy.close();
    }


    private String path(String name) {
        return "/api/v1/namespaces/" + namespace + "/configmaps/" + name;
    }

    @Test
    void shouldRetryAThrottledWriteAndSucceed() {
        proxy.fail("PATCH", path("b"), 429, 2);
        PruneSafety.Snapshot before = PruneSafety.snapshot(admin, namespace);

        SyncResult result = Syncs.sync(connection, environment, namespace, configMaps("a", "b", "c"), console::add);

        assertThat(result.outcome()).as(result.failure()).isEqualTo(Outcome.SYNCED);
        assertThat(result.count(Action.CREATED)).isEqualTo(3);
        assertThat(proxy.count("PATCH", path("b"))).as("two answered 429, the third reached the server").isEqualTo(3);
        assertThat(result.requests().writes()).as("every attempt is counted on the wire").isEqualTo(3 + 2 + 1);
        assertThat(admin.configMaps().inNamespace(namespace).withName("b").get()).isNotNull();
        before.assertNothingDeleted();
    }

    @Test
    void shouldRetryReadsWhileTheServerIsUnavailableAndSucceed() {
        proxy.fail("GET", "/api/v1/namespaces/" + namespace + "/configmaps", 503, 3);

        SyncResult result = Syncs.sync(connection, environment, namespace, configMaps("a", "b"), console::add);

        assertThat(result.outcome()).as(result.failure()).isEqualTo(Outcome.SYNCED);
        assertThat(proxy.injected()).isEqualTo(3);
    }

    @Test
    void shouldGiveUpAfterFiveAttemptsWhenAWriteKeepsFailingAndPruneNothing() {
        Syncs.sync(connection, environment, namespace, configMaps("a", "z-removed-from-git"), console::add);
        PruneSafety.Snapshot before = PruneSafety.snapshot(admin, namespace);
        proxy.fail("PATCH", path("b"), 503, -1);

        SyncResult result = Syncs.sync(connection, environment, namespace, configMaps("a", "b", "c"), console::add);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(proxy.count("PATCH", path("b"))).as("attempts, then no more").isEqualTo(RequestRetries.DEFAULT.attempts());
        assertThat(result.failure()).isEqualTo("ConfigMap/" + namespace + "/b: apply failed (HTTP 503: injected by the"
                + " test: ServiceUnavailable; gave up after 5 attempts); the API server failed: check its health, then sync again");
        assertThat(result.entries()).extracting(e -> e.ref().name() + " " + e.action().label())
                .containsExactly("a unchanged", "b failed", "c skipped", "z-removed-from-git skipped");
        before.assertNothingDeleted();
    }

    @Test
    void shouldStopReadingLiveStateWhenTheServerKeepsThrottling() {
        Syncs.sync(connection, environment, namespace, configMaps("a", "z-removed-from-git"), console::add);
        PruneSafety.Snapshot before = PruneSafety.snapshot(admin, namespace);
        proxy.fail("GET", "/api/v1/namespaces/" + namespace + "/configmaps", 429, -1);

        SyncResult result = Syncs.sync(connection, environment, namespace, configMaps("a", "b"), console::add);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.failure()).startsWith("stopped at step \"read live state\", before anything was applied or pruned: ")
                .contains("HTTP 429: injected by the test: TooManyRequests; gave up after 5 attempts")
                .endsWith("the API server is throttling requests; sync again later or lower the load on it");
        assertThat(result.requests().writes()).isZero();
        before.assertNothingDeleted();
    }

    @Test
    void shouldReportAServerErrorOnPruneAndDeleteNothingElse() {
        Syncs.sync(connection, environment, namespace, configMaps("a", "old-1", "old-2"), console::add);
        PruneSafety.Snapshot before = PruneSafety.snapshot(admin, namespace);
        proxy.fail("DELETE", path("old-2"), 500, -1);

        SyncResult result = Syncs.sync(connection, environment, namespace, configMaps("a"), console::add);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(entry(result, "ConfigMap/" + namespace + "/old-2").message())
                .startsWith("ConfigMap/" + namespace + "/old-2: delete failed (HTTP 500: ")
                .contains("gave up after 5 attempts");
        assertThat(entry(result, "ConfigMap/" + namespace + "/old-1").action()).isEqualTo(Action.SKIPPED);
        assertThat(before.deletedSince()).isEmpty();
    }
}
