package io.jenkins.plugins.gitops.run;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Item;
import hudson.model.ModelObject;
import hudson.model.Run;
import io.jenkins.plugins.gitops.Messages;
import io.jenkins.plugins.gitops.engine.report.ReportSummary;
import io.jenkins.plugins.gitops.engine.report.SyncReport;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.view.SourceLinks;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.GET;

/**
 * The drift report page of one sync ({@code …/<build>/drift/}), built per request by {@link SyncAction#getTarget()}:
 * a summary (revision, commit, outcome, objects per action, health, duration, API requests) and one row per
 * object with its changed paths and diff. The report is read from the build folder when the page asks for it
 * ({@link SyncAction#getReport()}); {@code drift/report} serves the stored JSON as it is.
 *
 * <p>The page is reached through the run, so it needs what the run needs (Item.READ); the web method checks it
 * again. Every string in the report comes from Git or the cluster: the view escapes it and never writes it raw.
 */
public final class DriftReportView implements ModelObject {

    private final Run<?, ?> owner;
    private final SyncAction action;

    DriftReportView(Run<?, ?> owner, SyncAction action) {
        this.owner = owner;
        this.action = action;
    }

    /** The sync, for the side panel and the page title. */
    public Run<?, ?> getOwner() {
        return owner;
    }

    /** The summary kept in {@code build.xml}, for what the page shows even when the report file is gone. */
    public SyncAction getAction() {
        return action;
    }

    @Override
    public String getDisplayName() {
        return Messages.SyncAction_displayName();
    }

    /** The engine's report, or {@code null} when it cannot be read (the page says so). */
    @CheckForNull
    public SyncReport getReport() {
        return action.getReport();
    }

    /** One row per object, in the report's order (apply order, objects Git no longer declares last). */
    public List<DriftReportRow> getRows() {
        SyncReport report = getReport();
        return report == null ? List.of() : report.objects().stream().map(object -> new DriftReportRow(object, report)).toList();
    }

    /** The commit's author, or empty when unknown. */
    public String getAuthor() {
        ReportSummary.Commit commit = commit();
        return commit == null || commit.authorName() == null ? "" : commit.authorName();
    }

    /** The full commit id, or empty when unknown. */
    public String getCommitSha() {
        ReportSummary.Commit commit = commit();
        return commit == null ? "" : commit.sha();
    }

    /** The commit in the Git host's web interface, or empty when the host is not known. */
    public String getCommitUrl() {
        SyncReport report = getReport();
        return report == null ? "" : SourceLinks.forKnownHosts().commitLink(report.summary()).orElse("");
    }

    /** The build that made the commit (its {@code Jenkins-Build:} trailer), or empty. */
    public String getJenkinsBuild() {
        ReportSummary.Commit commit = commit();
        return commit == null || commit.jenkinsBuild() == null ? "" : commit.jenkinsBuild();
    }

    /**
     * The chart a chart repository served, as {@code app 1.0.0 (sha256:…) from https://charts.example.com}; empty when
     * the manifests came from Git alone.
     */
    public String getChart() {
        SyncReport report = getReport();
        ReportSummary.Chart chart = report == null ? null : report.summary().source().chart();
        return chart == null ? "" : chart.name() + " " + chart.version() + " (" + chart.digest() + ") from "
                + chart.repository();
    }

    /** Objects per action label, the actions that occurred only, in the engine's order. */
    public Map<String, Integer> getActionCounts() {
        SyncReport report = getReport();
        if (report == null) {
            return action.getCounts();
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Map.Entry<Action, Integer> count : report.summary().totals().actions().entrySet()) {
            if (count.getValue() > 0) {
                counts.put(count.getKey().countLabel(), count.getValue());
            }
        }
        return counts;
    }

    /** "4.2 sec", or empty without a report. */
    public String getDuration() {
        SyncReport report = getReport();
        return report == null ? "" : Util.getTimeSpanString(report.summary().durationMs());
    }

    /** "42 (38 reads, 2 writes, 2 dry runs)", or empty without a report. */
    public String getRequests() {
        SyncReport report = getReport();
        if (report == null) {
            return "";
        }
        ReportSummary.Requests requests = report.summary().requests();
        return Messages.DriftReportView_requests(requests.total(), requests.reads(), requests.writes(),
                requests.dryRuns());
    }

    /** The stored report, byte for byte as the engine wrote it (already redacted), as {@code application/json}. */
    @GET
    public void doReport(StaplerRequest2 request, StaplerResponse2 response) throws IOException {
        owner.getParent().checkPermission(Item.READ);
        File file = action.reportFile();
        if (!action.isReportAvailable() || !file.isFile()) {
            response.sendError(404, Messages.DriftReportView_noReport(owner.getFullDisplayName()));
            return;
        }
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLengthLong(file.length());
        try (OutputStream out = response.getOutputStream()) {
            Files.copy(file.toPath(), out);
        }
    }

    /**
     * Whether the {@code Jenkins-Build:} trailer is a web address that may be linked: only {@code http(s)} URLs,
     * never {@code javascript:} or anything else a commit message could carry.
     */
    public boolean isJenkinsBuildIsLink() {
        return getJenkinsBuild().matches("(?i)https?://[^\\s\"'<>]+");
    }

    @CheckForNull
    private ReportSummary.Commit commit() {
        SyncReport report = getReport();
        return report == null || report.summary().revision() == null ? null : report.summary().revision().commit();
    }
}
