package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Health of an {@code apps/DaemonSet}, following {@code kubectl rollout status} and gitops-engine's
 * {@code health_daemonset.go}: PROGRESSING until a new pod is scheduled and available on every node
 * that should run one. With {@code updateStrategy OnDelete} the controller replaces nothing by itself,
 * so there is no rollout to wait for.
 */
final class DaemonSetHealth implements HealthCheck {

    @Override
    public Health check(ObjectNode daemonSet) {
        JsonNode status = daemonSet.path("status");
        if (ObservedGeneration.isStale(daemonSet)) {
            return ObservedGeneration.waitingFor(daemonSet, "the DaemonSet controller");
        }
        long desired = JsonFields.number(status.path("desiredNumberScheduled"));
        long updated = JsonFields.number(status.path("updatedNumberScheduled"));
        long available = JsonFields.number(status.path("numberAvailable"));
        if ("OnDelete".equals(JsonFields.text(daemonSet.path("spec").path("updateStrategy").path("type")))) {
            if (updated < desired) {
                return Health.healthy(updated + " of " + desired + " pods run the latest template; "
                        + "with updateStrategy OnDelete, delete the others to update them");
            }
            return Health.healthy(available + " of " + desired + " pods are available");
        }
        if (updated < desired) {
            return Health.progressing("Waiting for rollout to finish: " + updated + " of " + desired
                    + " new pods have been updated");
        }
        if (available < desired) {
            return Health.progressing("Waiting for rollout to finish: " + available + " of " + desired
                    + " updated pods are available");
        }
        return Health.healthy("Rolled out: " + available + " of " + desired + " pods are available");
    }
}
