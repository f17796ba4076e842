package io.jenkins.plugins.gitops.run;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.jenkins.plugins.gitops.TestUsers;
import io.jenkins.plugins.gitops.engine.view.SyncStatus;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.testing.Eventually;
import io.jenkins.plugins.gitops.testing.AllowLocalRepositories;
import io.jenkins.plugins.gitops.testing.TestCluster;
import io.jenkins.plugins.gitops.testing.TestEnvironments;
import io.jenkins.plugins.gitops.testing.TestRepository;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * "Sync this revision again" on an earlier sync, then "Resume automatic sync", on a real kube-apiserver: the
 * rollback applies the old commit and pauses automatic sync; the environment page says the target is pinned (D5);
 * a commit pushed while paused is synced once automatic sync resumes, though the checks meanwhile saw it (D3).
 */
@WithJenkins
@ExtendWith(AllowLocalRepositories.class)
class RollbackAndResumeITest {

    @TempDir
    Path temp;

    private final TestCluster cluster = TestCluster.get();

    @Test
    void shouldRollBackPauseAndSyncTheCommitPushedMeanwhileOnResume(JenkinsRule jenkins) throws Exception {
        String namespace = cluster.newNamespace("rollback");
        TestRepository repository = TestRepository.init(temp);
        String blue = repository.write("app/config.yaml", TestRepository.configMap("shop-config", "color", "blue"))
                .commit("Blue");
        GitOpsEnvironment environment = TestEnvironments.shop(jenkins, cluster, repository, namespace);
        environment.setAutomated(true); // self-heal stays off: only a new commit makes a check sync
        TestUsers.secure(jenkins);
        JenkinsRule.WebClient admin = jenkins.createWebClient().withBasicApiToken("admin");

        SyncRun first = syncNow(jenkins, environment);
        jenkins.assertBuildStatus(Result.SUCCESS, first);
        repository.write("app/config.yaml", TestRepository.configMap("shop-config", "color", "green")).commit("Green");
        jenkins.assertBuildStatus(Result.SUCCESS, syncNow(jenkins, environment));
        assertThat(color(namespace)).isEqualTo("green");

        int rollbackNumber = environment.getNextBuildNumber();
        assertThat(TestUsers.post(jenkins, admin, first.getUrl() + "rollback")).isLessThan(400);
        jenkins.waitUntilNoActivity();
        SyncRun rollback = environment.getBuildByNumber(rollbackNumber);
        jenkins.assertBuildStatus(Result.SUCCESS, rollback);
        assertThat(color(namespace)).as("the rollback applied the first commit").isEqualTo("blue");
        assertThat(rollback.getAction(SyncAction.class).getCommitSha()).isEqualTo(blue);
        assertThat(environment.isAutomationPaused()).isTrue();
        assertThat(admin.getPage(environment).asNormalizedText())
                .as("D5: the page says the target is pinned, not that main is at the rolled-back commit")
                .contains("pinned by the rollback");

        String red = repository.write("app/config.yaml", TestRepository.configMap("shop-config", "color", "red"))
                .commit("Red");
        environment.requestCheck(Instant.now());
        Eventually.until("a check while paused sees the red commit",
                () -> red.equals(environment.getStatus().getCommit()));
        assertThat(environment.getStatus().getSyncStatus()).isEqualTo(SyncStatus.OUT_OF_SYNC);
        assertThat(color(namespace)).as("paused: nothing synced the red commit").isEqualTo("blue");

        assertThat(TestUsers.post(jenkins, admin, environment.getUrl() + "resumeAutomation")).isLessThan(400);

        Eventually.until("D3: automatic sync, resumed, syncs the commit pushed while paused",
                () -> "red".equals(color(namespace)));
        jenkins.waitUntilNoActivity();
        SyncRun resumed = environment.getLastBuild();
        jenkins.assertBuildStatus(Result.SUCCESS, resumed);
        assertThat(resumed.getAction(SyncAction.class).getCommitSha()).isEqualTo(red);
        assertThat(environment.getStatus().getSyncStatus()).isEqualTo(SyncStatus.SYNCED);
    }

    private static SyncRun syncNow(JenkinsRule jenkins, GitOpsEnvironment environment) throws Exception {
        int number = environment.getNextBuildNumber();
        environment.scheduleSync(SyncCause.user("admin"));
        jenkins.waitUntilNoActivity();
        return environment.getBuildByNumber(number);
    }

    private String color(String namespace) {
        ConfigMap live = cluster.admin().configMaps().inNamespace(namespace).withName("shop-config").get();
        return live == null ? null : live.getData().get("color");
    }
}
