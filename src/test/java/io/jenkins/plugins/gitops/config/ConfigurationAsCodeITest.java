package io.jenkins.plugins.gitops.config;

import static io.jenkins.plugins.casc.misc.Util.getUnclassifiedRoot;
import static io.jenkins.plugins.casc.misc.Util.toYamlString;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.gitops.folder.EnvironmentOrphanStrategy;
import io.jenkins.plugins.gitops.folder.GitDirectoriesGenerator;
import io.jenkins.plugins.gitops.folder.GitOpsEnvironmentFolder;
import io.jenkins.plugins.gitops.policy.DeploymentPolicySettings;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.Test;

/** {@code unclassified: gitopsSync:} from configuration-as-code.yml, and back. */
@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeITest {

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void shouldApplyEverySetting(JenkinsConfiguredWithCodeRule jenkins) {
        GitOpsConfiguration configuration = GitOpsConfiguration.get();

        assertThat(configuration.getCheckIntervalMinutes()).isEqualTo(7);
        assertThat(configuration.getCheckJitterSeconds()).isEqualTo(30);
        assertThat(configuration.getMaxConcurrentChecks()).isEqualTo(2);
        assertThat(configuration.getFieldManager()).isEqualTo("platform-gitops");
        assertThat(configuration.getWebhookToken().getPlainText()).isEqualTo("push-token");
        assertThat(configuration.getDefaultAgentLabel()).isEqualTo("gitops && linux");
        DeploymentPolicySettings policy = configuration.getDeploymentPolicy();
        assertThat(policy.getAllowedServers()).isEqualTo("https://*.prod.example.com:6443");
        assertThat(policy.getAllowedCredentials()).isEqualTo("prod-kubeconfig");
        assertThat(policy.getAllowedNamespaces()).isEqualTo("team-*\nshared");
        assertThat(policy.getAllowedClusterKinds()).isEqualTo("Namespace\nrbac.authorization.k8s.io/ClusterRole");
        GitOpsEnvironmentFolder folder = Jenkins.get().getItemByFullName("clusters", GitOpsEnvironmentFolder.class);
        assertThat(folder).as("the environment folder JCasC declares").isNotNull();
        assertThat(folder.getRepositoryUrl()).isEqualTo("https://git.example.com/platform/clusters.git");
        assertThat(folder.getGenerator()).isInstanceOf(GitDirectoriesGenerator.class);
        assertThat(((EnvironmentOrphanStrategy) folder.getOrphanedItemStrategy()).getDeleteAfterDays()).isEqualTo(30);
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void shouldExportEverySettingWithoutTheTokenInClear(JenkinsConfiguredWithCodeRule jenkins) throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode gitopsSync = getUnclassifiedRoot(context).get("gitopsSync");

        String exported = toYamlString(gitopsSync);

        assertThat(exported).contains("checkIntervalMinutes: 7", "checkJitterSeconds: 30", "maxConcurrentChecks: 2",
                "platform-gitops", "webhookToken", "defaultAgentLabel:", "gitops && linux").doesNotContain("push-token");
        assertThat(exported).contains("deploymentPolicy:", "allowedServers:", "https://*.prod.example.com:6443",
                "allowedCredentials:", "prod-kubeconfig", "allowedNamespaces:", "team-*", "shared",
                "allowedClusterKinds:", "rbac.authorization.k8s.io/ClusterRole");
        assertThat(exported).contains("environmentFolders:", "name: \"clusters\"", "directories:",
                "clusters/*/apps/*");
    }
}
