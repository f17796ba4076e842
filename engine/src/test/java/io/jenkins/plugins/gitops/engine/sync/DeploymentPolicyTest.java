package io.jenkins.plugins.gitops.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of a deployment policy, one by one: globs, kinds with and without a group, server URLs. */
class DeploymentPolicyTest {

    private static DeploymentPolicy policy(List<String> servers, List<String> namespaces, List<String> kinds) {
        return new DeploymentPolicy("the global deployment policy", servers, namespaces, kinds);
    }

    @Test
    void shouldMatchNamespacesByGlobWithoutRegardToCase() {
        DeploymentPolicy teamA = policy(List.of(), List.of("team-a-*", "shared"), List.of());

        assertThat(teamA.allowsNamespace("team-a-prod")).isTrue();
        assertThat(teamA.allowsNamespace("TEAM-A-dev")).isTrue();
        assertThat(teamA.allowsNamespace("shared")).isTrue();
        assertThat(teamA.allowsNamespace("team-b-prod")).isFalse();
        assertThat(teamA.allowsNamespace("kube-system")).isFalse();
        assertThat(policy(List.of(), List.of(), List.of()).allowsNamespace("anything")).as("empty: any").isTrue();
    }

    @Test
    void shouldAllowOnlyNamespaceAmongClusterScopedKindsByDefault() {
        DeploymentPolicy defaults = policy(List.of(), List.of(), DeploymentPolicy.DEFAULT_CLUSTER_KINDS);

        assertThat(defaults.allowsClusterKind("", "Namespace")).isTrue();
        assertThat(defaults.allowsClusterKind("rbac.authorization.k8s.io", "ClusterRoleBinding")).isFalse();
        assertThat(defaults.allowsClusterKind("apiextensions.k8s.io", "CustomResourceDefinition")).isFalse();
    }

    @Test
    void shouldTellAKindQualifiedByItsGroupFromTheSameKindInAnotherGroup() {
        DeploymentPolicy rbacOnly = policy(List.of(), List.of(), List.of("rbac.authorization.k8s.io/ClusterRole", "Namespace"));

        assertThat(rbacOnly.allowsClusterKind("rbac.authorization.k8s.io", "ClusterRole")).isTrue();
        assertThat(rbacOnly.allowsClusterKind("example.com", "ClusterRole")).isFalse();
        assertThat(policy(List.of(), List.of(), List.of("*")).allowsClusterKind("example.com", "Anything")).isTrue();
    }

    @Test
    void shouldMatchAServerWhetherOrNotItsUrlEndsWithASlash() {
        DeploymentPolicy prod = policy(List.of("https://prod.example.com:6443"), List.of(), List.of());

        assertThat(prod.allowsServer("https://prod.example.com:6443/")).isTrue();
        assertThat(prod.allowsServer("https://prod.example.com:6443")).isTrue();
        assertThat(prod.allowsServer("https://dev.example.com:6443/")).isFalse();
    }

    @Test
    void shouldDescribeItselfInOneLine() {
        assertThat(policy(List.of(), List.of("team-a-*"), List.of("Namespace")).describe())
                .isEqualTo("namespaces team-a-*; cluster-scoped kinds Namespace; any API server");
    }
}
