package io.jenkins.plugins.gitops.item;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.gitops.TestUsers;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.sync.CheckDecision.Observation;
import io.jenkins.plugins.gitops.run.HostileReports;
import io.jenkins.plugins.gitops.run.SyncCause;
import io.jenkins.plugins.gitops.run.SyncRun;
import java.nio.file.Path;
import java.time.Instant;
import net.sf.json.JSONObject;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The environment page: current drift, pause and resume, preview, rollback, and its remote API. */
@WithJenkins
class EnvironmentPageITest {

    @Test
    void shouldShowTheCurrentDriftOfTheLastCheckEscaped(JenkinsRule jenkins) throws Exception {
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
        environment.updateStatus(lastCheckOf(environment));
        TestUsers.secure(jenkins);

        HtmlPage page = jenkins.createWebClient().withBasicApiToken("reader").getPage(environment);
        String html = page.getWebResponse().getContentAsString();

        // The Deployment differs and is degraded, the ConfigMap differs; the unchanged Service is not drift.
        assertThat(page.querySelectorAll("#gitops-current-drift tbody tr")).hasSize(2);
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert");
        assertThat(html).doesNotContain("<img src=x");
        assertThat(page.querySelectorAll("[onmouseover]")).isEmpty();
        assertThat(page.querySelector("#gitops-sync-status").getTextContent()).contains("OutOfSync", "2 objects");
        assertThat(page.querySelector("#gitops-badges [data-gitops-sync-status]").getTextContent()).contains("OutOfSync");
    }

    @Test
    void shouldSayThereIsNoDriftBeforeTheFirstCheck(JenkinsRule jenkins) throws Exception {
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop-prod");

        HtmlPage page = jenkins.createWebClient().getPage(environment);

        assertThat(page.<DomNode>querySelector("#gitops-current-drift-none")).isNotNull();
        assertThat(page.querySelectorAll("#gitops-current-drift")).isEmpty();
    }

    @Test
    void shouldPauseAndResumeAutomaticSyncOnlyByPostWithBuildPermission(JenkinsRule jenkins) throws Exception {
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
        environment.setAutomated(true);
        TestUsers.secure(jenkins);
        JenkinsRule.WebClient reader = jenkins.createWebClient().withBasicApiToken("reader");
        JenkinsRule.WebClient builder = jenkins.createWebClient().withBasicApiToken("builder");

        assertThat(TestUsers.post(jenkins, reader, "job/shop-prod/pauseAutomation")).isEqualTo(403);
        builder.setThrowExceptionOnFailingStatusCode(false);
        assertThat(builder.goTo("job/shop-prod/pauseAutomation", null).getWebResponse().getStatusCode()).isEqualTo(405);
        assertThat(environment.isAutomationPaused()).isFalse();

        assertThat(TestUsers.post(jenkins, builder, "job/shop-prod/pauseAutomation")).isEqualTo(200);
        assertThat(environment.isAutomationPaused()).isTrue();
        assertThat(environment.isAutomatedNow()).isFalse();
        assertThat(environment.getAutomationPause().getUserId()).isEqualTo("builder");
        HtmlPage page = builder.getPage(environment);
        assertThat(page.querySelector("#gitops-pause").getTextContent()).contains("paused by builder");

        jenkins.jenkins.reload(); // kept in config.xml through a restart
        GitOpsEnvironment reloaded = jenkins.jenkins.getItemByFullName("shop-prod", GitOpsEnvironment.class);
        assertThat(reloaded.isAutomationPaused()).isTrue();

        assertThat(TestUsers.post(jenkins, reader, "job/shop-prod/resumeAutomation")).isEqualTo(403);
        assertThat(TestUsers.post(jenkins, builder, "job/shop-prod/resumeAutomation")).isEqualTo(200);
        assertThat(reloaded.isAutomationPaused()).isFalse();
        assertThat(reloaded.isAutomatedNow()).isTrue();
    }

    @Test
    void shouldRecordAPreviewAsABuildThatWritesNothing(JenkinsRule jenkins, @TempDir Path missing) throws Exception {
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
        environment.setRepositoryUrl(missing.resolve("no-such-repository.git").toUri().toString());
        environment.setClusterCredentialsId("prod-kubeconfig");
        TestUsers.secure(jenkins);

        assertThat(TestUsers.post(jenkins, jenkins.createWebClient().withBasicApiToken("reader"), "job/shop-prod/previewSync"))
                .isEqualTo(403);
        assertThat(TestUsers.post(jenkins, jenkins.createWebClient().withBasicApiToken("builder"), "job/shop-prod/previewSync"))
                .isEqualTo(200);
        jenkins.waitUntilNoActivity();

        SyncRun run = environment.getLastBuild();
        assertThat(run.getCause(SyncCause.class).getKind()).isEqualTo(SyncCause.Kind.PREVIEW);
        assertThat(run.mode().name()).isEqualTo("DRY_RUN");
        jenkins.assertLogContains("Nothing was applied or pruned.", run);
        // a preview is not a sync: the environment's last sync stays "never"
        assertThat(environment.getStatus().getLastSync()).isNull();
    }

    @Test
    void shouldRefuseToRollBackToAFailedSyncOrWithoutBuildPermission(JenkinsRule jenkins, @TempDir Path missing)
            throws Exception {
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
        environment.setRepositoryUrl(missing.resolve("no-such-repository.git").toUri().toString());
        environment.setClusterCredentialsId("prod-kubeconfig");
        environment.scheduleSync(SyncCause.user("admin"));
        jenkins.waitUntilNoActivity();
        SyncRun failed = environment.getLastBuild();
        jenkins.assertBuildStatus(Result.FAILURE, failed);
        TestUsers.secure(jenkins);

        assertThat(failed.isRollbackAvailable()).isFalse();
        assertThat(TestUsers.post(jenkins, jenkins.createWebClient().withBasicApiToken("reader"), failed.getUrl() + "rollback"))
                .isEqualTo(403);
        assertThat(TestUsers.post(jenkins, jenkins.createWebClient().withBasicApiToken("builder"), failed.getUrl() + "rollback"))
                .isEqualTo(409);
        assertThat(environment.isAutomationPaused()).isFalse();
        assertThat(environment.getQueueItem()).isNull();
    }

    @Test
    void shouldExportStatusAndPauseInTheRemoteApi(JenkinsRule jenkins) throws Exception {
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
        environment.setAutomated(true);
        environment.updateStatus(lastCheckOf(environment));
        environment.pauseAutomation(AutomationPause.byUser("admin", Instant.parse("2026-03-01T10:00:00Z")));
        TestUsers.secure(jenkins);

        JSONObject json = jenkins.createWebClient().withBasicApiToken("reader")
                .getJSON("job/shop-prod/api/json").getJSONObject();

        JSONObject status = json.getJSONObject("status");
        assertThat(status.getString("syncStatus")).isEqualTo("OUT_OF_SYNC");
        assertThat(status.getString("health")).isEqualTo("Degraded");
        assertThat(status.getInt("outOfSyncObjects")).isEqualTo(2);
        assertThat(status.getString("commit")).isEqualTo("0123456789abcdef0123456789abcdef01234567");
        assertThat(json.getJSONObject("automationPause").getString("userId")).isEqualTo("admin");
        assertThat(json.getString("revision")).isEqualTo("main");
        assertThat(json.toString()).doesNotContain("prod-kubeconfig"); // credential ids are not exported
    }

    /** The status and report a check would leave after finding the hostile report's drift. */
    private static EnvironmentStatus lastCheckOf(GitOpsEnvironment environment) {
        // no periodic check may replace the status this test writes (its last check is months ago, so due at once)
        environment.setCheckIntervalMinutes(0);
        var report = HostileReports.report();
        new LastObservedReport(environment.getRootDir()).write(report);
        return EnvironmentStatus.of(Instant.parse("2026-03-01T10:00:05Z"),
                        Observation.ok(report.summary().revision().commit().sha(), true, HealthStatus.DEGRADED),
                        "0123456", "subject")
                .withObjectCounts(report.outOfSync().size(), report.unhealthy().size());
    }


}
