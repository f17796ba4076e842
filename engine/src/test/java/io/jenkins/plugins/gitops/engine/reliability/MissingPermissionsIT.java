package io.jenkins.plugins.gitops.engine.reliability;

import static io.jenkins.plugins.gitops.engine.reliability.Syncs.entry;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.configMap;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.deployment;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.parse;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.secret;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
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
 * Credentials that lack RBAC permissions for some kinds (the API server authorizes with RBAC; the user
 * {@value ApiServerAccess#LIMITED_USER} has a static token and only the Role a test gives it). An earlier
 * sync, with full rights, created a ConfigMap, a Secret and a Deployment. Each object the credentials may
 * not handle fails on its own, naming the missing permission; the rest is applied; and nothing of a kind
 * that could not be listed is ever pruned, because the engine cannot know what is there.
 */
@ExtendWith(RealApiServer.class)
class MissingPermissionsIT {

    private static final PolicyRule ALL_ON_CONFIG_MAPS = new PolicyRuleBuilder().withApiGroups("")
            .withResources("configmaps").withVerbs("get", "list", "watch", "create", "update", "patch", "delete").build();

    private final List<String> console = new ArrayList<>();
    private KubernetesClient admin;
    private String namespace;
    private String environment;
    private ClusterConnection limited;
    private PruneSafety.Snapshot before;

    @BeforeEach
    void syncOnceWithFullRights(ClusterConnection adminConnection, ApiServerAccess access, KubernetesClient client,
            TestNamespace testNamespace) {
        admin = client;
        namespace = testNamespace.name();
        environment = "rbac-" + namespace;
        PruneSafety.plantForeignObjects(admin, namespace);
        assertThat(Syncs.sync(adminConnection, environment, namespace, parse("app.yaml", configMap("settings", "k", "v1")
                + "---\n" + configMap("old-settings", "k", "v") + "---\n" + secret("db", "password", "s3cret") + "---\n"
                + deployment("web", 1, "nginx:1.25")), console::add).outcome()).isEqualTo(Outcome.SYNCED);
        before = PruneSafety.snapshot(admin, namespace);
        limited = ClusterConnection.connect(access.limitedUserConfig());
    }

    @AfterEach
    void close() {
        limited.close();
    }

    /** Gives the limited user exactly {@code rules} in the test's namespace. */
    private void grant(PolicyRule... rules) {
        admin.rbac().roles().inNamespace(namespace).resource(new RoleBuilder().withNewMetadata().withName("gitops")
                .endMetadata().withRules(rules).build()).serverSideApply();
        admin.rbac().roleBindings().inNamespace(namespace).resource(new RoleBindingBuilder().withNewMetadata()
                .withName("gitops").endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", "gitops")
                .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User")
                .withName(ApiServerAccess.LIMITED_USER).endSubject().build()).serverSideApply();
    }

    private SyncResult syncAsLimitedUser(String yaml) {
        List<KubeObject> desired = parse("app.yaml", yaml);
        return Syncs.sync(limited, environment, namespace, desired, console::add);
    }

    @Test
    void shouldFailEachObjectOfAKindItMayNotListAndApplyTheRest() {
        grant(ALL_ON_CONFIG_MAPS);

        // Git still declares the Secret, no longer the Deployment nor old-settings.
        SyncResult result = syncAsLimitedUser(configMap("settings", "k", "v2") + "---\n" + secret("db", "password", "s3cret"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(entry(result, "Secret/" + namespace + "/db").action()).isEqualTo(Action.FAILED);
        assertThat(entry(result, "Secret/" + namespace + "/db").message())
                .startsWith("Secret/" + namespace + "/db: not applied: its kind could not be listed, so its live state is unknown: ")
                .contains("secrets is forbidden: User \"gitops-limited\" cannot list resource \"secrets\"")
                .endsWith("grant the credentials the right to list secrets in namespace " + namespace);
        assertThat(entry(result, "ConfigMap/" + namespace + "/settings").action()).isEqualTo(Action.CONFIGURED);
        assertThat(admin.configMaps().inNamespace(namespace).withName("settings").get().getData()).containsEntry("k", "v2");
        assertThat(entry(result, "ConfigMap/" + namespace + "/old-settings").message())
                .isEqualTo("not pruned: the sync stopped before pruning");
        assertThat(result.failure()).contains("deployments.apps, secrets could not be listed (forbidden): objects of these"
                + " kinds were not pruned");
        assertThat(console).anyMatch(line -> line.startsWith("Warning: ") && line.contains("deployments.apps in namespace "
                + namespace + ": listing failed (HTTP 403: ") && line.endsWith("neither compared, applied nor pruned"));
        before.assertNothingDeleted();
    }

    @Test
    void shouldNeverPruneAKindItMayNotListButPruneTheKindsItMay() {
        grant(ALL_ON_CONFIG_MAPS);

        // Git declares only the ConfigMap now: the Secret, the Deployment and old-settings are extra.
        SyncResult limitedSync = syncAsLimitedUser(configMap("settings", "k", "v1"));

        assertThat(limitedSync.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(limitedSync.failure()).isEqualTo("deployments.apps, secrets could not be listed (forbidden): objects of"
                + " these kinds were not pruned, and those Git declares were not applied; grant the credentials list, get and"
                + " patch on them (see the warnings for the API server's answer)");
        assertThat(entry(limitedSync, "ConfigMap/" + namespace + "/old-settings").action()).isEqualTo(Action.PRUNED);
        assertThat(before.deletedSince()).as("the listable kind was pruned; the others were left alone")
                .containsExactly("ConfigMap/" + namespace + "/old-settings");

        // Once the credentials may list them, the objects are found again: the inventory kept their kinds.
        grant(ALL_ON_CONFIG_MAPS, new PolicyRuleBuilder().withApiGroups("", "apps").withResources("secrets", "deployments")
                .withVerbs("get", "list", "patch", "delete").build());
        SyncResult fullSync = syncAsLimitedUser(configMap("settings", "k", "v1"));

        assertThat(fullSync.outcome()).as(fullSync.failure()).isEqualTo(Outcome.SYNCED);
        assertThat(before.deletedSince()).containsExactly("ConfigMap/" + namespace + "/old-settings",
                "Deployment/" + namespace + "/web", "Secret/" + namespace + "/db");
    }

    @Test
    void shouldNameTheMissingPermissionWhenAKindMayBeReadButNotWritten() {
        grant(ALL_ON_CONFIG_MAPS, new PolicyRuleBuilder().withApiGroups("").withResources("secrets")
                .withVerbs("get", "list").build(), new PolicyRuleBuilder().withApiGroups("apps").withResources("deployments")
                .withVerbs("get", "list").build());

        SyncResult result = syncAsLimitedUser(configMap("settings", "k", "v1") + "---\n" + secret("api-key", "key", "k3y")
                + "---\n" + secret("db", "password", "s3cret") + "---\n" + deployment("web", 1, "nginx:1.25"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(entry(result, "Secret/" + namespace + "/api-key").message()).isEqualTo("Secret/" + namespace
                + "/api-key: apply failed (HTTP 403: secrets \"api-key\" is forbidden: User \"gitops-limited\" cannot patch"
                + " resource \"secrets\" in API group \"\" in the namespace \"" + namespace + "\"); grant User \"gitops-limited\""
                + " the permission to patch secrets in namespace " + namespace + " (a Role or ClusterRole and its binding)");
        assertThat(result.entries()).extracting(e -> e.ref().name() + " " + e.action().label())
                .contains("settings unchanged", "db unchanged", "web unchanged", "api-key failed");
        assertThat(result.failure()).isEqualTo(entry(result, "Secret/" + namespace + "/api-key").message());
        before.assertNothingDeleted();
    }
}
