package io.jenkins.plugins.gitops.engine.sync;

import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import java.util.Objects;

/**
 * What a periodic check leads to, given what the previous check saw, what this one saw (a preview: fetch,
 * render, compare, nothing written) and the environment's policy.
 *
 * <ul>
 * <li>{@link Verdict#SYNC}: a new revision with drift and automated sync, or drift with self-heal;</li>
 * <li>{@link Verdict#RECORD_CHECK}: something a user should see in the build history happened but nothing is
 *     to be written: new drift, a new revision to sync by hand, health that got worse, a new error;</li>
 * <li>{@link Verdict#NO_BUILD}: nothing new; only the environment's status is updated.</li>
 * </ul>
 *
 * <p>A failing check is recorded once, when its error first appears (or changes), not every interval; its
 * status keeps the error meanwhile. A sync is never decided on a failed check: a failed fetch or render
 * yields no object set, and nothing is applied or pruned from it.
 *
 * @param verdict what to do
 * @param reason why, for the build's cause and the status page
 */
public record CheckDecision(Verdict verdict, Reason reason) {

    /** What to do after a check. */
    public enum Verdict {
        /** Update the environment's status only. */
        NO_BUILD,
        /** Record the check as a preview build, which writes nothing to the cluster. */
        RECORD_CHECK,
        /** Queue a sync. */
        SYNC
    }

    /** What changed since the previous check. */
    public enum Reason {
        /** Nothing the user needs to see. */
        UNCHANGED,
        /** The first check of the environment. */
        FIRST_CHECK,
        /** The revision resolved to a different commit. */
        NEW_REVISION,
        /** The cluster differs from Git. */
        DRIFT,
        /** The cluster matches Git again. */
        DRIFT_RESOLVED,
        /** The health of the objects got worse. */
        HEALTH_DEGRADED,
        /** Fetching, rendering or comparing failed. */
        ERROR,
        /** The previous check failed, this one did not. */
        ERROR_RESOLVED
    }

    /**
     * What one check saw.
     *
     * @param commit the commit the revision resolved to; {@code null} when fetching failed
     * @param drift whether a sync would change something (objects to create, configure or prune)
     * @param outOfSync whether the cluster differs from Git (the badge): also true when extra objects stay
     *     because pruning is off, which is no reason to sync again
     * @param health the worst health of the declared objects; {@code null} when not known (the check failed)
     * @param error what failed (fetch, render or cluster), or {@code null} when the check succeeded
     */
    public record Observation(String commit, boolean drift, boolean outOfSync, HealthStatus health, String error) {

        public static Observation ok(String commit, boolean drift, HealthStatus health) {
            return ok(commit, drift, drift, health);
        }

        public static Observation ok(String commit, boolean drift, boolean outOfSync, HealthStatus health) {
            return new Observation(Objects.requireNonNull(commit, "commit"), drift, outOfSync || drift,
                    Objects.requireNonNull(health, "health"), null);
        }

        public static Observation failed(String commit, String error) {
            return new Observation(commit, false, false, null, Objects.requireNonNull(error, "error"));
        }

        public boolean failed() {
            return error != null;
        }
    }

    /**
     * Decides what a check leads to.
     *
     * @param previous what the previous check saw; {@code null} for the first check
     * @param current what this check saw
     * @param automated whether new revisions are synced without a user
     * @param selfHeal whether drift in the cluster is reverted without a user (only with {@code automated})
     */
    public static CheckDecision decide(Observation previous, Observation current, boolean automated,
            boolean selfHeal) {
        return decide(previous, current, automated, selfHeal, previous == null ? null : previous.commit());
    }

    /**
     * Decides what a check leads to, knowing which commit the last sync deployed: with automated sync, a commit
     * that differs from the cluster and that no sync has deployed yet is synced, even when an earlier check
     * already saw it (it arrived while automatic sync was paused, or before it was switched on).
     *
     * @param lastSyncedCommit the commit of the environment's last sync, whatever its result, full or abbreviated
     *     (status files keep the abbreviated one); {@code null} when it never synced
     */
    public static CheckDecision decide(Observation previous, Observation current, boolean automated,
            boolean selfHeal, String lastSyncedCommit) {
        Objects.requireNonNull(current, "current");
        if (current.failed()) {
            boolean newError = previous == null || !current.error().equals(previous.error());
            return new CheckDecision(newError ? Verdict.RECORD_CHECK : Verdict.NO_BUILD, Reason.ERROR);
        }
        if (previous == null) {
            if (!current.drift()) {
                return new CheckDecision(Verdict.NO_BUILD, Reason.FIRST_CHECK);
            }
            return new CheckDecision(automated ? Verdict.SYNC : Verdict.RECORD_CHECK, Reason.FIRST_CHECK);
        }
        boolean newRevision = previous.commit() == null || !previous.commit().equals(current.commit());
        boolean neverDeployed = lastSyncedCommit == null || !sameCommit(lastSyncedCommit, current.commit());
        if (current.drift()) {
            if (newRevision || automated && neverDeployed) {
                return new CheckDecision(automated ? Verdict.SYNC : Verdict.RECORD_CHECK, Reason.NEW_REVISION);
            }
            if (automated && selfHeal) {
                return new CheckDecision(Verdict.SYNC, Reason.DRIFT);
            }
            boolean newDrift = !previous.drift() || previous.failed();
            return new CheckDecision(newDrift ? Verdict.RECORD_CHECK : Verdict.NO_BUILD, Reason.DRIFT);
        }
        if (previous.health() != null && current.health() != null && current.health().isWorseThan(previous.health())) {
            return new CheckDecision(Verdict.RECORD_CHECK, Reason.HEALTH_DEGRADED);
        }
        if (previous.failed()) {
            return new CheckDecision(Verdict.NO_BUILD, Reason.ERROR_RESOLVED);
        }
        if (previous.drift()) {
            return new CheckDecision(Verdict.NO_BUILD, Reason.DRIFT_RESOLVED);
        }
        return new CheckDecision(Verdict.NO_BUILD, newRevision ? Reason.NEW_REVISION : Reason.UNCHANGED);
    }

    /** Whether two commit ids name the same commit, one of them possibly abbreviated. */
    private static boolean sameCommit(String a, String b) {
        return b != null && !a.isEmpty() && !b.isEmpty() && (a.startsWith(b) || b.startsWith(a));
    }
}
