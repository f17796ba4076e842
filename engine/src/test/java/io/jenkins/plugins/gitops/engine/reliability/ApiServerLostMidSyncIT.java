package io.jenkins.plugins.gitops.engine.reliability;

import static io.jenkins.plugins.gitops.engine.reliability.Syncs.entry;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.configMaps;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.ChangeSetEntry;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.ApiServerAccess;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestNamespace;
import io.jenkins.plugins.gitops.engine.testing.kube.TcpProxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API server goes away in the middle of a sync, after some objects were applied: a TCP proxy between
 * the engine and the real server is cut as soon as the engine reports the second object applied. The result
 * says exactly which objects were applied and which were not, the failure names the object the sync was on,
 * and nothing is pruned.
 */
@ExtendWith(RealApiServer.class)
class ApiServerLostMidSyncIT {

    private final List<String> console = new ArrayList<>();
    private KubernetesClient admin;
    private String namespace;
    private String environment;
    private TcpProxy proxy;
    private ClusterConnection connection;

    @BeforeEach
    void connectThroughAProxy(ApiServerAccess access, KubernetesClient client, TestNamespace testNamespace) {
        admin = client;
        namespace = testNamespace.name();
        environment = "lost-" + namespace;
        URI server = URI.create(access.adminConfig().getMasterUrl());
        proxy = TcpProxy.to(server.getHost(), server.getPort());
        Config config = access.adminConfig();
        config.setMasterUrl("https://127.0.0.1:" + proxy.port());
        connection = ClusterConnection.connect(config);
        PruneSafety.plantForeignObjects(admin, namespace);
    }

    @AfterEach
    void close() {
        connection.close();
        proxy.close();
    }


    @Test
    void shouldSayWhichObjectsWereAppliedWhenTheServerGoesAwayHalfWay() {
        assertThat(Syncs.sync(connection, environment, namespace, configMaps("a-1", "z-removed-from-git"), console::add)
                .outcome()).isEqualTo(Outcome.SYNCED);
        PruneSafety.Snapshot before = PruneSafety.snapshot(admin, namespace);

        SyncResult result = Syncs.sync(connection, environment, namespace, configMaps("a-1", "a-2", "a-3", "a-4", "a-5"),
                line -> {
                    console.add(line);
                    if (line.startsWith("ConfigMap/" + namespace + "/a-3 created")) {
                        proxy.cut();
                    }
                });

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.entries()).extracting(e -> e.ref().name() + " " + e.action().label()).containsExactly(
                "a-1 unchanged", "a-2 created", "a-3 created", "a-4 failed", "a-5 skipped", "z-removed-from-git skipped");
        ChangeSetEntry failed = entry(result, "ConfigMap/" + namespace + "/a-4");
        assertThat(failed.message()).startsWith("ConfigMap/" + namespace + "/a-4: apply failed (no answer: ")
                .contains("gave up after 5 attempts")
                .endsWith("; check that the API server is running and reachable from this machine, then sync again");
        assertThat(result.failure()).isEqualTo(failed.message());
        assertThat(entry(result, "ConfigMap/" + namespace + "/a-5").message())
                .isEqualTo("not applied: the sync stopped after ConfigMap/" + namespace + "/a-4 failed");
        assertThat(entry(result, "ConfigMap/" + namespace + "/z-removed-from-git").message())
                .isEqualTo("not pruned: the sync stopped before pruning");
        assertThat(admin.configMaps().inNamespace(namespace).list().getItems()).extracting(c -> c.getMetadata().getName())
                .contains("a-2", "a-3", "z-removed-from-git").doesNotContain("a-4", "a-5");
        before.assertNothingDeleted();
    }

    @Test
    void shouldPruneNothingWhenTheServerGoesAwayWhilePruning() {
        assertThat(Syncs.sync(connection, environment, namespace, configMaps("keep", "old-1", "old-2"), console::add)
                .outcome()).isEqualTo(Outcome.SYNCED);
        PruneSafety.Snapshot before = PruneSafety.snapshot(admin, namespace);

        // Prune order is the reverse of apply order: old-2 first, then old-1. The server goes away after old-2.
        SyncResult result = Syncs.sync(connection, environment, namespace, configMaps("keep"), line -> {
            console.add(line);
            if (line.startsWith("ConfigMap/" + namespace + "/old-2 pruned")) {
                proxy.cut();
            }
        });

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(entry(result, "ConfigMap/" + namespace + "/old-2").action()).isEqualTo(Action.PRUNED);
        assertThat(entry(result, "ConfigMap/" + namespace + "/old-1").action()).isEqualTo(Action.FAILED);
        assertThat(result.failure()).startsWith("ConfigMap/" + namespace + "/old-1: delete failed (no answer: ");
        assertThat(before.deletedSince()).as("only the object Git no longer declares, and that was reported pruned")
                .containsExactly("ConfigMap/" + namespace + "/old-2");
    }
}
