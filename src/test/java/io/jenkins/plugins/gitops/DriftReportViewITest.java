package io.jenkins.plugins.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.report.ReportJson;
import io.jenkins.plugins.gitops.engine.report.ReportObject;
import io.jenkins.plugins.gitops.engine.report.ReportSummary;
import io.jenkins.plugins.gitops.engine.report.SyncReport;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Phase;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String QUOTES = "web\"onmouseover=\"alert(2)";
    private static final String LONG_NAME = "n".repeat(300);

    @Test
    void shouldEscapeEveryNameFromGitAndTheCluster(JenkinsRule jenkins, @TempDir Path missing) throws Exception {
        SyncRun run = syncWithReport(jenkins, missing, hostileReport());

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
        SyncRun run = syncWithReport(jenkins, missing, hostileReport());

        HtmlPage page = jenkins.createWebClient().withBasicApiToken("reader").getPage(run);

        assertThat(page.querySelectorAll("#gitops-sync-summary a[href='drift/']")).hasSize(1);
    }

    @Test
    void shouldServeTheStoredReportAsJson(JenkinsRule jenkins, @TempDir Path missing) throws Exception {
        SyncRun run = syncWithReport(jenkins, missing, hostileReport());

        Page page = jenkins.createWebClient().withBasicApiToken("reader").goTo(run.getUrl() + "drift/report",
                "application/json");

        assertThat(page.getWebResponse().getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(new File(run.getRootDir(), SyncAction.REPORT_FILE).toPath(),
                        StandardCharsets.UTF_8));
    }

    @Test
    void shouldExportTheSummaryInTheBuildApi(JenkinsRule jenkins, @TempDir Path missing) throws Exception {
        SyncRun run = syncWithReport(jenkins, missing, hostileReport());

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
        SyncRun run = syncWithReport(jenkins, missing, hostileReport());
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

    /** A report whose every string a user or a cluster controls tries to break out of the page. */
    private static SyncReport hostileReport() {
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        List<ReportObject> objects = List.of(
                new ReportObject("apps", "v1", "Deployment", "shop", SCRIPT, "apps/shop/" + SCRIPT + ".yaml", 3,
                        Action.CONFIGURED, new ReportObject.ObjectHealth(HealthStatus.DEGRADED, SCRIPT),
                        "", List.of("/spec/template/metadata/labels/" + SCRIPT),
                        "--- live\n+++ git\n-  image: web:1\n+  image: <img src=x onerror=alert(3)>\n"),
                new ReportObject("", "v1", "ConfigMap", "shop", QUOTES, "apps/shop/\"quoted\".yaml", null,
                        Action.CONFIGURED, new ReportObject.ObjectHealth(HealthStatus.HEALTHY, ""),
                        "", List.of("/data/" + QUOTES), "--- live\n+++ git\n-  a: \"1\"\n+  a: \"2\"\n"),
                new ReportObject("", "v1", "Service", "shop", LONG_NAME, "apps/shop/service.yaml", 1,
                        Action.UNCHANGED, new ReportObject.ObjectHealth(HealthStatus.HEALTHY, ""), "", List.of(), ""));
        ReportSummary summary = new ReportSummary("shop-prod",
                new ReportSummary.Target("https://k8s.example.com:6443", "shop"),
                new ReportSummary.Source("https://git.example.com/shop.git", "apps/shop"),
                new ReportSummary.Revision("main", new ReportSummary.Commit("0123456789abcdef0123456789abcdef01234567",
                        "0123456", SCRIPT, start.minusSeconds(3600), "<b>bold</b> subject", null)),
                new ReportSummary.Policy(false, false, false, true, 300, "Background", "gitops-sync"),
                Mode.PREVIEW, Outcome.OUT_OF_SYNC, HealthStatus.DEGRADED, "",
                start, start.plusMillis(4200), 4200, Map.of(Phase.RESOLVE, 1200L, Phase.DIFF, 3000L),
                new ReportSummary.Requests(12, 0, 2, 14),
                new ReportSummary.Totals(3, Map.of(Action.CONFIGURED, 2, Action.UNCHANGED, 1),
                        Map.of(HealthStatus.HEALTHY, 2, HealthStatus.DEGRADED, 1)));
        return new SyncReport(SyncReport.FORMAT, summary, objects);
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
