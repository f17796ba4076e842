package io.jenkins.plugins.gitops.engine.sync;

import static io.jenkins.plugins.gitops.engine.testing.Manifests.configMap;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.Ownership;
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
 * Two environments that declare the same object: the second never adopts, changes or prunes what the first
 * owns; it fails naming the owner, unless Git hands the object over explicitly, which is then one action.
 */
@ExtendWith(RealApiServer.class)
class OwnershipIT {

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

    private String team(String name) {
        return name + "-" + namespace;
    }

    private SyncResult reconcile(String environment, List<KubeObject> desired, Mode mode) {
        return Engines.reconciler(connection).reconcile(desired, new Target(team(environment), namespace),
                SyncPolicy.defaults().withWaitForHealth(false, Duration.ZERO).withPrune(true), mode, console::add);
    }

    private static List<KubeObject> shared(String value, String previousOwner) {
        String annotations = previousOwner == null ? "" : "  annotations:\n    gitops-sync.jenkins.io/previous-owner: "
                + previousOwner + "\n";
        return parse("shared.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: shared
                %sdata:
                  VALUE: "%s"
                """.formatted(annotations, value));
    }

    private String liveOwner() {
        return admin.configMaps().inNamespace(namespace).withName("shared").get().getMetadata().getAnnotations()
                .get(Ownership.ENVIRONMENT_ANNOTATION);
    }

    @Test
    void shouldRefuseAnObjectAnotherEnvironmentOwnsNamingThatEnvironment() {
        reconcile("team-a", shared("a", null), Mode.SYNC);

        SyncResult preview = reconcile("team-b", concatWithOwn(shared("b", null)), Mode.PREVIEW);
        SyncResult sync = reconcile("team-b", concatWithOwn(shared("b", null)), Mode.SYNC);

        ChangeSetEntry refused = sync.entries().stream().filter(e -> e.ref().name().equals("shared")).findFirst().orElseThrow();
        assertThat(refused.action()).isEqualTo(Action.FAILED);
        assertThat(refused.message()).isEqualTo("ConfigMap/" + namespace + "/shared: belongs to environment " + team("team-a")
                + " (its marks are on the live object), so this environment neither adopts, changes nor prunes it;"
                + " remove it from this environment's Git, or hand it over: annotate it in Git with"
                + " gitops-sync.jenkins.io/previous-owner: " + team("team-a"));
        assertThat(preview.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(sync.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(admin.configMaps().inNamespace(namespace).withName("own").get()).as("the rest is still applied").isNotNull();
        assertThat(liveOwner()).isEqualTo(team("team-a"));
        assertThat(admin.configMaps().inNamespace(namespace).withName("shared").get().getData()).containsEntry("VALUE", "a");
    }

    @Test
    void shouldTakeAnObjectOverWhenGitNamesItsPreviousOwnerAndLeaveItToTheNewOwner() {
        reconcile("team-a", shared("a", null), Mode.SYNC);

        SyncResult handover = reconcile("team-b", shared("b", team("team-a")), Mode.SYNC);
        SyncResult formerOwner = reconcile("team-a", parse("other.yaml", configMap("other", "A", "1")), Mode.SYNC);

        assertThat(handover.outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(handover.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo(Action.HANDED_OVER);
            assertThat(entry.message()).startsWith("handed over from environment " + team("team-a"));
        });
        assertThat(liveOwner()).isEqualTo(team("team-b"));
        assertThat(formerOwner.entries()).as("team-a's prune no longer sees it").noneMatch(e -> e.ref().name().equals("shared"));
        assertThat(admin.configMaps().inNamespace(namespace).withName("shared").get().getData()).containsEntry("VALUE", "b");
    }

    @Test
    void shouldTakeItsObjectsOverAfterTheEnvironmentWasRenamedOrMoved() {
        reconcile("team-a", shared("a", null), Mode.SYNC);

        // the same environment, moved into a folder: a new identity, the old one remembered
        SyncResult moved = Engines.reconciler(connection).reconcile(shared("a", null), new Target(team("apps/team-a"),
                namespace, List.of(), List.of(team("team-a"))), SyncPolicy.defaults().withWaitForHealth(false,
                        Duration.ZERO), Mode.SYNC, console::add);

        assertThat(moved.outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(moved.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo(Action.HANDED_OVER);
            assertThat(entry.message()).startsWith("handed over from " + team("team-a")
                    + ", this environment's name before it was renamed or moved");
        });
        assertThat(liveOwner()).isEqualTo(team("apps/team-a"));
    }

    @Test
    void shouldNeverPruneAnObjectAnotherEnvironmentOwns() {
        reconcile("team-a", shared("a", null), Mode.SYNC);
        reconcile("team-b", parse("own.yaml", configMap("own", "A", "1")), Mode.SYNC);

        SyncResult prune = reconcile("team-b", parse("other.yaml", configMap("other", "A", "1")), Mode.SYNC);

        assertThat(prune.entries()).noneMatch(e -> e.ref().name().equals("shared"));
        assertThat(admin.configMaps().inNamespace(namespace).withName("shared").get()).isNotNull();
        assertThat(admin.configMaps().inNamespace(namespace).withName("own").get()).as("its own extra object is pruned").isNull();
    }

    private static List<KubeObject> concatWithOwn(List<KubeObject> objects) {
        List<KubeObject> all = new ArrayList<>(parse("own.yaml", configMap("own", "A", "1")));
        all.addAll(objects);
        return all;
    }
}
