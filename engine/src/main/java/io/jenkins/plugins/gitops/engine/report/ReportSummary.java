package io.jenkins.plugins.gitops.engine.report;

import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Phase;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a {@link SyncReport} says except its per-object list: what was reconciled, how it ended and
 * what it cost. Written before the objects, so that a page listing many builds reads only this part
 * ({@link ReportJson#readSummary}). Field by field in {@code docs/report-format.md}.
 *
 * @param environment the environment's identity
 * @param target where the objects went
 * @param source where the manifests came from
 * @param revision the revision and commit; {@code null} for a local folder
 * @param policy the policy the reconcile ran with
 * @param mode preview, dry run or sync
 * @param outcome the verdict
 * @param health the worst health of the declared objects ({@code HEALTHY} for none)
 * @param failure what went wrong and where when the outcome is {@code FAILED} or {@code ABORTED}; else empty
 * @param startTime when the reconcile (fetch and render included) started
 * @param endTime when it ended
 * @param durationMs {@code endTime - startTime} in milliseconds
 * @param phaseTimingsMs milliseconds spent in each phase of the reconcile that ran, in phase order
 * @param requests API requests sent by the reconcile
 * @param totals how many objects got each action and each health status
 */
public record ReportSummary(String environment, Target target, Source source, Revision revision, Policy policy,
        Mode mode, Outcome outcome, HealthStatus health, String failure, Instant startTime, Instant endTime,
        long durationMs, Map<Phase, Long> phaseTimingsMs, Requests requests, Totals totals) {

    public ReportSummary {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(health, "health");
        failure = failure == null ? "" : failure;
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
        phaseTimingsMs = inOrder(Phase.class, phaseTimingsMs);
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(totals, "totals");
    }

    /**
     * Where the objects went.
     *
     * @param server the API server's URL, without user information
     * @param namespace the environment's default namespace
     */
    public record Target(String server, String namespace) {
    }

    /**
     * Where the manifests came from.
     *
     * @param repository the repository URL without user information, or the local folder
     * @param path the folder inside it that was rendered; empty for its root
     * @param chart the chart from a Helm repository or OCI registry that was rendered, with the values files of
     *     the repository; {@code null} when the manifests came from the repository alone (then left out of JSON)
     */
    public record Source(String repository, String path,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            Chart chart) {

        @com.fasterxml.jackson.annotation.JsonCreator
        public Source {
        }

        /** Manifests from the repository alone. */
        public Source(String repository, String path) {
            this(repository, path, null);
        }
    }

    /**
     * A chart from a Helm repository or OCI registry, as resolved: what a later sync pins to render the same chart.
     *
     * @param repository the repository or registry URL ({@code https://...} or {@code oci://...}), without user
     *     information
     * @param name the chart's name
     * @param requestedVersion the version or range asked for; empty for the latest stable version
     * @param version the version it resolved to
     * @param digest the chart archive's digest, {@code sha256:<hex>}
     */
    public record Chart(String repository, String name, String requestedVersion, String version, String digest) {
    }

    /**
     * The revision that was reconciled.
     *
     * @param requested what was asked for: a branch, a tag or a commit id
     * @param commit what it resolved to; {@code null} when unknown
     */
    public record Revision(String requested, Commit commit) {
    }

    /**
     * A commit, as a build page shows it.
     *
     * @param sha the full commit id
     * @param abbreviatedSha the short form, at least 7 digits
     * @param authorName the author's name (the e-mail address is left out on purpose: reports are shared)
     * @param authorDate when the change was authored
     * @param subject the first line of the message
     * @param jenkinsBuild the build that made the commit, from its {@code Jenkins-Build:} trailer; {@code null} if none
     */
    public record Commit(String sha, String abbreviatedSha, String authorName, Instant authorDate, String subject,
            String jenkinsBuild) {
    }

    /**
     * The policy of the reconcile; see {@code SyncPolicy} for each option.
     *
     * @param healthTimeoutSeconds how long a sync waits for health, in seconds
     * @param propagation how dependents of pruned objects are deleted ({@code Background}, {@code Foreground}, {@code Orphan})
     */
    public record Policy(boolean prune, boolean allowEmpty, boolean forceConflicts, boolean waitForHealth,
            long healthTimeoutSeconds, String propagation, String fieldManager) {
    }

    /**
     * API requests, counted on the wire.
     *
     * @param reads GET requests, LIST and discovery included
     * @param writes requests that changed the cluster
     * @param dryRuns server-side dry runs
     * @param total the sum of the three
     */
    public record Requests(long reads, long writes, long dryRuns, long total) {
    }

    /**
     * Counts over the objects of the report.
     *
     * @param objects how many objects the report lists
     * @param actions how many got each action; every action is listed, 0 included
     * @param health how many declared objects have each health status (pruned objects and objects whose
     *     health was not assessed are not counted); every status is listed, 0 included
     */
    public record Totals(int objects, Map<Action, Integer> actions, Map<HealthStatus, Integer> health) {

        public Totals {
            actions = withZeros(Action.class, actions);
            health = withZeros(HealthStatus.class, health);
        }
    }

    /** An unmodifiable copy in the enum's order, so that a report is written the same way each time. */
    static <K extends Enum<K>, V> Map<K, V> inOrder(Class<K> type, Map<K, V> map) {
        EnumMap<K, V> ordered = new EnumMap<>(type);
        if (map != null) {
            ordered.putAll(map);
        }
        return Collections.unmodifiableMap(ordered);
    }

    private static <K extends Enum<K>> Map<K, Integer> withZeros(Class<K> type, Map<K, Integer> counts) {
        EnumMap<K, Integer> all = new EnumMap<>(type);
        for (K key : type.getEnumConstants()) {
            Integer count = counts == null ? null : counts.get(key);
            all.put(key, count == null ? Integer.valueOf(0) : count);
        }
        return Collections.unmodifiableMap(all);
    }
}
