package io.jenkins.plugins.gitops.item;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Util;
import java.time.Instant;
import java.util.Objects;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * Automatic sync of an environment held back by a user: by "Pause automatic sync", or by a rollback, which
 * must not be undone by the next periodic check. While paused, checks go on (the status and the drift stay
 * current) but a new revision or drift leads to no sync; "Sync now" and Pipeline steps still work. Kept in the
 * environment's {@code config.xml} so that it survives restarts, until a user resumes.
 */
@ExportedBean(defaultVisibility = 2)
public final class AutomationPause {

    private final String userId;
    private final long sinceMillis;
    /** The commit a rollback pinned the environment to; {@code null} for a plain pause. */
    private final String rollbackCommit;
    /** The build whose revision the rollback synced again; 0 for a plain pause. */
    private final int rollbackOfBuild;

    private AutomationPause(String userId, long sinceMillis, String rollbackCommit, int rollbackOfBuild) {
        this.userId = Objects.requireNonNull(userId, "userId");
        this.sinceMillis = sinceMillis;
        this.rollbackCommit = rollbackCommit;
        this.rollbackOfBuild = rollbackOfBuild;
    }

    /** Paused by {@code userId} with "Pause automatic sync". */
    static AutomationPause byUser(@NonNull String userId, @NonNull Instant since) {
        return new AutomationPause(userId, since.toEpochMilli(), null, 0);
    }

    /** Paused because {@code userId} rolled back to {@code commit}, the revision of build {@code buildNumber}. */
    public static AutomationPause byRollback(@NonNull String userId, @NonNull Instant since, @NonNull String commit,
            int buildNumber) {
        return new AutomationPause(userId, since.toEpochMilli(), Objects.requireNonNull(commit, "commit"), buildNumber);
    }

    @Exported
    public String getUserId() {
        return userId;
    }

    public Instant getSince() {
        return Instant.ofEpochMilli(sinceMillis);
    }

    /** When automatic sync was paused, in milliseconds since the epoch (for the remote API). */
    @Exported(name = "since")
    public long getSinceMillis() {
        return sinceMillis;
    }

    /** "3 hr 2 min" since the pause. */
    public String getSinceAgo() {
        return Util.getTimeSpanString(Math.max(0, System.currentTimeMillis() - sinceMillis));
    }

    /** Whether a rollback paused automatic sync. */
    @Exported
    public boolean isRollback() {
        return rollbackCommit != null;
    }

    /** The commit the rollback pinned the environment to, or {@code null} for a plain pause. */
    @CheckForNull
    @Exported
    public String getRollbackCommit() {
        return rollbackCommit;
    }

    /** {@link #getRollbackCommit()} shortened for people, or empty. */
    public String getRollbackCommitAbbreviated() {
        return rollbackCommit == null ? "" : rollbackCommit.substring(0, Math.min(7, rollbackCommit.length()));
    }

    /** The build whose revision was synced again; 0 for a plain pause. */
    @Exported
    public int getRollbackOfBuild() {
        return rollbackOfBuild;
    }
}
