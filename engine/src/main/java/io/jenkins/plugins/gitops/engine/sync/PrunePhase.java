package io.jenkins.plugins.gitops.engine.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.apply.ApplyException;
import io.jenkins.plugins.gitops.engine.apply.PrunePlan;
import io.jenkins.plugins.gitops.engine.apply.Pruner;
import io.jenkins.plugins.gitops.engine.apply.Waiter;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.ClusterException;
import io.jenkins.plugins.gitops.engine.cluster.Inventory;
import io.jenkins.plugins.gitops.engine.health.HealthAssessor;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The prune phase of a reconcile: deletes the extra objects its {@link PrunePlan} allows, reports those it
 * keeps and why, and then records in the inventory which kinds the environment now has objects of, so the
 * next reconcile lists them. It exists so that what is deleted and what the next prune will look at are
 * decided together.
 */
final class PrunePhase {

    private final ReconcileState state;
    private final ClusterConnection connection;
    private final HealthAssessor healthAssessor;

    PrunePhase(ReconcileState state, ClusterConnection connection, HealthAssessor healthAssessor) {
        this.state = state;
        this.connection = connection;
        this.healthAssessor = healthAssessor;
    }

    /** Reports what a sync would prune and what it would keep, deleting nothing. */
    void preview(PrunePlan plan) {
        for (PrunePlan.Candidate candidate : plan.candidates()) {
            addExtra(candidate, candidate.delete() ? Action.PRUNED : Action.SKIPPED, candidate.reason());
        }
    }

    /**
     * Prunes what the plan allows unless the sync already stopped, stopping at the first failed deletion, and
     * on a sync updates the inventory.
     *
     * @param stopped whether the sync stopped before pruning: then nothing is deleted
     * @param recordedKinds the inventory's entries as this reconcile read them
     * @return whether the sync stopped, before or during pruning
     */
    boolean pruneAll(PrunePlan plan, boolean stopped, Inventory inventory, Set<String> recordedKinds, Waiter waiter) {
        boolean stop = stopped;
        boolean healthChecked = false;
        for (PrunePlan.Candidate candidate : plan.candidates()) {
            if (!stop && candidate.delete() && candidate.pruneLast() && !healthChecked) {
                healthChecked = true;
                String unhealthy = waitBeforePruningLast(waiter);
                if (!unhealthy.isEmpty()) {
                    // the health phase already ran: stopping here keeps the reconciler from waiting a second time
                    stop = true;
                    addExtra(candidate, Action.SKIPPED, "not pruned: annotated to be pruned last, once every object"
                            + " is healthy, and " + unhealthy + " is not");
                    continue;
                }
            }
            if (stop) {
                addExtra(candidate, Action.SKIPPED, candidate.pruneLast() && healthChecked
                        ? "not pruned: annotated to be pruned last, once every object is healthy, and not all are"
                        : "not pruned: the sync stopped before pruning");
            } else if (!candidate.delete()) {
                addExtra(candidate, Action.SKIPPED, candidate.reason());
            } else {
                stop = prune(candidate);
            }
        }
        if (state.isSync()) {
            recordInventory(inventory, recordedKinds, plan, stop);
        }
        return stop;
    }

    /**
     * Before the first object annotated to be pruned last (Argo CD's {@code PruneLast=true}, which Argo CD prunes in a
     * wave after the last): on a sync that waits for health, waits until every applied object is healthy, as Argo CD
     * waits before each wave.
     *
     * @return the objects that did not become healthy, or empty when all did or the sync does not wait
     */
    private String waitBeforePruningLast(Waiter waiter) {
        if (!state.isSync() || !state.policy().waitForHealth()) {
            return "";
        }
        new HealthPhase(state, healthAssessor, waiter).run();
        // the declared objects only: an extra object kept by its annotations need not be healthy
        return state.ready().stream().map(object -> state.entries().get(object.ref()))
                .filter(entry -> entry != null && entry.health() != null && !Waiter.isDone(entry.health()))
                .map(entry -> entry.ref() + " (" + entry.health() + ")")
                .collect(Collectors.joining(", "));
    }

    /** Deletes one extra object; returns whether that failed, which stops the sync. */
    private boolean prune(PrunePlan.Candidate candidate) {
        try {
            new Pruner(connection, state.policy().propagation(), state.mode() == Mode.DRY_RUN).delete(candidate);
            addExtra(candidate, Action.PRUNED, "");
            state.listener().event(state.entries().get(candidate.ref()).toString());
            return false;
        } catch (ApplyException e) {
            addExtra(candidate, Action.FAILED, e.getMessage());
            state.fail(e.getMessage());
            return true;
        }
    }

    /** The entry of an object Git no longer declares; its health as found, unless it was pruned. */
    private void addExtra(PrunePlan.Candidate candidate, Action action, String message) {
        if (candidate.ignoredForSyncStatus() && action != Action.FAILED && OutOfSync.isOutOfSync(action, state.mode())) {
            // Argo CD's IgnoreExtraneous: kept or about to be pruned, it does not make the environment out of sync
            message = (action == Action.PRUNED ? "a sync prunes it: no longer in Git" : message)
                    + "; not counted as out of sync (annotated " + candidate.ignoreExtraneousSource() + ")";
            action = Action.UNCHANGED;
        }
        state.entries().put(candidate.ref(), new ChangeSetEntry(candidate.ref(),
                candidate.live().path("apiVersion").asText(), null, action, List.of(), "",
                action == Action.PRUNED ? null : healthAssessor.assess(candidate.live()), message));
    }

    /**
     * Records the kinds this environment now has objects of. After a complete sync that is what it applied
     * plus what it kept; after a sync that stopped, or could not list some kinds, kinds are only ever
     * added: dropping one would hide its objects from every later prune.
     */
    private void recordInventory(Inventory inventory, Set<String> recorded, PrunePlan plan, boolean stopped) {
        Set<String> kinds = new TreeSet<>();
        if (stopped || !state.unlisted().isEmpty()) {
            kinds.addAll(recorded);
        }
        for (Map.Entry<ObjectRef, ObjectNode> stored : state.latest().entrySet()) {
            ChangeSetEntry entry = state.entries().get(stored.getKey());
            if (entry != null && entry.action() != Action.PRUNED) {
                kinds.add(entryOf(stored.getKey(), stored.getValue()));
            }
        }
        for (PrunePlan.Candidate candidate : plan.candidates()) {
            if (!candidate.delete() || stopped) {
                kinds.add(entryOf(candidate.ref(), candidate.live()));
            }
        }
        if (!kinds.equals(recorded)) {
            try {
                inventory.write(kinds, state.policy().fieldManager());
            } catch (ClusterException e) {
                state.listener().event("Warning: " + e.getMessage());
            }
        }
    }

    private static String entryOf(ObjectRef ref, ObjectNode object) {
        return object.path("apiVersion").asText() + " " + ref.kind() + " " + (ref.namespace() == null ? "-" : ref.namespace());
    }
}
