package io.jenkins.plugins.gitops.engine.view;

import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.report.UrlCredentials;
import java.time.Instant;
import java.util.Objects;

/**
 * One environment on the dashboard, as the plugin summarizes it from the environment and its status. Plain text
 * throughout: every string may come from a user or from Git, and the page escapes it.
 *
 * @param fullName the environment's unique name ({@code shop/web-prod}); sorts ties and identifies the row
 * @param displayName the name users see; the full name when blank
 * @param url the environment's page, as the plugin links it; empty when none
 * @param server the cluster's API server URL, shown without user information whatever was passed
 * @param namespace the environment's default namespace; empty when none
 * @param syncStatus whether the cluster matches Git; {@link SyncStatus#UNKNOWN} when {@code null}
 * @param health the worst health of the environment's objects; {@link HealthStatus#UNKNOWN} when {@code null}
 *     (never checked, or the last check failed), so it sorts, filters and counts as Unknown
 * @param revision the abbreviated commit last checked or synced; empty when none
 * @param lastSync when the environment was last synced; {@code null} when never
 * @param lastCheck when it was last checked; {@code null} when never
 * @param driftedObjects how many objects differed from Git at the last check
 * @param paused whether periodic checks and automated syncs are paused
 * @param lastError what the last check or sync failed on; empty when it did not fail
 */
public record DashboardRow(String fullName, String displayName, String url, String server, String namespace,
        SyncStatus syncStatus, HealthStatus health, String revision, Instant lastSync, Instant lastCheck,
        int driftedObjects, boolean paused, String lastError) {

    public DashboardRow {
        Objects.requireNonNull(fullName, "fullName");
        if (fullName.isBlank()) {
            throw new IllegalArgumentException("dashboard row: the environment's full name is blank");
        }
        displayName = displayName == null || displayName.isBlank() ? fullName : displayName;
        url = url == null ? "" : url;
        server = server == null ? "" : UrlCredentials.strip(server);
        namespace = namespace == null ? "" : namespace;
        syncStatus = syncStatus == null ? SyncStatus.UNKNOWN : syncStatus;
        health = health == null ? HealthStatus.UNKNOWN : health;
        revision = revision == null ? "" : revision;
        if (driftedObjects < 0) {
            throw new IllegalArgumentException("dashboard row " + fullName + ": drifted objects cannot be negative, was "
                    + driftedObjects);
        }
        lastError = lastError == null ? "" : lastError;
    }

    /** Whether the environment failed: its status is {@link SyncStatus#ERROR} or it has a last error. */
    public boolean hasError() {
        return syncStatus == SyncStatus.ERROR || !lastError.isBlank();
    }
}
