package io.jenkins.plugins.gitops.run;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import io.jenkins.plugins.gitops.engine.report.ReportJson;
import io.jenkins.plugins.gitops.engine.report.SyncReport;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class DriftReportViewITest {

    private static final String SCRIPT = HostileReports.SCRIPT;
    private static final String QUOTES = HostileReports.QUOTES;
    private static final String LONG_NAME = HostileReports.LONG_NAME;

    @Test
    void shouldEscapeEveryNameFromGitAndTheCluster(JenkinsRule jenkins, @TempDir Path missing) throws Exception {
        SyncRun run = syncWithReport(jenkins, missing, HostileReports.report());

        HtmlPage page = jenkins.createWebClient().withBasicApiToken("reader").getPage(run, "drift/");
        String html = page.getWebResponse().getContentAsString();

        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert");
        assertThat(html).doesNotContain("<img src=x");
        assertThat(page.querySelectorAll("[onmouseover]")).isEmpty();
        assertThat(page.querySelectorAll("#gitops-drift-objects tbody tr")).hasSize(3);
        assertThat(page.asNormalizedText()).contains(SCRIPT, QUOTES, "shop/" + LONG_NAME, "<b>bold</b> subject");
    }

    @Test
    void shouldLinkTheDriftReportFromTheBuildPage(JenkinsRule jenkins, @TempDir Path missing) throws Exception {
        SyncRun run = syncWithReport(jenkins, missing, HostileReports.report());

        HtmlPage page = jenkins.createWebClient().withBasicApiToken("reader").getPage(run);

        assertThat(page.querySelectorAll("#gitops-sync-summary a[href='drift/']")).hasSize(1);
    }

    @Test
    void shouldServeTheStoredReportAsJson(JenkinsRule jenkins, @TempDir Path missing) throws Exception {
        SyncRun run = syncWithReport(jenkins, missing, HostileReports.report());

        Page page = jenkins.createWebClient().withBasicApiToken("reader").goTo(run.getUrl() + "drift/report",
                "application/json");

        assertThat(page.getWebResponse().getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(new File(run.getRootDir(), SyncAction.REPORT_FILE).toPath(),
                        StandardCharsets.UTF_8));
    }

    @Test
    void shouldExportTheSummaryInTheBuildApi(JenkinsRule jenkins, @TempDir Path missing) throws Exception {
        SyncRun run = syncWithReport(jenkins, missing, HostileReports.report());

        JSONObject build = jenkins.createWebClient().withBasicApiToken("reader")
                .getJSON(run.getUrl() + "api/json").getJSONObject();

        JSONObject sync = syncActionOf(build.getJSONArray("actions"));
        assertThat(sync.getString("outcome")).isEqualTo("OUT_OF_SYNC");
        assertThat(sync.getString("revision")).isEqualTo("main");
        assertThat(sync.getString("commit")).isEqualTo("0123456");
        assertThat(sync.getString("health")).isEqualTo("Degraded");
        assertThat(sync.getJSONObject("counts").getInt("configured")).isEqualTo(2);
        assertThat(sync.getBoolean("reportAvailable")).isTrue();
    }

    @Test
    void shouldRefuseTheReportToAUserWithoutRead(JenkinsRule jenkins, @TempDir Path missing) throws Exception {
        SyncRun run = syncWithReport(jenkins, missing, HostileReports.report());
        JenkinsRule.WebClient stranger = jenkins.createWebClient().withBasicApiToken("stranger");
        stranger.setThrowExceptionOnFailingStatusCode(false);

        assertThat(stranger.goTo(run.getUrl() + "drift/", null).getWebResponse().getStatusCode()).isIn(403, 404);
        assertThat(stranger.goTo(run.getUrl() + "drift/report", null).getWebResponse().getStatusCode()).isIn(403, 404);
    }

    /**
     * Runs a sync that fails before the cluster (its repository does not exist), then stores {@code report} in
     * its build folder and summarises it, as a sync that reached the cluster would have. Secures Jenkins:
     * reader may read, stranger may only see Jenkins.
     */
    private static SyncRun syncWithReport(JenkinsRule jenkins, Path missing, SyncReport report) throws Exception {
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
        environment.setRepositoryUrl(missing.resolve("no-such-repository.git").toUri().toString());
        environment.setClusterCredentialsId("prod-kubeconfig");
        environment.scheduleSync(SyncCause.user("admin"));
        jenkins.waitUntilNoActivity();
        SyncRun run = environment.getLastBuild();
        assertThat(run).isNotNull();

        try (OutputStream out = Files.newOutputStream(new File(run.getRootDir(), SyncAction.REPORT_FILE).toPath())) {
            ReportJson.write(report, out);
        }
        run.removeActions(SyncAction.class);
        run.addAction(SyncAction.of(report));
        run.save();

        jenkins.jenkins.setSecurityRealm(jenkins.createDummySecurityRealm());
        jenkins.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader")
                .grant(Jenkins.READ).everywhere().to("stranger"));
        return run;
    }

    private static JSONObject syncActionOf(JSONArray actions) {
        for (int i = 0; i < actions.size(); i++) {
            JSONObject action = actions.getJSONObject(i);
            if (SyncAction.class.getName().equals(action.optString("_class"))) {
                return action;
            }
        }
        throw new AssertionError("no SyncAction in " + actions);
    }
}
