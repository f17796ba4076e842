package io.jenkins.plugins.gitops.engine.reliability;

import static io.jenkins.plugins.gitops.engine.reliability.Syncs.entry;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.configMap;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.report.ReportContext;
import io.jenkins.plugins.gitops.engine.report.SyncReport;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.ApiServerAccess;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestNamespace;
import io.jenkins.plugins.gitops.engine.testing.kube.TcpProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API server cannot be reached at all: nothing listens on its port, from the start or since the last
 * sync. The sync fails before it applies or prunes anything, names the server's URL and the step it was
 * at, and says what to do.
 */
@ExtendWith(RealApiServer.class)
class ClusterUnreachableIT {

    private final List<String> console = new ArrayList<>();
    private ApiServerAccess access;
    private KubernetesClient admin;
    private String namespace;
    private String environment;

    @BeforeEach
    void setUp(ApiServerAccess serverAccess, KubernetesClient client, TestNamespace testNamespace) {
        access = serverAccess;
        admin = client;
        namespace = testNamespace.name();
        environment = "unreachable-" + namespace;
        PruneSafety.plantForeignObjects(admin, namespace);
    }

    private List<KubeObject> app(String... names) {
        StringBuilder yaml = new StringBuilder();
        for (String name : names) {
            yaml.append(configMap(name, "k", "v")).append("---\n");
        }
        return parse("app.yaml", yaml.toString());
    }

    @Test
    void shouldNameTheServerAndWhatToDoWhenNothingListensOnItsPort() throws IOException {
        String url = "https://127.0.0.1:" + closedPort();
        Config config = access.adminConfig();
        config.setMasterUrl(url);
        PruneSafety.Snapshot before = PruneSafety.snapshot(admin, namespace);

        SyncResult result;
        Instant start = Instant.now();
        try (ClusterConnection unreachable = ClusterConnection.connect(config)) {
            result = Syncs.sync(unreachable, environment, namespace, app("settings"), console::add);
        }
        SyncReport report = SyncReport.of(result, new ReportContext(environment, url, namespace, "/work/app", "",
                null, null, Syncs.PRUNE, start, Instant.now()));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.summary().failure()).as("the report says where it stopped, where to and what to do")
                .startsWith("stopped at step \"discover kinds\", before anything was applied or pruned: " + url)
                .contains("Connection refused")
                .contains("gave up after 5 attempts")
                .contains("check that the API server is running at this URL and that this machine can reach it");
        // Discovery failed, so whether ConfigMaps live in namespaces is unknown: the entry has no namespace.
        assertThat(entry(result, "ConfigMap/settings").action()).isEqualTo(Action.SKIPPED);
        assertThat(result.requests().writes()).isZero();
        before.assertNothingDeleted();
    }

    @Test
    void shouldSayTheSyncFailedReadingLiveStateWhenTheServerVanishedSinceTheLastSync() {
        URI server = URI.create(access.adminConfig().getMasterUrl());
        PruneSafety.Snapshot before;
        SyncResult result;
        try (TcpProxy proxy = TcpProxy.to(server.getHost(), server.getPort())) {
            Config config = access.adminConfig();
            config.setMasterUrl("https://127.0.0.1:" + proxy.port());
            try (ClusterConnection connection = ClusterConnection.connect(config)) {
                assertThat(Syncs.sync(connection, environment, namespace, app("kept", "removed-from-git"), console::add)
                        .outcome()).isEqualTo(Outcome.SYNCED);
                before = PruneSafety.snapshot(admin, namespace);
                proxy.cut();

                // The same connection, as the plugin keeps one per cluster: discovery is cached, so the first
                // request that fails is the inventory's.
                result = Syncs.sync(connection, environment, namespace, app("kept", "new"), console::add);
            }
        }

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.failure()).startsWith("stopped at step \"read live state\", before anything was applied or pruned: ")
                .contains("https://127.0.0.1:").contains("no answer")
                .contains("check that the API server is running at this URL");
        assertThat(result.entries()).extracting(e -> e.ref().name() + " " + e.action().label())
                .containsExactlyInAnyOrder("kept skipped", "new skipped");
        assertThat(before.contains("ConfigMap/" + namespace + "/removed-from-git")).isTrue();
        before.assertNothingDeleted();
    }

    /** A loopback port nothing listens on: one that was free a moment ago. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
