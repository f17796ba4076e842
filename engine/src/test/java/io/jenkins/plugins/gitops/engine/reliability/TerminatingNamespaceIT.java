package io.jenkins.plugins.gitops.engine.reliability;

import static io.jenkins.plugins.gitops.engine.reliability.Syncs.entry;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.configMap;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.deployment;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
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
 * Git declares objects in a namespace that is being deleted. Without kube-controller-manager a deleted
 * namespace keeps its {@code kubernetes} finalizer and stays Terminating, as one does in a real cluster
 * while its contents are removed, or forever when a finalizer is stuck. The API server refuses new objects
 * in it; each refusal is reported on its object with what to do, and everything else is applied.
 */
@ExtendWith(RealApiServer.class)
class TerminatingNamespaceIT {

    private final List<String> console = new ArrayList<>();
    private ClusterConnection connection;
    private KubernetesClient admin;
    private String namespace;
    private String terminating;
    private String environment;

    @BeforeEach
    void setUp(ClusterConnection engineConnection, KubernetesClient client, TestNamespace testNamespace) {
        connection = engineConnection;
        admin = client;
        namespace = testNamespace.name();
        environment = "terminating-" + namespace;
        terminating = namespace + "-going";
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(terminating).endMetadata().build())
                .create();
        PruneSafety.plantForeignObjects(admin, namespace);
        PruneSafety.plantForeignObjects(admin, terminating);
    }

    private void deleteTerminatingNamespace() {
        admin.namespaces().withName(terminating).delete();
        assertThat(admin.namespaces().withName(terminating).get().getStatus().getPhase()).isEqualTo("Terminating");
    }

    private List<KubeObject> app() {
        return parse("app.yaml", configMap("here", "k", "v") + "---\n" + deployment("web", 1, "nginx:1.25") + "---\n"
                + configMap("there", "k", "v").replace("name: there", "name: there\n  namespace: " + terminating));
    }

    @Test
    void shouldRefuseEachNewObjectInTheTerminatingNamespaceAndApplyTheRest() {
        deleteTerminatingNamespace();
        PruneSafety.Snapshot before = PruneSafety.snapshot(admin, namespace, terminating);

        SyncResult result = Syncs.sync(connection, environment, namespace, app(), console::add);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(entry(result, "ConfigMap/" + terminating + "/there").message()).isEqualTo("ConfigMap/" + terminating
                + "/there: apply failed (HTTP 403: configmaps \"there\" is forbidden: unable to create new content in"
                + " namespace " + terminating + " because it is being terminated); namespace " + terminating + " is being"
                + " deleted: sync again once it is gone (declare it in Git to have it created again), or find out what holds"
                + " it (its finalizers)");
        assertThat(entry(result, "ConfigMap/" + namespace + "/here").action()).isEqualTo(Action.CREATED);
        assertThat(entry(result, "Deployment/" + namespace + "/web").action()).isEqualTo(Action.CREATED);
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get()).isNotNull();
        before.assertNothingDeleted();
    }

    @Test
    void shouldKeepAndReportTheEnvironmentsObjectsAlreadyInTheNamespace() {
        Syncs.sync(connection, environment, namespace, app(), console::add);
        deleteTerminatingNamespace();
        PruneSafety.Snapshot before = PruneSafety.snapshot(admin, namespace, terminating);

        SyncResult result = Syncs.sync(connection, environment, namespace, app(), console::add);

        // Objects already there may stay while the namespace drains: nothing to apply, nothing to delete.
        assertThat(result.outcome()).as(result.failure()).isEqualTo(Outcome.IN_SYNC);
        assertThat(entry(result, "ConfigMap/" + terminating + "/there").action()).isEqualTo(Action.UNCHANGED);
        before.assertNothingDeleted();
    }
}
