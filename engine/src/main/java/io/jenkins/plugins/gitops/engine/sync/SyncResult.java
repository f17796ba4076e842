package io.jenkins.plugins.gitops.engine.sync;

import io.jenkins.plugins.gitops.engine.cluster.RequestCounter.RequestCount;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.health.HealthSummary;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one reconcile: the change set, the verdict, where it stopped if it failed, and what it
 * cost (time per phase, requests counted on the wire).
 *
 * @param mode whether this was a preview (diff), a dry run or a real sync
 * @param entries one entry per object, in apply order, extra objects last
 * @param outcome the verdict
 * @param failure what went wrong and where, when {@code outcome} is {@link Outcome#FAILED}; otherwise empty
 * @param timings wall-clock time per phase
 * @param requests API requests sent during this reconcile
 */
public record SyncResult(Mode mode, List<ChangeSetEntry> entries, Outcome outcome, String failure,
        Map<Phase, Duration> timings, RequestCount requests) {

    public SyncResult {
        entries = List.copyOf(entries);
        failure = Objects.requireNonNullElse(failure, "");
        timings = Map.copyOf(timings);
    }

    /** How many objects got each action. */
    public Map<Action, Integer> totals() {
        Map<Action, Integer> totals = new EnumMap<>(Action.class);
        for (ChangeSetEntry entry : entries) {
            totals.merge(entry.action(), 1, Integer::sum);
        }
        return totals;
    }

    public int count(Action action) {
        return totals().getOrDefault(action, 0);
    }

    /** The objects that differ from Git once this reconcile is over ({@link OutOfSync}). */
    public List<ChangeSetEntry> outOfSync() {
        return entries.stream().filter(e -> OutOfSync.isOutOfSync(e.action(), mode)).toList();
    }

    /** A copy with {@code phases} added to the timings (the phases before and after the cluster: fetch, render, report). */
    public SyncResult withTimings(Map<Phase, Duration> phases) {
        Map<Phase, Duration> all = new EnumMap<>(Phase.class);
        all.putAll(timings);
        phases.forEach((phase, duration) -> all.merge(phase, duration, Duration::plus));
        return new SyncResult(mode, entries, outcome, failure, all, requests);
    }

    public HealthSummary health() {
        return HealthSummary.of(entries.stream().filter(e -> e.health() != null && e.action() != Action.PRUNED)
                .map(ChangeSetEntry::health).toList());
    }

    public Duration totalTime() {
        return timings.values().stream().reduce(Duration.ZERO, Duration::plus);
    }

    /** What kind of reconcile produced this result. */
    public enum Mode {
        /** Compare only: nothing was sent to the cluster but reads. */
        PREVIEW,
        /** Every write was a server-side dry run. */
        DRY_RUN,
        /** A real sync. */
        SYNC
    }

    /** The verdict, from best to worst. */
    public enum Outcome {
        /** Everything Git declares is live and unchanged; nothing to do. */
        IN_SYNC,
        /** Changes were applied (or, on a preview, would be) and everything is healthy. */
        SYNCED,
        /** A preview found drift: a sync would change something. */
        OUT_OF_SYNC,
        /** Synced, but not every object became healthy in time (or, without waiting, one is Degraded). */
        UNHEALTHY,
        /** Some objects were left alone because another field manager owns declared fields. */
        CONFLICTS,
        /** The sync stopped on an error; the entries say exactly which objects were applied. */
        FAILED,
        /** The sync was aborted between two objects; the entries say which were applied. */
        ABORTED;

        public boolean isSuccess() {
            return this == IN_SYNC || this == SYNCED;
        }
    }

    /** The phases of a reconcile, in order. */
    public enum Phase {
        /** Fetch Git (or read the folder) and resolve the revision. */
        SOURCE("fetch"),
        /** Render the manifests (plain YAML, Kustomize, Helm). */
        RENDER("render"),
        /** Map each kind to the resource the API server serves for it (API discovery). */
        RESOLVE("discover kinds"),
        /** Read the inventory and list the environment's objects, one LIST per kind. */
        LIVE_STATE("read live state"),
        /** Compare Git with the live objects; plan the prune. */
        DIFF("compare"),
        /** Run the PreSync, PostSync and SyncFail hooks (Sync hooks run within {@link #APPLY}). */
        HOOKS("run hooks"),
        APPLY("apply"),
        PRUNE("prune"),
        HEALTH("assess health"),
        /** Build the report. */
        REPORT("report");

        private final String displayName;

        Phase(String displayName) {
            this.displayName = displayName;
        }

        /** How messages name the step: {@code read live state}. */
        public String displayName() {
            return displayName;
        }
    }

    /** Worst health of the objects, or HEALTHY for an empty environment. */
    public HealthStatus worstHealth() {
        return health().total() == 0 ? HealthStatus.HEALTHY : health().worst();
    }
}
