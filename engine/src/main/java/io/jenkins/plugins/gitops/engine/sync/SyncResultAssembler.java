package io.jenkins.plugins.gitops.engine.sync;

import io.jenkins.plugins.gitops.engine.apply.ApplyOrder;
import io.jenkins.plugins.gitops.engine.apply.ResolvedObject;
import io.jenkins.plugins.gitops.engine.cluster.ResourceType;
import io.jenkins.plugins.gitops.engine.diff.Redactor;
import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.health.HealthSummary;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Phase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns the state of a finished (or stopped) reconcile into its {@link SyncResult}: entries in apply order
 * with every secret value redacted, the failure with the unlisted kinds added, and the verdict. It exists
 * so that every way a reconcile ends yields a result by the same rules.
 */
final class SyncResultAssembler {

    private final ReconcileState state;

    SyncResultAssembler(ReconcileState state) {
        this.state = state;
    }

    /** The result of a reconcile that stopped at {@code phase}, before anything was applied or pruned. */
    SyncResult stop(Phase phase, String message) {
        state.endPhase(phase);
        state.fail("stopped at step \"" + phase.displayName() + "\", before anything was applied or pruned: " + message);
        for (KubeObject object : state.resources()) {
            state.entries().putIfAbsent(object.ref(), new ChangeSetEntry(object.ref(), object.apiVersion(),
                    object.origin(), Action.SKIPPED, List.of(), "", null,
                    "not applied: the sync stopped before applying anything"));
        }
        return finish(phase);
    }

    /**
     * The result as the state stands.
     *
     * @param failedPhase the phase the reconcile stopped at, or {@code null}
     */
    SyncResult finish(Phase failedPhase) {
        Map<ResourceType, String> unlisted = state.unlisted();
        if (!unlisted.isEmpty()) {
            String note = unlisted.keySet().stream().map(ResourceType::toString).sorted()
                    .collect(Collectors.joining(", "))
                    + " could not be listed (forbidden): objects of " + (unlisted.size() == 1 ? "this kind" : "these kinds")
                    + " were not pruned, and those Git declares were not applied; grant the credentials list, get and"
                    + " patch on them (see the warnings for the API server's answer)";
            state.fail(state.failure().isEmpty() ? note : state.failure() + "; also, " + note);
        }
        List<ChangeSetEntry> list = inApplyOrder().stream().map(this::redacted).toList();
        Outcome outcome = outcomeOf(list, failedPhase);
        return new SyncResult(state.mode(), list, outcome, state.redactor().redact(state.failure()), state.timings(),
                state.requestsSinceStart());
    }

    /**
     * Entries in the order objects were (or would be) applied: PreSync hooks, the objects, then the other hooks and
     * the extra objects, in prune order.
     */
    private List<ChangeSetEntry> inApplyOrder() {
        LinkedHashMap<ObjectRef, ChangeSetEntry> entries = state.entries();
        LinkedHashMap<ObjectRef, ChangeSetEntry> ordered = new LinkedHashMap<>();
        // PreSync hooks ran (or run) before everything else: they come first
        state.preSyncHooks().forEach(ref -> Optional.ofNullable(entries.get(ref)).ifPresent(e -> ordered.put(ref, e)));
        try {
            for (ApplyOrder.Step step : ApplyOrder.plan(state.ready())) {
                for (ResolvedObject object : step.objects()) {
                    Optional.ofNullable(entries.get(object.ref())).ifPresent(e -> ordered.put(object.ref(), e));
                }
            }
        } catch (IllegalArgumentException e) {
            return new ArrayList<>(entries.values()); // an unreadable wave: the failure says so; keep Git's order
        }
        entries.forEach(ordered::putIfAbsent);
        return new ArrayList<>(ordered.values());
    }

    private ChangeSetEntry redacted(ChangeSetEntry entry) {
        Redactor redactor = state.redactor();
        Health health = entry.health() == null ? null
                : new Health(entry.health().status(), redactor.redact(entry.health().message()));
        return new ChangeSetEntry(entry.ref(), entry.apiVersion(), entry.origin(), entry.action(),
                entry.changedPaths().stream().map(redactor::redact).toList(), redactor.redact(entry.diff()),
                health, redactor.redact(entry.message()));
    }

    private Outcome outcomeOf(List<ChangeSetEntry> list, Phase failedPhase) {
        if (state.wasAborted()) {
            return Outcome.ABORTED;
        }
        if (failedPhase != null || !state.failure().isEmpty()
                || list.stream().anyMatch(e -> e.action() == Action.FAILED)) {
            return Outcome.FAILED;
        }
        if (list.stream().anyMatch(e -> e.action() == Action.CONFLICT)) {
            return Outcome.CONFLICTS;
        }
        Mode mode = state.mode();
        if (mode == Mode.PREVIEW) {
            // the cluster differs from Git when any object does, extra objects included
            return list.stream().anyMatch(e -> OutOfSync.isOutOfSync(e.action(), mode)) ? Outcome.OUT_OF_SYNC : Outcome.IN_SYNC;
        }
        boolean writes = list.stream().anyMatch(e -> e.action().isWrite());
        if (mode == Mode.DRY_RUN) {
            // a rehearsal of the sync: it comes to what the sync would (the badge still says the cluster differs)
            return writes ? Outcome.SYNCED : Outcome.IN_SYNC;
        }
        HealthSummary health = HealthSummary.of(list.stream().filter(e -> e.health() != null && e.action() != Action.PRUNED)
                .map(ChangeSetEntry::health).toList());
        boolean degraded = health.total() > 0 && health.worst() == HealthStatus.DEGRADED;
        if (state.policy().waitForHealth() && !health.isHealthy() || degraded) {
            return Outcome.UNHEALTHY;
        }
        return writes ? Outcome.SYNCED : Outcome.IN_SYNC;
    }
}
