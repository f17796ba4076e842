package io.jenkins.plugins.gitops.engine.sync;

import static io.jenkins.plugins.gitops.engine.testing.Manifests.configMap;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
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
 * An administrator's deployment policy, checked before anything is written: a cluster-scoped kind it does not
 * allow, a namespace outside its patterns, an API server it does not list. Each violation names the object, its
 * file and line, and the rule; nothing is applied, even the objects that keep to the policy, and a preview fails
 * the same way.
 */
@ExtendWith(RealApiServer.class)
class DeploymentPolicyIT {

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

    private SyncResult reconcile(List<KubeObject> desired, Mode mode, DeploymentPolicy... policies) {
        return Engines.reconciler(connection).reconcile(desired, new Target("policy-" + namespace, namespace,
                List.of(policies)), SyncPolicy.defaults().withWaitForHealth(false, Duration.ZERO), mode, console::add);
    }

    private static DeploymentPolicy global(List<String> namespaces, List<String> clusterKinds) {
        return new DeploymentPolicy("the global deployment policy", List.of(), namespaces, clusterKinds);
    }

    private static final String CLUSTER_ROLE_BINDING = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: make-me-admin
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
            subjects:
              - {kind: ServiceAccount, name: default, namespace: default}
            """;

    @Test
    void shouldRefuseAClusterScopedKindTheDefaultPolicyDoesNotAllowAndWriteNothing() {
        List<KubeObject> desired = parse("apps/rbac.yaml", configMap("settings", "A", "1") + "---\n" + CLUSTER_ROLE_BINDING);

        SyncResult preview = reconcile(desired, Mode.PREVIEW, global(List.of(), DeploymentPolicy.DEFAULT_CLUSTER_KINDS));
        SyncResult sync = reconcile(desired, Mode.SYNC, global(List.of(), DeploymentPolicy.DEFAULT_CLUSTER_KINDS));

        assertThat(preview.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(sync.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(sync.failure()).containsPattern("ClusterRoleBinding/make-me-admin \\(apps/rbac.yaml:\\d+\\)")
                .contains("make-me-admin (apps/rbac.yaml:").contains(": the cluster-scoped kind ClusterRoleBinding is not allowed by the global deployment policy (allowed: Namespace); ask an"
                + " administrator to allow it, or remove it from Git");
        assertThat(sync.requests().writes()).isZero();
        assertThat(admin.configMaps().inNamespace(namespace).withName("settings").get()).as("nothing applied").isNull();
        assertThat(admin.rbac().clusterRoleBindings().withName("make-me-admin").get()).isNull();
    }

    @Test
    void shouldRefuseAnObjectThatNamesANamespaceOutsideTheFoldersPatterns() {
        List<KubeObject> desired = parse("apps/web.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: sneaky
                  namespace: kube-system
                data: {A: "1"}
                """);

        SyncResult sync = reconcile(desired, Mode.SYNC,
                global(List.of(), DeploymentPolicy.DEFAULT_CLUSTER_KINDS),
                new DeploymentPolicy("the deployment policy of folder team-a", List.of(), List.of("gitops-test-*"),
                        List.of()));

        assertThat(sync.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(sync.failure()).contains("ConfigMap/kube-system/sneaky (apps/web.yaml:1): namespace kube-system is not"
                + " allowed by the deployment policy of folder team-a (allowed: gitops-test-*)");
        assertThat(admin.configMaps().inNamespace("kube-system").withName("sneaky").get()).isNull();
    }

    @Test
    void shouldApplyWhatThePolicyAllows() {
        List<KubeObject> desired = parse("apps/web.yaml", configMap("settings", "A", "1"));

        SyncResult sync = reconcile(desired, Mode.SYNC, global(List.of("gitops-test-*"), List.of("Namespace")));

        assertThat(sync.outcome()).isEqualTo(Outcome.SYNCED);
    }

    @Test
    void shouldRefuseAnApiServerThePolicyDoesNotList() {
        SyncResult sync = reconcile(parse("apps/web.yaml", configMap("settings", "A", "1")), Mode.SYNC,
                new DeploymentPolicy("the global deployment policy", List.of("https://prod.example.com:6443"), List.of(),
                        List.of()));

        assertThat(sync.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(sync.failure()).contains("the API server " + connection.serverUrl() + " is not allowed by the global"
                + " deployment policy (allowed: https://prod.example.com:6443)");
    }
}
