package io.jenkins.plugins.gitops.engine.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import io.jenkins.plugins.gitops.engine.resource.Origin;
import io.jenkins.plugins.gitops.engine.source.CommitInfo;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.OutOfSync;
import io.jenkins.plugins.gitops.engine.sync.ChangeSetEntry;
import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Phase;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The record of one reconcile, as the plugin keeps it per build and the command line prints it with
 * {@code --output json}: a {@link ReportSummary} (what, where, how it ended, what it cost) followed by one
 * {@link ReportObject} per object. Written and read by {@link ReportJson}; the format is versioned
 * ({@value #FORMAT}), described by {@code sync-report-v1.schema.json} beside this class and documented in
 * {@code docs/report-format.md}.
 *
 * <p>A report holds no secret: the result it is built from was redacted by the reconciler, and the
 * context lost any credentials in its URLs. It is stable: built twice from the same reconcile it is the
 * same, object for object (no resource versions, no server timestamps in diffs), so reports of two runs
 * can be compared.
 *
 * @param format always {@value #FORMAT}; a reader checks it before anything else
 * @param summary everything but the objects
 * @param objects one entry per object, in apply order, objects Git no longer declares last
 */
@JsonPropertyOrder({"format", "summary", "objects"})
public record SyncReport(String format, ReportSummary summary, List<ReportObject> objects) {

    /** The format this class writes and reads. A new major version gets a new name and a new schema. */
    public static final String FORMAT = "gitops-sync/report/v1";

    /** At most this many characters of each diff: about 200 lines, the most {@code ObjectDrift.diffText} keeps. */
    public static final int DEFAULT_MAX_DIFF_CHARS = 20_000;

    /** A smaller bound would cut even a one-field diff. */
    public static final int MIN_MAX_DIFF_CHARS = 200;

    public SyncReport {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(summary, "summary");
        objects = List.copyOf(objects);
    }

    /** The objects that differ from Git once this reconcile is over, by the one rule of {@link OutOfSync}. */
    public List<ReportObject> outOfSync() {
        return objects.stream().filter(object -> OutOfSync.isOutOfSync(object.action(), summary.mode())).toList();
    }

    /** The objects whose health is Degraded or Missing (pruned objects are gone and have none). */
    public List<ReportObject> unhealthy() {
        return objects.stream().filter(object -> object.action() != Action.PRUNED && object.health() != null
                && (object.health().status() == HealthStatus.DEGRADED || object.health().status() == HealthStatus.MISSING))
                .toList();
    }

    /** The report of {@code result}, with each diff bounded by {@value #DEFAULT_MAX_DIFF_CHARS} characters. */
    public static SyncReport of(SyncResult result, ReportContext context) {
        return of(result, context, DEFAULT_MAX_DIFF_CHARS);
    }

    /**
     * The report of {@code result}.
     *
     * @param maxDiffChars at most this many characters of each object's diff; a longer diff is cut at a
     *     line break and ends with a line saying how much was left out
     * @throws IllegalArgumentException when {@code maxDiffChars} is below {@value #MIN_MAX_DIFF_CHARS}
     */
    public static SyncReport of(SyncResult result, ReportContext context, int maxDiffChars) {
        if (maxDiffChars < MIN_MAX_DIFF_CHARS) {
            throw new IllegalArgumentException("sync report: a diff limit of " + maxDiffChars + " characters is too small;"
                    + " use at least " + MIN_MAX_DIFF_CHARS);
        }
        List<ReportObject> objects = result.entries().stream().map(entry -> objectOf(entry, maxDiffChars)).toList();
        return new SyncReport(FORMAT, summaryOf(result, context, objects.size()), objects);
    }

    /**
     * This report with the summary of {@code result} (the same change set, with timings added after the report
     * was first built) and {@code context}: the objects, with their bounded diffs, are kept as they are.
     */
    public SyncReport withTimingsOf(SyncResult result, ReportContext context) {
        return new SyncReport(format, summaryOf(result, context, objects.size()), objects);
    }

    private static ReportSummary summaryOf(SyncResult result, ReportContext context, int objectCount) {
        Map<Phase, Long> timings = new EnumMap<>(Phase.class);
        result.timings().forEach((phase, duration) -> timings.put(phase, duration.toMillis()));
        var requests = result.requests();
        return new ReportSummary(context.environment(),
                new ReportSummary.Target(context.serverUrl(), context.namespace()),
                new ReportSummary.Source(context.source(), context.path(), context.chart()),
                revisionOf(context),
                policyOf(context.policy()),
                result.mode(), result.outcome(), result.worstHealth(), result.failure(),
                // Milliseconds are precise enough for people and keep the text short.
                context.start().truncatedTo(ChronoUnit.MILLIS), context.end().truncatedTo(ChronoUnit.MILLIS),
                Duration.between(context.start(), context.end()).toMillis(),
                timings,
                new ReportSummary.Requests(requests.reads(), requests.writes(), requests.dryRuns(), requests.total()),
                new ReportSummary.Totals(objectCount, result.totals(), result.health().counts()));
    }

    private static ReportSummary.Revision revisionOf(ReportContext context) {
        CommitInfo commit = context.commit();
        if (commit == null) {
            return context.revision() == null ? null : new ReportSummary.Revision(context.revision(), null);
        }
        return new ReportSummary.Revision(context.revision() == null ? commit.sha() : context.revision(),
                new ReportSummary.Commit(commit.sha(), commit.abbreviatedSha(), commit.authorName(),
                        commit.authorDate(), commit.subject(), commit.jenkinsBuild().orElse(null)));
    }

    private static ReportSummary.Policy policyOf(SyncPolicy policy) {
        return new ReportSummary.Policy(policy.prune(), policy.allowEmpty(), policy.forceConflicts(),
                policy.waitForHealth(), policy.healthTimeout().toSeconds(),
                policy.propagation() == null ? null : policy.propagation().toString(), policy.fieldManager());
    }

    private static ReportObject objectOf(ChangeSetEntry entry, int maxDiffChars) {
        ObjectRef ref = entry.ref();
        Origin origin = entry.origin();
        String apiVersion = entry.apiVersion() == null ? "" : entry.apiVersion();
        ReportObject.ObjectHealth health = entry.health() == null ? null
                : new ReportObject.ObjectHealth(entry.health().status(), entry.health().message());
        return new ReportObject(ref.group(), apiVersion.substring(apiVersion.indexOf('/') + 1), ref.kind(),
                ref.namespace(), ref.name(),
                origin == null ? null : origin.file(), origin == null || !origin.hasLine() ? null : origin.line(),
                entry.action(), health, entry.message(), entry.changedPaths(),
                DiffTruncation.cut(entry.diff(), maxDiffChars));
    }
}
