package io.jenkins.plugins.gitops.engine.view;

import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * One point of a {@link DriftTrend}: what a check (or a sync) of an environment saw, or a run of consecutive checks
 * that all saw the same thing.
 *
 * @param first when the first check of the run ended
 * @param last when the last check of the run ended; {@link #first} for a single check
 * @param revision the abbreviated commit checked; empty when unknown (fetching failed)
 * @param outOfSync how many objects differ from Git: for a check, what a sync would change; for a sync, what still
 *     differs after it (conflicts, failures, objects left alone)
 * @param unhealthy how many objects are {@link HealthStatus#DEGRADED} or {@link HealthStatus#MISSING}
 * @param syncStatus the environment's sync status at that point
 * @param health the worst health of the declared objects ({@link HealthStatus#UNKNOWN} when not known)
 * @param sync whether this point is a sync rather than a check (a chart marks it)
 * @param repeats how many consecutive checks the point stands for, at least 1
 */
public record TrendPoint(Instant first, Instant last, String revision, int outOfSync, int unhealthy,
        SyncStatus syncStatus, HealthStatus health, boolean sync, int repeats) {

    public TrendPoint {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("trend point: last check " + last + " is before first check " + first);
        }
        revision = revision == null ? "" : revision;
        if (outOfSync < 0 || unhealthy < 0) {
            throw new IllegalArgumentException("trend point: object counts cannot be negative (out of sync "
                    + outOfSync + ", unhealthy " + unhealthy + ")");
        }
        Objects.requireNonNull(syncStatus, "syncStatus");
        health = health == null ? HealthStatus.UNKNOWN : health;
        if (repeats < 1) {
            throw new IllegalArgumentException("trend point: repeats must be at least 1, was " + repeats);
        }
    }

    /** A check (a preview: nothing written) that ended at {@code time}. */
    public static TrendPoint check(Instant time, String revision, int outOfSync, int unhealthy, SyncStatus syncStatus,
            HealthStatus health) {
        return new TrendPoint(time, time, revision, outOfSync, unhealthy, syncStatus, health, false, 1);
    }

    /** A sync that ended at {@code time}; {@code outOfSync} counts what still differs after it. */
    public static TrendPoint sync(Instant time, String revision, int outOfSync, int unhealthy, SyncStatus syncStatus,
            HealthStatus health) {
        return new TrendPoint(time, time, revision, outOfSync, unhealthy, syncStatus, health, true, 1);
    }

    /** Whether {@code other} saw the same as this point: everything but the times and the count is equal. */
    public boolean sameStateAs(TrendPoint other) {
        return revision.equals(other.revision) && outOfSync == other.outOfSync && unhealthy == other.unhealthy
                && syncStatus == other.syncStatus && health == other.health && sync == other.sync;
    }

    /** This run extended by {@code next}, which saw the same: the first time stays, the last and the count grow. */
    TrendPoint followedBy(TrendPoint next) {
        return new TrendPoint(first, next.last, revision, outOfSync, unhealthy, syncStatus, health, sync,
                repeats + next.repeats);
    }

    /** This point moved so that it starts no earlier than {@code earliest}. */
    TrendPoint notBefore(Instant earliest) {
        if (!first.isBefore(earliest)) {
            return this;
        }
        return new TrendPoint(earliest, last.isBefore(earliest) ? earliest : last, revision, outOfSync, unhealthy,
                syncStatus, health, sync, repeats);
    }
}
