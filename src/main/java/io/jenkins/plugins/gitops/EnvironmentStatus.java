package io.jenkins.plugins.gitops;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.sync.CheckDecision.Observation;
import java.time.Instant;

/**
 * What is known about an environment between builds: the last check or sync, the commit it saw, whether the
 * cluster matched Git, the objects' health and the last error. Saved in {@code gitops-status.xml} beside the
 * environment's {@code config.xml} (not in it: a check every few minutes must not rewrite the configuration
 * and its history), and read back when Jenkins starts.
 *
 * <p>Immutable: each check or sync replaces it as a whole.
 */
public final class EnvironmentStatus {

    /** Whether the cluster matches Git. */
    public enum SyncStatus {
        /** Never checked, or the last check could not tell. */
        UNKNOWN,
        /** Everything Git declares is live and unchanged. */
        SYNCED,
        /** A sync would change something. */
        OUT_OF_SYNC,
        /** Fetching, rendering or comparing failed. */
        ERROR;

        public String getDisplayName() {
            return switch (this) {
                case UNKNOWN -> Messages.EnvironmentStatus_unknown();
                case SYNCED -> Messages.EnvironmentStatus_synced();
                case OUT_OF_SYNC -> Messages.EnvironmentStatus_outOfSync();
                case ERROR -> Messages.EnvironmentStatus_error();
            };
        }
    }

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

    EnvironmentStatus(long lastCheckMillis, String commit, String abbreviatedCommit, String commitSubject,
            SyncStatus syncStatus, HealthStatus health, String error) {
        this(lastCheckMillis, commit, abbreviatedCommit, commitSubject, syncStatus, health, error, 0);
    }

    private EnvironmentStatus(long lastCheckMillis, String commit, String abbreviatedCommit, String commitSubject,
            SyncStatus syncStatus, HealthStatus health, String error, long checkRequestedMillis) {
        this.lastCheckMillis = lastCheckMillis;
        this.commit = commit;
        this.abbreviatedCommit = abbreviatedCommit;
        this.commitSubject = commitSubject;
        this.syncStatus = syncStatus;
        this.health = health;
        this.error = error;
        this.checkRequestedMillis = checkRequestedMillis;
    }

    /** The status after a check or sync that saw {@code observation} at {@code when}. */
    static EnvironmentStatus of(Instant when, Observation observation, @CheckForNull String abbreviatedCommit,
            @CheckForNull String commitSubject) {
        SyncStatus status = observation.failed() ? SyncStatus.ERROR
                : observation.drift() ? SyncStatus.OUT_OF_SYNC : SyncStatus.SYNCED;
        return new EnvironmentStatus(when.toEpochMilli(), observation.commit(), abbreviatedCommit, commitSubject,
                status, observation.health(), observation.error());
    }

    /** What the last check saw, for the next check's decision; {@code null} when never checked. */
    @CheckForNull
    Observation toObservation() {
        if (lastCheckMillis == 0) {
            return null;
        }
        return new Observation(commit, syncStatus == SyncStatus.OUT_OF_SYNC, health, error);
    }

    @CheckForNull
    public Instant getLastCheck() {
        return lastCheckMillis == 0 ? null : Instant.ofEpochMilli(lastCheckMillis);
    }

    /** "3 min 4 sec" since the last check, or empty when never checked. */
    public String getLastCheckAgo() {
        return lastCheckMillis == 0 ? "" : Util.getTimeSpanString(Math.max(0, System.currentTimeMillis() - lastCheckMillis));
    }

    @CheckForNull
    public String getCommit() {
        return commit;
    }

    @CheckForNull
    public String getAbbreviatedCommit() {
        return abbreviatedCommit;
    }

    @CheckForNull
    public String getCommitSubject() {
        return commitSubject;
    }

    public SyncStatus getSyncStatus() {
        return syncStatus == null ? SyncStatus.UNKNOWN : syncStatus;
    }

    @CheckForNull
    public HealthStatus getHealth() {
        return health;
    }

    /** The health as users read it ("Healthy", "Degraded"), or empty when unknown. */
    public String getHealthDisplayName() {
        return health == null ? "" : health.displayName();
    }

    @CheckForNull
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
                error, when == null ? 0 : Math.max(1, when.toEpochMilli()));
    }
}
