package io.jenkins.plugins.gitops.item;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Util;
import hudson.XmlFile;
import hudson.model.Items;
import io.jenkins.plugins.gitops.engine.report.ReportObject;
import io.jenkins.plugins.gitops.engine.report.SyncReport;
import io.jenkins.plugins.gitops.engine.source.CommitInfo;
import io.jenkins.plugins.gitops.engine.sync.CheckSchedule;
import io.jenkins.plugins.gitops.engine.view.SyncStatus;
import io.jenkins.plugins.gitops.engine.view.TrendPlot;
import io.jenkins.plugins.gitops.engine.view.TrendPoint;
import io.jenkins.plugins.gitops.reconcile.EnvironmentReconcile;
import io.jenkins.plugins.gitops.run.DriftReportRow;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the checks and syncs of one environment observed, kept in files beside its {@code config.xml}: the status
 * ({@value #STATUS_FILE}), the last report and the drift trend. The environment's pages read only these; checks,
 * syncs, pushes and the Pipeline steps record into them. Not persisted with the environment itself.
 */
public final class EnvironmentObservations {

    private static final Logger LOGGER = Logger.getLogger(EnvironmentObservations.class.getName());

    static final String STATUS_FILE = "gitops-status.xml";

    private final GitOpsEnvironment environment;
    private volatile EnvironmentStatus status;
    private volatile LastObservedReport lastReport;
    private volatile DriftTrendStore trend;

    EnvironmentObservations(GitOpsEnvironment environment) {
        this.environment = environment;
    }

    /** The report of the last check or sync, or {@code null} before the first (or when it cannot be read). */
    @CheckForNull
    public SyncReport lastReport() {
        return lastReportStore().read();
    }

    /**
     * The objects that differ from Git or are unhealthy according to the last check or sync, with their
     * diffs: the "current drift" of the environment page. Read from the stored report, never from the cluster.
     */
    public List<DriftReportRow> currentDrift() {
        SyncReport report = lastReport();
        if (report == null) {
            return List.of();
        }
        Set<ReportObject> objects = new LinkedHashSet<>(report.outOfSync());
        objects.addAll(report.unhealthy());
        return objects.stream().map(object -> new DriftReportRow(object, report)).toList();
    }

    private LastObservedReport lastReportStore() {
        LastObservedReport store = lastReport;
        File dir = environment.getRootDir();
        if (store == null || !store.isIn(dir)) {
            store = new LastObservedReport(dir);
            lastReport = store;
        }
        return store;
    }

    /**
     * Records what a check or sync saw: keeps its report for the environment page and returns the status it
     * leads to (with the counts of objects out of sync and unhealthy), for the caller to store.
     *
     * @param report the report of {@code outcome} ({@link EnvironmentReconcile.Outcome#report()}); {@code null}
     *     when the reconcile stopped before the cluster
     */
    public EnvironmentStatus observed(@NonNull EnvironmentReconcile.Outcome outcome, @CheckForNull SyncReport report,
            @NonNull Instant when, boolean sync) {
        CommitInfo commit = outcome.commit();
        EnvironmentStatus next = EnvironmentStatus.of(when, outcome.observation(),
                commit == null ? null : commit.abbreviatedSha(), commit == null ? null : commit.subject());
        if (environment.isDeleted()) {
            return next; // deleted while the check ran: nothing is written into a folder that is gone
        }
        if (report == null) {
            // Git or rendering failed: the cluster was not compared; the last comparison stays on the page.
            EnvironmentStatus previous = status();
            next = next.withObjectCounts(previous.getOutOfSyncObjects(), previous.getUnhealthyObjects())
                    .withServer(previous.getServer());
        } else {
            lastReportStore().write(report);
            next = next.withObjectCounts(report.outOfSync().size(), report.unhealthy().size())
                    .withServer(report.summary().target().server());
        }
        trendStore().append(trendPointOf(next, when, sync));
        return next;
    }

    private static TrendPoint trendPointOf(EnvironmentStatus status, Instant when, boolean sync) {
        String revision = Util.fixNull(status.getAbbreviatedCommit());
        SyncStatus syncStatus = status.getSyncStatus();
        return sync
                ? TrendPoint.sync(when, revision, status.getOutOfSyncObjects(), status.getUnhealthyObjects(), syncStatus,
                        status.getHealth())
                : TrendPoint.check(when, revision, status.getOutOfSyncObjects(), status.getUnhealthyObjects(),
                        syncStatus, status.getHealth());
    }

    /** How many of the newest trend points the environment page draws. */
    static final int TREND_POINTS_SHOWN = 100;

    /** The drift trend laid out for the environment page; {@code null} until there are two samples to join. */
    @CheckForNull
    public TrendPlot trendPlot() {
        return TrendPlot.of(trendStore().read().chart(TREND_POINTS_SHOWN), 720, 180);
    }

    private DriftTrendStore trendStore() {
        DriftTrendStore store = trend;
        File dir = environment.getRootDir();
        if (store == null || !store.isIn(dir)) {
            store = new DriftTrendStore(dir);
            trend = store;
        }
        return store;
    }

    /** What the last check or sync saw; {@link EnvironmentStatus#NEVER_CHECKED} before the first. */
    @NonNull
    public EnvironmentStatus status() {
        EnvironmentStatus current = status;
        if (current == null) {
            synchronized (this) {
                current = status;
                if (current == null) {
                    current = readStatus();
                    status = current;
                }
            }
        }
        return current;
    }

    private EnvironmentStatus readStatus() {
        XmlFile file = statusFile();
        if (!file.exists()) {
            return EnvironmentStatus.NEVER_CHECKED;
        }
        try {
            Object read = file.read();
            if (read instanceof EnvironmentStatus loaded) {
                return loaded;
            }
            LOGGER.warning(() -> file + " does not hold an environment status; starting from none");
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Cannot read " + file + "; starting from no status", e);
        }
        return EnvironmentStatus.NEVER_CHECKED;
    }

    /**
     * Replaces the status and saves it; a failure to save is logged, the status in memory is still updated. A
     * pending check request ({@link #requestCheck}) is kept: only a check answers it ({@link #completeCheck}).
     */
    public void updateStatus(@NonNull EnvironmentStatus newStatus) {
        synchronized (this) {
            EnvironmentStatus previous = status();
            writeStatus(keepLastSync(newStatus, previous).withCheckRequested(previous.getCheckRequested()));
        }
    }

    /** A check does not know when the last sync was: the status it replaces does. */
    private static EnvironmentStatus keepLastSync(EnvironmentStatus newStatus, EnvironmentStatus previous) {
        return newStatus.getLastSync() == null ? newStatus.withLastSyncOf(previous) : newStatus;
    }

    /**
     * Asks for a check at the reconciler's next run (a push notification): the request is kept in the status
     * until a check that started after it has finished.
     */
    public void requestCheck(@NonNull Instant when) {
        synchronized (this) {
            writeStatus(status().withCheckRequested(when));
        }
    }

    /**
     * Replaces the status after a check that started while {@code answered} was the pending request; a request
     * made while the check ran stays pending (the engine's {@link CheckSchedule#requestAfterCheck}).
     */
    public void completeCheck(@NonNull EnvironmentStatus newStatus, @CheckForNull Instant answered) {
        synchronized (this) {
            EnvironmentStatus previous = status();
            writeStatus(keepLastSync(newStatus, previous).withCheckRequested(
                    CheckSchedule.requestAfterCheck(answered, previous.getCheckRequested())));
        }
    }

    private void writeStatus(EnvironmentStatus newStatus) {
        status = newStatus;
        if (environment.isDeleted()) {
            return; // a check that ends after the environment was deleted must not recreate its folder
        }
        try {
            statusFile().write(newStatus);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Cannot save the status of " + environment.getFullName() + " to " + statusFile(), e);
        }
    }

    private XmlFile statusFile() {
        return new XmlFile(Items.XSTREAM2, new File(environment.getRootDir(), STATUS_FILE));
    }
}
