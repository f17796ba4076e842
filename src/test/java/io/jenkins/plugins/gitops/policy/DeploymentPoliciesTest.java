package io.jenkins.plugins.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.pipeline.StepException;
import io.jenkins.plugins.gitops.engine.sync.DeploymentPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an administrator writes in a policy's text areas, as the engine and the plugin's checks before connecting
 * read it; and the messages of a refusal, which name the rule and who set it.
 */
class DeploymentPoliciesTest {

    private static final String GLOBAL = "the global deployment policy";
    private static final String TEAM_A = "the deployment policy of folder team-a";

    @Test
    void shouldDefaultToAnyServerCredentialsAndNamespaceButNoClusterScopedKindOtherThanNamespace() {
        DeploymentPolicy policy = new DeploymentPolicySettings().toEngine(GLOBAL);

        assertThat(policy.servers()).isEmpty();
        assertThat(policy.namespaces()).isEmpty();
        assertThat(policy.clusterKinds()).containsExactly("Namespace");
        assertThat(policy.allowsClusterKind("rbac.authorization.k8s.io", "ClusterRoleBinding")).isFalse();
        assertThat(new DeploymentPolicySettings().allowsCredentials("any-credentials")).isTrue();
        assertThat(policy.describe()).isEqualTo("namespaces any; cluster-scoped kinds Namespace; any API server");
    }

    @Test
    void shouldReadOneEntryALineOrCommaSeparatedAndIgnoreBlankLines() {
        DeploymentPolicySettings settings = new DeploymentPolicySettings();
        settings.setAllowedNamespaces("  team-a-*\r\n\n team-b , shared \n");
        settings.setAllowedClusterKinds("Namespace\nrbac.authorization.k8s.io/ClusterRole");

        assertThat(settings.getAllowedNamespaces()).isEqualTo("team-a-*\nteam-b\nshared");
        assertThat(settings.toEngine(GLOBAL).namespaces()).containsExactly("team-a-*", "team-b", "shared");
        assertThat(settings.toEngine(GLOBAL).allowsClusterKind("rbac.authorization.k8s.io", "ClusterRole")).isTrue();
        assertThat(settings.toEngine(GLOBAL).allowsClusterKind("rbac.authorization.k8s.io", "ClusterRoleBinding"))
                .isFalse();
    }

    @Test
    void shouldAllowNoClusterScopedKindWhenTheKindsAreEmptied() {
        DeploymentPolicySettings settings = new DeploymentPolicySettings();
        settings.setAllowedClusterKinds("");

        assertThat(settings.toEngine(GLOBAL).allowsClusterKind("", "Namespace")).isFalse();
    }

    @Test
    void shouldMatchAServerWrittenWithoutTheSlashFabric8Adds() {
        DeploymentPolicySettings settings = new DeploymentPolicySettings();
        settings.setAllowedServers("https://k8s.example.com:6443\nhttps://*.prod.example.com");
        DeploymentPolicies policies = policies(new DeploymentPolicies.Named(GLOBAL, settings));

        policies.checkServer("https://k8s.example.com:6443/");
        policies.checkServer("https://eu.prod.example.com/");
        assertThatThrownBy(() -> policies.checkServer("https://k8s.example.com:6444/"))
                .isInstanceOf(StepException.class)
                .hasMessageContaining("API server https://k8s.example.com:6444/: not allowed by " + GLOBAL)
                .hasMessageContaining("allowed: https://k8s.example.com:6443, https://*.prod.example.com");
    }

    @Test
    void shouldRefuseCredentialsAFolderDoesNotAllowNamingTheFolderAndWhatItAllows() {
        DeploymentPolicySettings teamA = new DeploymentPolicySettings();
        teamA.setAllowedCredentials("team-a-kubeconfig\nteam-a-token");
        DeploymentPolicies policies = policies(new DeploymentPolicies.Named(GLOBAL, new DeploymentPolicySettings()),
                new DeploymentPolicies.Named(TEAM_A, teamA));

        policies.checkCredentials("team-a-token");
        assertThatThrownBy(() -> policies.checkCredentials("cluster-admin"))
                .isInstanceOf(StepException.class)
                .hasMessageStartingWith("Cluster credentials \"cluster-admin\": not allowed by " + TEAM_A
                        + " (allowed: team-a-kubeconfig, team-a-token)");
        assertThatThrownBy(() -> policies.checkCredentials(null))
                .isInstanceOf(StepException.class).hasMessageContaining("(none selected)");
    }

    @Test
    void shouldRefuseTheEnvironmentsNamespaceWhenAnyPolicyRefusesIt() {
        DeploymentPolicySettings global = new DeploymentPolicySettings();
        global.setAllowedNamespaces("team-*");
        DeploymentPolicySettings teamA = new DeploymentPolicySettings();
        teamA.setAllowedNamespaces("team-a-*");
        DeploymentPolicies policies = policies(new DeploymentPolicies.Named(GLOBAL, global),
                new DeploymentPolicies.Named(TEAM_A, teamA));

        policies.checkNamespace("team-a-shop");
        // the global policy allows team-b, the folder does not: every policy must allow it
        assertThatThrownBy(() -> policies.checkNamespace("team-b-shop"))
                .isInstanceOf(StepException.class)
                .hasMessageStartingWith("Namespace \"team-b-shop\" of the environment: not allowed by " + TEAM_A
                        + " (allowed: team-a-*)");
        assertThatThrownBy(() -> policies.checkNamespace("kube-system"))
                .isInstanceOf(StepException.class).hasMessageContaining("not allowed by " + GLOBAL);
    }

    @Test
    void shouldDescribeEachPolicyOnOneLineWithWhoSetIt() {
        DeploymentPolicySettings teamA = new DeploymentPolicySettings();
        teamA.setAllowedNamespaces("team-a-*");
        teamA.setAllowedCredentials("team-a-kubeconfig");
        DeploymentPolicies policies = policies(new DeploymentPolicies.Named(GLOBAL, new DeploymentPolicySettings()),
                new DeploymentPolicies.Named(TEAM_A, teamA));

        assertThat(policies.describe(true)).containsExactly(
                GLOBAL + ": namespaces any; cluster-scoped kinds Namespace; any API server; any cluster credentials",
                TEAM_A + ": namespaces team-a-*; cluster-scoped kinds Namespace; any API server;"
                        + " cluster credentials team-a-kubeconfig");
        // to those who may not configure the environment, the credentials are only counted
        assertThat(policies.describe(false).get(1)).endsWith("; 1 allowed cluster credentials")
                .doesNotContain("team-a-kubeconfig");
        assertThat(policies.toEngine()).extracting(DeploymentPolicy::source).containsExactly(GLOBAL, TEAM_A);
    }

    private static DeploymentPolicies policies(DeploymentPolicies.Named... policies) {
        return new DeploymentPolicies(List.of(policies));
    }
}
