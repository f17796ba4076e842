package io.jenkins.plugins.gitops.run;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.model.Run;
import io.jenkins.plugins.gitops.Messages;
import io.jenkins.plugins.gitops.engine.report.ReportJson;
import io.jenkins.plugins.gitops.engine.report.ReportSummary;
import io.jenkins.plugins.gitops.engine.report.SyncReport;
import io.jenkins.plugins.gitops.engine.source.CommitInfo;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.reconcile.EnvironmentReconcile;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.StaplerProxy;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * What one sync did, in a few fields kept in {@code build.xml}: mode, outcome, revision, health and the count
 * of objects per action. The full report (every object, its diff and message) is the engine's JSON in the
 * build folder, {@value #REPORT_FILE}, read only when a page asks for it and then held weakly.
 *
 * <p>The summary fields are exported to the build's remote API ({@code api/json}); the drift report page at
 * {@code drift/} is a {@link DriftReportView} built per request ({@link #getTarget()}), as warnings-ng's
 * {@code ResultAction} hands its pages to an {@code IssuesDetail}.
 */
@ExportedBean
public final class SyncAction implements RunAction2, StaplerProxy {

    private static final Logger LOGGER = Logger.getLogger(SyncAction.class.getName());

    /** The engine's report of the sync, in the build folder. */
    static final String REPORT_FILE = "gitops-sync-report.json";

    /** Where the drift report page lives below the build. */
    static final String URL_NAME = "drift";

    private final String mode;
    private final String outcome;
    private final String health;
    private final String revision;
    private final String commit;
    /** The full commit id, for a rollback; {@code null} when the sync stopped before Git answered. */
    private final String commitSha;
    private final String commitSubject;
    private final Map<String, Integer> counts;
    private final String failure;
    private final List<String> details;
    private final boolean hasReport;
    /** The chart version and digest the sync rendered, for a chart from a chart repository; {@code null} otherwise. */
    private String chartVersion;
    private String chartDigest;

    private transient Run<?, ?> owner;
    private transient WeakReference<SyncReport> report;

    private SyncAction(String mode, String outcome, String health, String revision, String commit, String commitSha,
            String commitSubject, Map<String, Integer> counts, String failure, List<String> details, boolean hasReport) {
        this.mode = mode;
        this.outcome = outcome;
        this.health = health;
        this.revision = revision;
        this.commit = commit;
        this.commitSha = commitSha;
        this.commitSubject = commitSubject;
        // build.xml is written by XStream, which refuses the JDK's immutable collections (Map.of, List.copyOf)
        this.counts = new LinkedHashMap<>(counts);
        this.failure = failure;
        this.details = new ArrayList<>(details);
        this.hasReport = hasReport;
    }

    /** A sync the engine ran to its end (whatever the outcome), whose report was written. */
    static SyncAction of(EnvironmentReconcile.Outcome reconciled, String revision, boolean reportWritten) {
        SyncResult result = reconciled.result();
        CommitInfo commit = reconciled.commit();
        if (result == null || commit == null) {
            throw new IllegalArgumentException("Not a sync the engine ran: " + reconciled.failure()
                    + " (use SyncAction.stopped for a reconcile that stopped before the cluster)");
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Action action : Action.values()) {
            int count = result.count(action);
            if (count > 0) {
                counts.put(action.countLabel(), count);
            }
        }
        SyncAction action = new SyncAction(result.mode().name(), result.outcome().name(),
                result.worstHealth().displayName(), revision, commit.abbreviatedSha(), commit.sha(), commit.subject(),
                counts, result.failure(), List.of(), reportWritten);
        SyncReport report = reconciled.report();
        ReportSummary.Chart chart = report == null ? null : report.summary().source().chart();
        if (chart != null) {
            action.chartVersion = chart.version();
            action.chartDigest = chart.digest();
        }
        return action;
    }

    /** A sync that stopped before the cluster: Git or rendering failed, nothing was applied. */
    static SyncAction stopped(EnvironmentReconcile.Outcome reconciled, String mode, String revision) {
        CommitInfo commit = reconciled.commit();
        return new SyncAction(mode, SyncResult.Outcome.FAILED.name(), "", revision,
                commit == null ? "" : commit.abbreviatedSha(), commit == null ? null : commit.sha(),
                commit == null ? "" : commit.subject(), Map.of(), reconciled.failure(), reconciled.details(), false);
    }

    /**
     * The summary of a report the engine wrote, as {@link #of} would have recorded it. Lets a test (or a later
     * import) attach a report that no reconcile produced in this Jenkins.
     */
    static SyncAction of(SyncReport report) {
        ReportSummary summary = report.summary();
        Map<String, Integer> counts = new LinkedHashMap<>();
        summary.totals().actions().forEach((action, count) -> {
            if (count > 0) {
                counts.put(action.countLabel(), count);
            }
        });
        ReportSummary.Revision revision = summary.revision();
        ReportSummary.Commit commit = revision == null ? null : revision.commit();
        return new SyncAction(summary.mode().name(), summary.outcome().name(), summary.health().displayName(),
                revision == null ? "" : revision.requested(), commit == null ? "" : commit.abbreviatedSha(),
                commit == null ? null : commit.sha(), commit == null ? "" : commit.subject(), counts, summary.failure(), List.of(), true);
    }

    @Override
    public void onAttached(Run<?, ?> run) {
        this.owner = run;
    }

    @Override
    public void onLoad(Run<?, ?> run) {
        this.owner = run;
    }

    @CheckForNull
    @Override
    public String getIconFileName() {
        return hasReport ? "symbol-document-text" : null; // no report, no page: the summary says why
    }

    @Override
    public String getDisplayName() {
        return Messages.SyncAction_displayName();
    }

    /** {@value #URL_NAME} when the sync left a report; without one there is no page to link to. */
    @CheckForNull
    @Override
    public String getUrlName() {
        return hasReport ? URL_NAME : null;
    }

    /** The drift report page of this sync, built per request; it reads the report file on demand. */
    @Override
    public Object getTarget() {
        owner.getParent().checkPermission(Item.READ);
        return new DriftReportView(owner, this);
    }

    /** The run this action belongs to. */
    public Run<?, ?> getOwner() {
        return owner;
    }

    /** Whether the engine's full report was written, so the drift report page exists. */
    @Exported(visibility = 2)
    public boolean isReportAvailable() {
        return hasReport;
    }

    @Exported(visibility = 2)
    public String getMode() {
        return mode;
    }

    @Exported(visibility = 2)
    public String getOutcome() {
        return outcome;
    }

    @Exported(visibility = 2)
    public String getHealth() {
        return health;
    }

    @Exported(visibility = 2)
    public String getRevision() {
        return revision;
    }

    @Exported(visibility = 2)
    public String getCommit() {
        return commit;
    }

    /** The full commit id; {@code null} when the sync stopped before Git answered. */
    @CheckForNull
    @Exported(visibility = 2)
    public String getCommitSha() {
        return commitSha;
    }

    /** The chart version this sync rendered, for a chart from a chart repository; {@code null} otherwise. */
    @CheckForNull
    public String getChartVersion() {
        return chartVersion;
    }

    /** The digest of that chart version's archive; {@code null} without one. */
    @CheckForNull
    public String getChartDigest() {
        return chartDigest;
    }

    @Exported(visibility = 2)
    public String getCommitSubject() {
        return commitSubject;
    }

    /** Objects per action ({@code created}, {@code configured}, ...), only the actions that occurred. */
    @Exported(visibility = 2)
    public Map<String, Integer> getCounts() {
        return counts == null ? Map.of() : Collections.unmodifiableMap(counts);
    }

    @Exported(visibility = 2)
    public String getFailure() {
        return failure == null ? "" : failure;
    }

    public List<String> getDetails() {
        return details == null ? List.of() : Collections.unmodifiableList(details);
    }

    public boolean isPreview() {
        return SyncResult.Mode.PREVIEW.name().equals(mode);
    }

    /**
     * The engine's full report, read from the build folder on first use and kept while memory allows;
     * {@code null} when the sync stopped before the cluster or the file cannot be read.
     */
    @CheckForNull
    public synchronized SyncReport getReport() {
        if (!hasReport || owner == null) {
            return null;
        }
        SyncReport cached = report == null ? null : report.get();
        if (cached != null) {
            return cached;
        }
        File file = reportFile();
        try (InputStream in = Files.newInputStream(file.toPath())) {
            SyncReport read = ReportJson.read(in);
            report = new WeakReference<>(read);
            return read;
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Cannot read the sync report " + file, e);
            return null;
        }
    }

    /** The report file in the build folder; it may be missing. */
    File reportFile() {
        return new File(owner.getRootDir(), REPORT_FILE);
    }
}
