package io.jenkins.plugins.gitops.config;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.Secret;
import io.jenkins.plugins.gitops.policy.DeploymentPolicySettings;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class GitOpsConfigurationITest {

    @Test
    void shouldStartWithTheDefaults(JenkinsRule jenkins) {
        GitOpsConfiguration configuration = GitOpsConfiguration.get();

        assertThat(configuration.getCheckIntervalMinutes()).isEqualTo(3);
        assertThat(configuration.getCheckJitterSeconds()).isEqualTo(60);
        assertThat(configuration.getMaxConcurrentChecks()).isEqualTo(4);
        assertThat(configuration.getFieldManager()).isEqualTo("gitops-sync");
        assertThat(configuration.getWebhookToken()).isNull();
        // any server, credentials and namespace; no cluster-scoped kind but Namespace
        assertThat(configuration.getDeploymentPolicy().getAllowedServers()).isEmpty();
        assertThat(configuration.getDeploymentPolicy().getAllowedCredentials()).isEmpty();
        assertThat(configuration.getDeploymentPolicy().getAllowedNamespaces()).isEmpty();
        assertThat(configuration.getDeploymentPolicy().getAllowedClusterKinds()).isEqualTo("Namespace");
    }

    @Test
    void shouldKeepTheDeploymentPolicyThroughASaveAndTheSystemConfigurationPage(JenkinsRule jenkins)
            throws Exception {
        DeploymentPolicySettings policy = new DeploymentPolicySettings();
        policy.setAllowedServers("https://*.prod.example.com:6443");
        policy.setAllowedCredentials("prod-kubeconfig\nprod-token");
        policy.setAllowedNamespaces("team-*");
        policy.setAllowedClusterKinds("Namespace\nrbac.authorization.k8s.io/ClusterRole");
        GitOpsConfiguration.get().setDeploymentPolicy(policy);

        jenkins.configRoundtrip();
        DeploymentPolicySettings reloaded = new GitOpsConfiguration().getDeploymentPolicy();

        assertThat(reloaded.getAllowedServers()).isEqualTo("https://*.prod.example.com:6443");
        assertThat(reloaded.getAllowedCredentials()).isEqualTo("prod-kubeconfig\nprod-token");
        assertThat(reloaded.getAllowedNamespaces()).isEqualTo("team-*");
        assertThat(reloaded.getAllowedClusterKinds()).isEqualTo("Namespace\nrbac.authorization.k8s.io/ClusterRole");
    }

    @Test
    void shouldKeepAnEmptiedListOfClusterScopedKindsThroughTheSystemConfigurationPage(JenkinsRule jenkins)
            throws Exception {
        DeploymentPolicySettings policy = new DeploymentPolicySettings();
        policy.setAllowedClusterKinds("");
        GitOpsConfiguration.get().setDeploymentPolicy(policy);

        jenkins.configRoundtrip();

        // emptied on purpose: no cluster-scoped kind at all, not the default back
        assertThat(GitOpsConfiguration.get().getDeploymentPolicy().getAllowedClusterKinds()).isEmpty();
    }

    @Test
    void shouldSaveEverySettingWhenItIsSet(JenkinsRule jenkins) {
        GitOpsConfiguration configuration = GitOpsConfiguration.get();
        configuration.setCheckIntervalMinutes(7);
        configuration.setCheckJitterSeconds(30);
        configuration.setMaxConcurrentChecks(2);
        configuration.setFieldManager("platform-gitops");
        configuration.setWebhookToken(Secret.fromString("push-token"));

        GitOpsConfiguration reloaded = new GitOpsConfiguration();

        assertThat(reloaded.getCheckIntervalMinutes()).isEqualTo(7);
        assertThat(reloaded.getCheckJitterSeconds()).isEqualTo(30);
        assertThat(reloaded.getMaxConcurrentChecks()).isEqualTo(2);
        assertThat(reloaded.getFieldManager()).isEqualTo("platform-gitops");
        assertThat(reloaded.getWebhookToken().getPlainText()).isEqualTo("push-token");
    }

    @Test
    void shouldKeepEverySettingThroughTheSystemConfigurationPage(JenkinsRule jenkins) throws Exception {
        GitOpsConfiguration configuration = GitOpsConfiguration.get();
        configuration.setCheckIntervalMinutes(0);
        configuration.setCheckJitterSeconds(15);
        configuration.setMaxConcurrentChecks(8);
        configuration.setFieldManager("platform-gitops");
        configuration.setWebhookToken(Secret.fromString("push-token"));

        jenkins.configRoundtrip();

        assertThat(configuration.getCheckIntervalMinutes()).isZero();
        assertThat(configuration.getCheckJitterSeconds()).isEqualTo(15);
        assertThat(configuration.getMaxConcurrentChecks()).isEqualTo(8);
        assertThat(configuration.getFieldManager()).isEqualTo("platform-gitops");
        assertThat(configuration.getWebhookToken().getPlainText()).isEqualTo("push-token");
    }

    @Test
    void shouldStoreTheWebhookTokenEncrypted(JenkinsRule jenkins) throws Exception {
        GitOpsConfiguration.get().setWebhookToken(Secret.fromString("push-token"));

        File file = new File(jenkins.jenkins.getRootDir(), GitOpsConfiguration.class.getName() + ".xml");

        assertThat(Files.readString(file.toPath(), StandardCharsets.UTF_8)).contains("<webhookToken>")
                .doesNotContain("push-token");
    }

    @Test
    void shouldOwnOneRepositoryCacheUnderJenkinsHome(JenkinsRule jenkins) {
        GitOpsConfiguration configuration = GitOpsConfiguration.get();

        assertThat(configuration.getRepositoryCache()).isSameAs(configuration.getRepositoryCache());
        assertThat(configuration.getRepositoryCache().root())
                .isEqualTo(new File(jenkins.jenkins.getRootDir(), "gitops-sync/cache").toPath().toAbsolutePath().normalize());
    }
}
