package io.jenkins.plugins.gitops.engine.pipeline;

import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.sync.OutOfSync;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.view.SyncStatus;
import java.util.Objects;

/**
 * What one run of an environment came to, decided once, here, for every place that shows it: the command line's
 * exit code, the Jenkins build's result, the environment's badge, the counts, and whether a periodic check should
 * sync. Callers translate; none recomputes.
 *
 * <table>
 *   <caption>outcome → exit code, build result</caption>
 *   <tr><th>outcome</th><th>exit code</th><th>build</th></tr>
 *   <tr><td>IN_SYNC, SYNCED</td><td>0</td><td>SUCCESS</td></tr>
 *   <tr><td>OUT_OF_SYNC, UNHEALTHY, CONFLICTS</td><td>1</td><td>UNSTABLE</td></tr>
 *   <tr><td>FAILED (also: fetch, render or connection failed)</td><td>2</td><td>FAILURE</td></tr>
 *   <tr><td>ABORTED</td><td>2</td><td>ABORTED</td></tr>
 * </table>
 *
 * <p>The badge is about the cluster, not the run: a sync that did all it may do is a success, and the environment
 * is still OutOfSync when extra objects stay because pruning is off (as in Argo CD).
 *
 * @param outcome what the run came to; {@link Outcome#FAILED} when it stopped before the cluster
 * @param syncStatus the environment's badge after this run
 * @param outOfSyncObjects how many objects differ from Git after this run ({@link OutOfSync})
 * @param syncWouldWrite whether a sync would write anything (after a sync: whether it left conflicts)
 * @param health the worst health of the declared objects; {@code null} when the run did not reach the cluster
 */
public record Verdict(Outcome outcome, SyncStatus syncStatus, int outOfSyncObjects, boolean syncWouldWrite,
        HealthStatus health) {

    /** A Jenkins build's result, named without Jenkins: the plugin maps it one to one. */
    public enum BuildResult {
        SUCCESS,
        UNSTABLE,
        FAILURE,
        ABORTED
    }

    public Verdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(syncStatus, "syncStatus");
    }

    /** The verdict of a run that reached the cluster. */
    public static Verdict of(SyncResult result) {
        Outcome outcome = result.outcome();
        int outOfSync = result.outOfSync().size();
        SyncStatus status = outcome == Outcome.FAILED || outcome == Outcome.ABORTED ? SyncStatus.ERROR
                : outOfSync > 0 ? SyncStatus.OUT_OF_SYNC : SyncStatus.SYNCED;
        return new Verdict(outcome, status, outOfSync, OutOfSync.syncWouldWrite(result), result.worstHealth());
    }

    /** The verdict of a run that stopped before the cluster: fetching, rendering or connecting failed. */
    public static Verdict stopped() {
        return new Verdict(Outcome.FAILED, SyncStatus.ERROR, 0, false, null);
    }

    /** The verdict of a run stopped by its user before the cluster. */
    public static Verdict aborted() {
        return new Verdict(Outcome.ABORTED, SyncStatus.ERROR, 0, false, null);
    }

    /** The exit code of {@code gitops-sync}: 0 all is well, 1 the cluster and Git disagree, 2 the run failed. */
    public int exitCode() {
        return switch (outcome) {
            case IN_SYNC, SYNCED -> 0;
            case OUT_OF_SYNC, UNHEALTHY, CONFLICTS -> 1;
            case FAILED, ABORTED -> 2;
        };
    }

    /** The result of the Jenkins build that ran it. */
    public BuildResult buildResult() {
        return switch (outcome) {
            case IN_SYNC, SYNCED -> BuildResult.SUCCESS;
            case OUT_OF_SYNC, UNHEALTHY, CONFLICTS -> BuildResult.UNSTABLE;
            case FAILED -> BuildResult.FAILURE;
            case ABORTED -> BuildResult.ABORTED;
        };
    }

    /** Whether the run failed (fetch, render, cluster or an object), so that the environment shows an error. */
    public boolean failed() {
        return outcome == Outcome.FAILED || outcome == Outcome.ABORTED;
    }
}
