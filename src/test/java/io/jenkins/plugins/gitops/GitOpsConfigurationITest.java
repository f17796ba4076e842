package io.jenkins.plugins.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.Secret;
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
