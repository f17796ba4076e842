package io.jenkins.plugins.gitops.engine.view;

import java.util.Optional;

/**
 * Whether an environment's cluster matches Git, as a dashboard or a trend shows it. The constants have the names
 * of the plugin's {@code EnvironmentStatus.SyncStatus}, so {@code SyncStatus.valueOf(status.name())} translates.
 *
 * <p>Declared from best to worst, like {@link io.jenkins.plugins.gitops.engine.health.HealthStatus}: an
 * environment that could not be checked ({@link #ERROR}) needs a person more than one that differs from Git, and
 * one that differs from Git more than one nobody has looked at yet.
 */
public enum SyncStatus {
    /** Everything Git declares is live and unchanged. */
    SYNCED("Synced"),
    /** Never checked, or the last check could not tell. */
    UNKNOWN("Unknown"),
    /** A sync would change something. */
    OUT_OF_SYNC("OutOfSync"),
    /** Fetching, rendering or comparing failed. */
    ERROR("Error");

    private final String displayName;

    SyncStatus(String displayName) {
        this.displayName = displayName;
    }

    /** The name users see, as Argo CD spells it: {@code Synced}, {@code OutOfSync}, … */
    public String displayName() {
        return displayName;
    }

    /** Whether this status is worse than {@code other} in the order above (a status is never worse than itself). */
    public boolean isWorseThan(SyncStatus other) {
        return compareTo(other) > 0;
    }

    /**
     * The status a request parameter names, by constant ({@code OUT_OF_SYNC}) or display name ({@code OutOfSync}),
     * in any case; empty for anything else, so that a hand-edited URL cannot break a page.
     */
    public static Optional<SyncStatus> fromParameter(String parameter) {
        if (parameter == null) {
            return Optional.empty();
        }
        String wanted = parameter.trim();
        for (SyncStatus status : values()) {
            if (status.name().equalsIgnoreCase(wanted) || status.displayName.equalsIgnoreCase(wanted)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
