package io.jenkins.plugins.gitops.engine.sync;

import io.jenkins.plugins.gitops.engine.apply.ResolvedObject;
import io.jenkins.plugins.gitops.engine.apply.Waiter;
import io.jenkins.plugins.gitops.engine.cluster.ClusterException;
import io.jenkins.plugins.gitops.engine.health.HealthAssessor;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The health phase of a reconcile: assesses each object from the newest version the sync saw of it and, when
 * the policy asks, waits until every declared object is healthy. It exists so that the apply phase's waits and
 * the final one agree on which health is the freshest.
 */
final class HealthPhase {

    private final ReconcileState state;
    private final HealthAssessor healthAssessor;
    private final Waiter waiter;

    HealthPhase(ReconcileState state, HealthAssessor healthAssessor, Waiter waiter) {
        this.state = state;
        this.healthAssessor = healthAssessor;
        this.waiter = waiter;
    }

    /** Assesses health, then waits for it when the policy says so and this is a sync. */
    void run() {
        run(false);
    }

    /**
     * Assesses health, then waits for it when the policy says so and this is a sync, or when {@code mustWait}
     * (PostSync hooks run only once every object is healthy).
     */
    void run(boolean mustWait) {
        assessHealth();
        if ((state.policy().waitForHealth() || mustWait) && state.isSync()) {
            waitForAll();
        }
    }

    /** Every object's health from its newest version, unless it was pruned or a wait already saw it. */
    private void assessHealth() {
        for (Map.Entry<ObjectRef, ChangeSetEntry> entry : state.entries().entrySet()) {
            if (entry.getValue().action() == Action.PRUNED || state.wasWaited(entry.getKey())) {
                continue;
            }
            Optional.ofNullable(state.latest().get(entry.getKey()))
                    .ifPresent(object -> entry.setValue(entry.getValue().withHealth(healthAssessor.assess(object))));
        }
    }

    /** The final wait: every declared object healthy, or the result says which are not and why. */
    private void waitForAll() {
        Map<ObjectRef, ChangeSetEntry> entries = state.entries();
        List<ResolvedObject> notHealthy = state.ready().stream()
                .filter(o -> entries.get(o.ref()) != null && entries.get(o.ref()).health() != null
                        && !Waiter.isDone(entries.get(o.ref()).health()))
                .toList();
        if (notHealthy.isEmpty()) {
            return;
        }
        state.listener().event("Waiting for " + notHealthy.size() + " objects to become healthy (timeout "
                + state.policy().healthTimeout() + ")");
        try {
            state.recordHealth(waiter.waitForHealth(notHealthy, state.policy().healthTimeout(),
                    state.listener()::event));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state.abort("aborted while waiting for health");
        } catch (ClusterException e) {
            state.listener().event("Warning: health could not be read: " + e.getMessage());
        }
    }
}
