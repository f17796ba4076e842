package io.jenkins.plugins.gitops.run;

import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.report.ReportObject;
import io.jenkins.plugins.gitops.engine.report.ReportSummary;
import io.jenkins.plugins.gitops.engine.report.SyncReport;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Phase;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reports whose every string a user or a cluster controls tries to break out of a page. */
public final class HostileReports {

    public static final String SCRIPT = "<script>alert(1)</script>";
    public static final String QUOTES = "web\"onmouseover=\"alert(2)";
    public static final String LONG_NAME = "n".repeat(300);

    private HostileReports() {
    }

    /** A report whose every string a user or a cluster controls tries to break out of the page. */
    public static SyncReport report() {
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

}
