package io.jenkins.plugins.gitops.run;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.view.SyncStatus;
import io.jenkins.plugins.gitops.item.EnvironmentStatus;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.testing.AllowLocalRepositories;
import io.jenkins.plugins.gitops.testing.TestCluster;
import io.jenkins.plugins.gitops.testing.TestEnvironments;
import io.jenkins.plugins.gitops.testing.TestRepository;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A sync build end to end, from a Git repository into a real kube-apiserver: what the user sees in the console,
 * on the drift report page and the environment page, what the status file keeps, and what the cluster holds.
 */
@WithJenkins
@ExtendWith(AllowLocalRepositories.class)
class SyncOnRealClusterITest {

    @TempDir
    Path temp;

    private final TestCluster cluster = TestCluster.get();

    private GitOpsEnvironment environment(JenkinsRule jenkins, TestRepository repository, String namespace)
            throws Exception {
        return TestEnvironments.shop(jenkins, cluster, repository, namespace);
    }

    private static SyncRun sync(JenkinsRule jenkins, GitOpsEnvironment environment) throws Exception {
        int before = environment.getNextBuildNumber();
        environment.scheduleSync(SyncCause.user("admin"));
        jenkins.waitUntilNoActivity();
        SyncRun run = environment.getBuildByNumber(before);
        assertThat(run).as("the sync build").isNotNull();
        return run;
    }

    @Test
    void shouldApplyACommitAndRecordTheSyncAsABuild(JenkinsRule jenkins) throws Exception {
        String namespace = cluster.newNamespace("e2e");
        TestRepository repository = TestRepository.init(temp);
        String commit = repository.write("app/config.yaml", TestRepository.configMap("shop-config", "color", "blue"))
                .commit("Shop in blue");
        GitOpsEnvironment environment = environment(jenkins, repository, namespace);

        SyncRun run = sync(jenkins, environment);

        jenkins.assertBuildStatus(Result.SUCCESS, run);
        ConfigMap live = cluster.admin().configMaps().inNamespace(namespace).withName("shop-config").get();
        assertThat(live).as("the ConfigMap Git declares").isNotNull();
        assertThat(live.getData()).containsEntry("color", "blue");
        String console = JenkinsRule.getLog(run);
        assertThat(console).contains("Syncing shop").contains(commit.substring(0, 7)).contains("Shop in blue")
                .contains("ConfigMap").contains("shop-config")
                .contains("Synced: changes were applied and every object is healthy.");

        SyncAction action = run.getAction(SyncAction.class);
        assertThat(action.getCommitSha()).isEqualTo(commit);
        assertThat(new File(run.getRootDir(), SyncAction.REPORT_FILE)).as("the report file").isFile();

        EnvironmentStatus status = environment.getStatus();
        assertThat(status.getSyncStatus()).isEqualTo(SyncStatus.SYNCED);
        assertThat(status.getHealth()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(status.getCommit()).isEqualTo(commit);
        assertThat(Files.readString(new File(environment.getRootDir(), "gitops-status.xml").toPath(),
                StandardCharsets.UTF_8)).contains(commit);

        JenkinsRule.WebClient web = jenkins.createWebClient();
        HtmlPage report = web.getPage(run, "drift/");
        assertThat(report.asNormalizedText()).contains("shop-config").contains("ConfigMap");
        HtmlPage page = web.getPage(environment);
        assertThat(page.querySelector("[data-gitops-sync-status]").getTextContent()).isEqualTo("Synced");
        assertThat(page.querySelector("[data-gitops-health]").getTextContent()).isEqualTo("Healthy");
    }

    /** D1: the console must not call a sync healthy right under a health line that says Progressing. */
    @Test
    void shouldNotCallTheSyncHealthyWhileAnObjectIsStillProgressing(JenkinsRule jenkins) throws Exception {
        String namespace = cluster.newNamespace("progressing");
        TestRepository repository = TestRepository.init(temp);
        repository.write("app/config.yaml", TestRepository.configMap("shop-config", "color", "blue"))
                .write("app/web.yaml", TestEnvironments.webDeployment("registry.example.com/shop/web:1.0.0")).commit("Web and its configuration");
        GitOpsEnvironment environment = environment(jenkins, repository, namespace);
        environment.setWaitForHealth(false); // the test server runs no controllers: the Deployment never rolls out

        SyncRun run = sync(jenkins, environment);

        jenkins.assertBuildStatus(Result.SUCCESS, run);
        String console = JenkinsRule.getLog(run);
        assertThat(console).contains("health Progressing")
                .contains("Synced: changes were applied; health is Progressing (the sync did not wait for it).")
                .doesNotContain("every object is healthy");
    }

    /** D6: one object is "1 object", and a sync that stopped before reading anything claims no health. */
    @Test
    void shouldCountOneObjectInTheSingularAndClaimNoHealthWithoutObjects(JenkinsRule jenkins) throws Exception {
        String namespace = cluster.newNamespace("singular");
        TestRepository repository = TestRepository.init(temp);
        repository.write("app/config.yaml", TestRepository.configMap("shop-config", "color", "blue")).commit("One");
        GitOpsEnvironment environment = environment(jenkins, repository, namespace);

        String synced = JenkinsRule.getLog(sync(jenkins, environment));
        assertThat(synced).contains("1 object:").doesNotContain("1 objects");

        environment.setPath("no-such-folder");
        SyncRun failed = sync(jenkins, environment);
        jenkins.assertBuildStatus(Result.FAILURE, failed);
        assertThat(JenkinsRule.getLog(failed)).contains("no-such-folder").doesNotContain("health Healthy (0 objects)");
    }
}
