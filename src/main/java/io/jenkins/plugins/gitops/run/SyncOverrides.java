package io.jenkins.plugins.gitops.run;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Action;
import hudson.model.InvisibleAction;
import hudson.model.Queue;
import java.util.List;
import java.util.Objects;

/**
 * Settings one sync uses instead of the environment's, as {@code gitopsSync(revision: …, prune: …)} asks for
 * them. Attached to the queue item and copied by Jenkins onto the {@link SyncRun}, which hands them to the
 * engine (the engine's {@code SyncPolicy} decides what a prune override means).
 *
 * <p>A sync with overrides is never folded into a queued sync with other (or no) overrides: each request gets
 * the revision it asked for. Requests with equal overrides share one sync.
 */
public final class SyncOverrides extends InvisibleAction implements Queue.QueueAction {

    private final String revision;
    private final Boolean prune;
    /** The chart version and digest a former sync rendered, so that repeating it renders the same chart. */
    private final String chartVersion;
    private final String chartDigest;

    /**
     * @param revision the revision to sync instead of the configured one, or {@code null}
     * @param prune whether to prune instead of the configured setting, or {@code null}
     */
    public SyncOverrides(@CheckForNull String revision, @CheckForNull Boolean prune) {
        this(revision, prune, null, null);
    }

    /**
     * @param chartVersion the exact chart version to render instead of the configured range, or {@code null}
     * @param chartDigest the digest that version must still have, or {@code null}
     */
    public SyncOverrides(@CheckForNull String revision, @CheckForNull Boolean prune, @CheckForNull String chartVersion,
            @CheckForNull String chartDigest) {
        this.revision = revision == null || revision.isBlank() ? null : revision.trim();
        this.prune = prune;
        this.chartVersion = chartVersion == null || chartVersion.isBlank() ? null : chartVersion;
        this.chartDigest = this.chartVersion == null ? null : chartDigest;
    }

    @CheckForNull
    public String getChartVersion() {
        return chartVersion;
    }

    @CheckForNull
    public String getChartDigest() {
        return chartDigest;
    }

    @CheckForNull
    public String getRevision() {
        return revision;
    }

    @CheckForNull
    public Boolean getPrune() {
        return prune;
    }

    /** Whether this overrides nothing. */
    public boolean isEmpty() {
        return revision == null && prune == null && chartVersion == null;
    }

    /** A separate sync unless the other request carries the same overrides. */
    @Override
    public boolean shouldSchedule(List<Action> actions) {
        return actions.stream().noneMatch(this::equals);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SyncOverrides that && Objects.equals(revision, that.revision)
                && Objects.equals(prune, that.prune) && Objects.equals(chartVersion, that.chartVersion)
                && Objects.equals(chartDigest, that.chartDigest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(revision, prune, chartVersion, chartDigest);
    }

    @Override
    public String toString() {
        return "SyncOverrides[revision=" + revision + ", prune=" + prune
                + (chartVersion == null ? "" : ", chart " + chartVersion + " " + chartDigest) + "]";
    }
}
