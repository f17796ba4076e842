package io.jenkins.plugins.gitops.engine.reliability;

import static io.jenkins.plugins.gitops.engine.reliability.Syncs.entry;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.configMap;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.deployment;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.parse;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestNamespace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HTTP 409: another field manager owns a field Git declares, and the environment keeps conflicts instead of
 * taking fields back (Git wins by default: {@code GitWinsIT}). This shows what a user of a larger environment
 * notices: the conflict names the manager and the field, the objects around it are still
 * applied, the verdict says conflicts were left alone, and nothing is deleted.
 */
@ExtendWith(RealApiServer.class)
class FieldManagerConflictIT {

    private final List<String> console = new ArrayList<>();
    private ClusterConnection connection;
    private KubernetesClient admin;
    private String namespace;
    private String environment;

    @BeforeEach
    void setUp(ClusterConnection engineConnection, KubernetesClient client, TestNamespace testNamespace) {
        connection = engineConnection;
        admin = client;
        namespace = testNamespace.name();
        environment = "conflicts-" + namespace;
        PruneSafety.plantForeignObjects(admin, namespace);
    }

    private static List<KubeObject> app(String greeting, String image) {
        return parse("app.yaml", configMap("a-settings", "GREETING", greeting) + "---\n" + service("web") + "---\n"
                + deployment("web", 2, image) + "---\n" + configMap("z-settings", "GREETING", greeting));
    }

    @Test
    void shouldReportTheConflictWithManagerAndFieldAndApplyEverythingElse() {
        Syncs.sync(connection, environment, namespace, app("hello", "nginx:1.25"), console::add);
        // kubectl scale / edit: the field moves to the manager kubectl-edit.
        admin.apps().deployments().inNamespace(namespace).withName("web").patch(new PatchContext.Builder()
                .withPatchType(PatchType.STRATEGIC_MERGE).withFieldManager("kubectl-edit").build(), "{\"spec\":{\"replicas\":5}}");
        PruneSafety.Snapshot before = PruneSafety.snapshot(admin, namespace);

        SyncResult result = Syncs.sync(connection, environment, namespace, app("bonjour", "nginx:1.25"), console::add,
                Syncs.PRUNE_KEEPING_CONFLICTS);

        assertThat(result.outcome()).isEqualTo(Outcome.CONFLICTS);
        assertThat(result.failure()).isEmpty();
        assertThat(entry(result, "Deployment/" + namespace + "/web").message()).isEqualTo("Deployment/" + namespace
                + "/web: apply conflict on .spec.replicas with field manager \"kubectl-edit\"; let Git win to take it back"
                + " (the default: clear \"Keep conflicts\", or sync without --no-force-conflicts), or remove the field from Git");
        assertThat(result.entries()).extracting(e -> e.ref().name() + " " + e.action().label())
                .containsExactly("a-settings configured", "z-settings configured", "web unchanged", "web conflict");
        assertThat(admin.configMaps().inNamespace(namespace).withName("z-settings").get().getData())
                .containsEntry("GREETING", "bonjour");
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get().getSpec().getReplicas())
                .as("not forced").isEqualTo(5);
        assertThat(console).contains("Deployment/" + namespace + "/web conflict (Progressing): " + entry(result,
                "Deployment/" + namespace + "/web").message());
        before.assertNothingDeleted();
    }

    @Test
    void shouldLeaveTheWholeConflictingObjectAsItIs() {
        Syncs.sync(connection, environment, namespace, app("hello", "nginx:1.25"), console::add);
        admin.apps().deployments().inNamespace(namespace).withName("web").patch(new PatchContext.Builder()
                .withPatchType(PatchType.STRATEGIC_MERGE).withFieldManager("kubectl-edit").build(), "{\"spec\":{\"replicas\":5}}");

        SyncResult result = Syncs.sync(connection, environment, namespace, app("hello", "nginx:1.27"), console::add,
                Syncs.PRUNE_KEEPING_CONFLICTS);

        // Server-side apply refuses the whole request: the new image is not applied either, and the entry says so.
        assertThat(entry(result, "Deployment/" + namespace + "/web").action()).isEqualTo(Action.CONFLICT);
        assertThat(entry(result, "Deployment/" + namespace + "/web").changedPaths())
                .contains(".spec.template.spec.containers[name=main].image");
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get().getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.25");
    }
}
