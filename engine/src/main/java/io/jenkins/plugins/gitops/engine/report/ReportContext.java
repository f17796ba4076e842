package io.jenkins.plugins.gitops.engine.report;

import io.jenkins.plugins.gitops.engine.source.CommitInfo;
import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link io.jenkins.plugins.gitops.engine.sync.SyncResult} does not know about its reconcile, and
 * a report states: which environment, where from, where to, under which policy, and when.
 *
 * <p>URLs lose any user information here ({@code https://ann:token@host/x.git} becomes
 * {@code https://host/x.git}), so whatever a caller passes, no credential reaches a report or a page
 * built from this context.
 *
 * @param environment the environment's identity (the {@code Target}'s environment id)
 * @param serverUrl the API server's URL
 * @param namespace the environment's default namespace
 * @param source the repository URL, or the local folder the manifests were read from
 * @param path the folder inside the source that was rendered; empty for its root
 * @param revision the revision asked for (a branch, tag or commit id); {@code null} for a local folder
 * @param commit the commit that revision resolved to; {@code null} for a local folder
 * @param policy the policy the reconcile ran with
 * @param start when the reconcile (including fetching and rendering) started
 * @param end when it ended
 * @param chart the chart from a Helm repository or OCI registry that was rendered; {@code null} for none
 */
public record ReportContext(String environment, String serverUrl, String namespace, String source, String path,
        String revision, CommitInfo commit, SyncPolicy policy, Instant start, Instant end, ReportSummary.Chart chart) {

    /** The context of manifests from the repository alone. */
    public ReportContext(String environment, String serverUrl, String namespace, String source, String path,
            String revision, CommitInfo commit, SyncPolicy policy, Instant start, Instant end) {
        this(environment, serverUrl, namespace, source, path, revision, commit, policy, start, end, null);
    }

    public ReportContext {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("report context: end " + end + " is before start " + start
                    + "; pass the instant the reconcile ended");
        }
        serverUrl = UrlCredentials.strip(serverUrl);
        source = UrlCredentials.strip(source);
        path = path == null ? "" : path;
        revision = revision == null || revision.isBlank() ? null : revision;
        if (chart != null) {
            chart = new ReportSummary.Chart(UrlCredentials.strip(chart.repository()), chart.name(),
                    chart.requestedVersion(), chart.version(), chart.digest());
        }
    }
}
