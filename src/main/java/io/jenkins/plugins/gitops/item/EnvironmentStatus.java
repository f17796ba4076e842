package io.jenkins.plugins.gitops.item;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.view.SyncStatus;
import io.jenkins.plugins.gitops.engine.sync.CheckDecision.Observation;
import java.time.Instant;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * What is known about an environment between builds: the last check or sync, the commit it saw, whether the
 * cluster matched Git, the objects' health and the last error. Saved in {@code gitops-status.xml} beside the
 * environment's {@code config.xml} (not in it: a check every few minutes must not rewrite the configuration
 * and its history), and read back when Jenkins starts.
 *
 * <p>Immutable: each check or sync replaces it as a whole.
 */
@ExportedBean(defaultVisibility = 2)
public final class EnvironmentStatus {

    static final EnvironmentStatus NEVER_CHECKED = new EnvironmentStatus(0, null, null, null, SyncStatus.UNKNOWN, null, null);

    private final long lastCheckMillis;
    private final String commit;
    private final String abbreviatedCommit;
    private final String commitSubject;
    private final SyncStatus syncStatus;
    private final HealthStatus health;
    private final String error;
    /** When a check was asked for (a push notification) that no check has answered yet; 0 for none. */
    private final long checkRequestedMillis;
    /** Objects that differed from Git at the last check or sync (the engine's {@code SyncReport#outOfSync()}). */
    private final int outOfSyncObjects;
    /** Objects that were Degraded or Missing at the last check or sync. */
    private final int unhealthyObjects;
    /** When the last sync (a build that wrote, not a recorded check) ended; 0 for none. */
    private final long lastSyncMillis;
    /** That sync's build number; 0 for none. */
    private final int lastSyncBuild;
    /** That sync's Jenkins result ({@code SUCCESS}, {@code UNSTABLE}...); {@code null} for none. */
    private final String lastSyncResult;
    /** The abbreviated commit that sync applied; {@code null} for none or when it stopped before Git answered. */
    private final String lastSyncCommit;
    /** The API server the last comparison reached (the kubeconfig's when none is configured); {@code null} for none. */
    private final String server;
    /** Self-heal syncs in a row that left drift behind (the engine's {@code SelfHealBackoff} counts them). */
    private final int selfHealFailures;
    /** When the last of them ended; 0 for none. */
    private final long lastSelfHealMillis;

    EnvironmentStatus(long lastCheckMillis, String commit, String abbreviatedCommit, String commitSubject,
            SyncStatus syncStatus, HealthStatus health, String error) {
        this(lastCheckMillis, commit, abbreviatedCommit, commitSubject, syncStatus, health, error, 0, 0, 0, 0, 0, null,
                null, null, 0, 0);
    }

    private EnvironmentStatus(long lastCheckMillis, String commit, String abbreviatedCommit, String commitSubject,
            SyncStatus syncStatus, HealthStatus health, String error, long checkRequestedMillis, int outOfSyncObjects,
            int unhealthyObjects, long lastSyncMillis, int lastSyncBuild, String lastSyncResult, String lastSyncCommit,
            String server, int selfHealFailures, long lastSelfHealMillis) {
        this.lastCheckMillis = lastCheckMillis;
        this.commit = commit;
        this.abbreviatedCommit = abbreviatedCommit;
        this.commitSubject = commitSubject;
        this.syncStatus = syncStatus;
        this.health = health;
        this.error = error;
        this.checkRequestedMillis = checkRequestedMillis;
        this.outOfSyncObjects = outOfSyncObjects;
        this.unhealthyObjects = unhealthyObjects;
        this.lastSyncMillis = lastSyncMillis;
        this.lastSyncBuild = lastSyncBuild;
        this.lastSyncResult = lastSyncResult;
        this.lastSyncCommit = lastSyncCommit;
        this.server = server;
        this.selfHealFailures = selfHealFailures;
        this.lastSelfHealMillis = lastSelfHealMillis;
    }

    /** The status after a check or sync that saw {@code observation} at {@code when}. */
    public static EnvironmentStatus of(Instant when, Observation observation, @CheckForNull String abbreviatedCommit,
            @CheckForNull String commitSubject) {
        SyncStatus status = observation.failed() ? SyncStatus.ERROR
                : observation.outOfSync() ? SyncStatus.OUT_OF_SYNC : SyncStatus.SYNCED;
        return new EnvironmentStatus(when.toEpochMilli(), observation.commit(), abbreviatedCommit, commitSubject,
                status, observation.health(), observation.error());
    }

    /** What the last check saw, for the next check's decision; {@code null} when never checked. */
    @CheckForNull
    public Observation toObservation() {
        if (lastCheckMillis == 0) {
            return null;
        }
        boolean outOfSync = syncStatus == SyncStatus.OUT_OF_SYNC;
        return new Observation(commit, outOfSync, outOfSync, health, error);
    }

    @CheckForNull
    public Instant getLastCheck() {
        return lastCheckMillis == 0 ? null : Instant.ofEpochMilli(lastCheckMillis);
    }

    /** When the last check ended, in milliseconds since the epoch; 0 for never (for the remote API). */
    @Exported(name = "lastCheck")
    public long getLastCheckMillis() {
        return lastCheckMillis;
    }

    /** "3 min 4 sec" since the last check, or empty when never checked. */
    public String getLastCheckAgo() {
        return lastCheckMillis == 0 ? "" : Util.getTimeSpanString(Math.max(0, System.currentTimeMillis() - lastCheckMillis));
    }

    @CheckForNull
    @Exported
    public String getCommit() {
        return commit;
    }

    @CheckForNull
    @Exported
    public String getAbbreviatedCommit() {
        return abbreviatedCommit;
    }

    @CheckForNull
    @Exported
    public String getCommitSubject() {
        return commitSubject;
    }

    /** Whether the cluster matches Git ({@code SYNCED}, {@code OUT_OF_SYNC}, {@code UNKNOWN}, {@code ERROR}). */
    @Exported
    public SyncStatus getSyncStatus() {
        return syncStatus == null ? SyncStatus.UNKNOWN : syncStatus;
    }

    @CheckForNull
    public HealthStatus getHealth() {
        return health;
    }

    /** The health as users read it ("Healthy", "Degraded"), or empty when unknown. */
    @Exported(name = "health")
    public String getHealthDisplayName() {
        return health == null ? "" : health.displayName();
    }

    @CheckForNull
    @Exported
    public String getError() {
        return error;
    }

    /** When a check was asked for (a push notification) that no check has answered yet; {@code null} for none. */
    @CheckForNull
    public Instant getCheckRequested() {
        return checkRequestedMillis == 0 ? null : Instant.ofEpochMilli(checkRequestedMillis);
    }

    /** This status with {@code when} as its pending check request; {@code null} for none. */
    EnvironmentStatus withCheckRequested(@CheckForNull Instant when) {
        return new EnvironmentStatus(lastCheckMillis, commit, abbreviatedCommit, commitSubject, syncStatus, health,
                error, when == null ? 0 : Math.max(1, when.toEpochMilli()), outOfSyncObjects, unhealthyObjects,
                lastSyncMillis, lastSyncBuild, lastSyncResult, lastSyncCommit, server,
                selfHealFailures, lastSelfHealMillis);
    }

    /** This status with the counts of objects out of sync and unhealthy that the check or sync saw. */
    public EnvironmentStatus withObjectCounts(int outOfSync, int unhealthy) {
        return new EnvironmentStatus(lastCheckMillis, commit, abbreviatedCommit, commitSubject, syncStatus, health,
                error, checkRequestedMillis, Math.max(0, outOfSync), Math.max(0, unhealthy), lastSyncMillis,
                lastSyncBuild, lastSyncResult, lastSyncCommit, server,
                selfHealFailures, lastSelfHealMillis);
    }

    /** This status recording a sync build that ended at {@code when} with {@code result}, at this status's commit. */
    public EnvironmentStatus withLastSync(Instant when, int buildNumber, String result) {
        return new EnvironmentStatus(lastCheckMillis, commit, abbreviatedCommit, commitSubject, syncStatus, health,
                error, checkRequestedMillis, outOfSyncObjects, unhealthyObjects, when.toEpochMilli(), buildNumber, result,
                abbreviatedCommit, server, selfHealFailures, lastSelfHealMillis);
    }

    /** This status with the last sync of {@code other} (a check does not change when the last sync was). */
    EnvironmentStatus withLastSyncOf(EnvironmentStatus other) {
        return new EnvironmentStatus(lastCheckMillis, commit, abbreviatedCommit, commitSubject, syncStatus, health,
                error, checkRequestedMillis, outOfSyncObjects, unhealthyObjects, other.lastSyncMillis,
                other.lastSyncBuild, other.lastSyncResult, other.lastSyncCommit, server,
                other.selfHealFailures, other.lastSelfHealMillis);
    }

    /**
     * This status after a sync ended at {@code when}: a self-heal sync that left drift behind adds one to the run
     * of failures; any sync that left no drift ends the run.
     */
    public EnvironmentStatus withSelfHealOutcome(boolean selfHeal, Instant when) {
        boolean driftLeft = getSyncStatus() != SyncStatus.SYNCED;
        int failures = !driftLeft ? 0 : selfHeal ? selfHealFailures + 1 : selfHealFailures;
        long last = selfHeal ? when.toEpochMilli() : lastSelfHealMillis;
        return new EnvironmentStatus(lastCheckMillis, commit, abbreviatedCommit, commitSubject, syncStatus, health,
                error, checkRequestedMillis, outOfSyncObjects, unhealthyObjects, lastSyncMillis, lastSyncBuild,
                lastSyncResult, lastSyncCommit, server, failures, last);
    }

    /** Self-heal syncs in a row that left drift behind; 0 when the last one (or any later sync) removed it. */
    @Exported
    public int getSelfHealFailures() {
        return selfHealFailures;
    }

    /** When the last self-heal sync ended; {@code null} for none. */
    @CheckForNull
    public Instant getLastSelfHeal() {
        return lastSelfHealMillis == 0 ? null : Instant.ofEpochMilli(lastSelfHealMillis);
    }

    /** This status naming the API server the comparison reached; {@code null} keeps none. */
    EnvironmentStatus withServer(@CheckForNull String reached) {
        return new EnvironmentStatus(lastCheckMillis, commit, abbreviatedCommit, commitSubject, syncStatus, health,
                error, checkRequestedMillis, outOfSyncObjects, unhealthyObjects, lastSyncMillis, lastSyncBuild,
                lastSyncResult, lastSyncCommit, reached, selfHealFailures, lastSelfHealMillis);
    }

    /** The API server the last comparison reached, without user information; {@code null} before the first. */
    @CheckForNull
    @Exported
    public String getServer() {
        return server;
    }

    /** Objects that differed from Git at the last check or sync. */
    @Exported
    public int getOutOfSyncObjects() {
        return outOfSyncObjects;
    }

    /** Objects that were Degraded or Missing at the last check or sync. */
    @Exported
    public int getUnhealthyObjects() {
        return unhealthyObjects;
    }

    /** When the last sync ended; {@code null} when the environment was never synced here. */
    @CheckForNull
    public Instant getLastSync() {
        return lastSyncMillis == 0 ? null : Instant.ofEpochMilli(lastSyncMillis);
    }

    /** When the last sync ended, in milliseconds since the epoch; 0 for never (for the remote API). */
    @Exported(name = "lastSync")
    public long getLastSyncMillis() {
        return lastSyncMillis;
    }

    /** "3 min 4 sec" since the last sync, or empty when never synced. */
    public String getLastSyncAgo() {
        return lastSyncMillis == 0 ? "" : Util.getTimeSpanString(Math.max(0, System.currentTimeMillis() - lastSyncMillis));
    }

    /** The last sync's build number; 0 for none. */
    @Exported
    public int getLastSyncBuild() {
        return lastSyncBuild;
    }

    /** The abbreviated commit the last sync applied, or {@code null} for none. */
    @CheckForNull
    @Exported
    public String getLastSyncCommit() {
        return lastSyncCommit;
    }

    /** The last sync's Jenkins result, or {@code null} for none. */
    @CheckForNull
    @Exported
    public String getLastSyncResult() {
        return lastSyncResult;
    }
}
