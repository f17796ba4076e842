package io.jenkins.plugins.gitops.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.run.SyncCause;
import io.jenkins.plugins.gitops.run.SyncRun;
import io.jenkins.plugins.gitops.testing.Eventually;
import io.jenkins.plugins.gitops.testing.AllowLocalRepositories;
import io.jenkins.plugins.gitops.testing.TestCluster;
import io.jenkins.plugins.gitops.testing.TestEnvironments;
import io.jenkins.plugins.gitops.testing.TestRepository;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Self-heal on a real kube-apiserver: someone edits a declared field, as {@code kubectl edit} would; the live state
 * cache's watch sees it, a check starts, and a self-heal sync puts Git's value back, recorded as a build.
 */
@WithJenkins
@ExtendWith(AllowLocalRepositories.class)
class SelfHealOnRealClusterITest {

    @TempDir
    Path temp;

    private final TestCluster cluster = TestCluster.get();

    @Test
    void shouldPutGitsValueBackAfterSomeoneEditsTheObject(JenkinsRule jenkins) throws Exception {
        String namespace = cluster.newNamespace("self-heal");
        TestRepository repository = TestRepository.init(temp);
        repository.write("app/config.yaml", TestRepository.configMap("shop-config", "color", "blue")).commit("Blue");
        GitOpsEnvironment environment = TestEnvironments.shop(jenkins, cluster, repository, namespace);
        environment.setAutomated(true);
        environment.setSelfHeal(true);
        // the watch the sync starts sees the edit at once; should its first list come after the edit, the
        // periodic check (every minute here) still does
        environment.setCheckIntervalMinutes(1);
        environment.scheduleSync(SyncCause.user("admin"));
        jenkins.waitUntilNoActivity();
        jenkins.assertBuildStatus(Result.SUCCESS, environment.getLastBuild());
        int builds = environment.getLastBuild().getNumber();

        cluster.admin().configMaps().inNamespace(namespace).withName("shop-config")
                .edit(edited -> {
                    edited.getData().put("color", "hacked");
                    return edited;
                });

        Eventually.until("self-heal puts Git's value back", () -> "blue".equals(color(namespace)),
                () -> "(status: " + environment.getStatus().getSyncStatus() + ", last check "
                        + environment.getStatus().getLastCheck() + ", error " + environment.getStatus().getError()
                        + ", builds " + environment.getBuilds().size() + ")");
        jenkins.waitUntilNoActivity();
        SyncRun heal = environment.getLastBuild();
        assertThat(heal.getNumber()).as("the self-heal is a build of its own").isGreaterThan(builds);
        jenkins.assertBuildStatus(Result.SUCCESS, heal);
        SyncCause cause = heal.getCause(SyncCause.class);
        assertThat(cause).isNotNull();
        assertThat(cause.getKind()).isEqualTo(SyncCause.Kind.DRIFT);
        assertThat(JenkinsRule.getLog(heal)).contains("Self-heal");
    }

    private String color(String namespace) {
        ConfigMap live = cluster.admin().configMaps().inNamespace(namespace).withName("shop-config").get();
        return live == null ? null : live.getData().get("color");
    }
}
