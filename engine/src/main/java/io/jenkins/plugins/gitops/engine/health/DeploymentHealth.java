package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Health of an {@code apps/Deployment}, following {@code kubectl rollout status} and gitops-engine's
 * {@code health_deployment.go}: paused is SUSPENDED; an exceeded progress deadline is DEGRADED; a
 * rollout is PROGRESSING until every replica is updated, old ones are gone and the new ones are
 * available.
 */
final class DeploymentHealth implements HealthCheck {

    /** The reason the deployment controller puts on the Progressing condition when the deadline passes. */
    private static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

    @Override
    public Health check(ObjectNode deployment) {
        JsonNode spec = deployment.path("spec");
        JsonNode status = deployment.path("status");
        if (JsonFields.isTrue(spec.path("paused"))) {
            return Health.suspended("Deployment is paused; resume it (kubectl rollout resume) to continue the rollout");
        }
        if (ObservedGeneration.isStale(deployment)) {
            return ObservedGeneration.waitingFor(deployment, "the deployment controller");
        }
        Optional<Condition> progressing = Condition.find(deployment, "Progressing")
                .filter(condition -> PROGRESS_DEADLINE_EXCEEDED.equals(condition.reason()));
        if (progressing.isPresent()) {
            long deadline = JsonFields.number(spec.path("progressDeadlineSeconds"), 600);
            return Health.degraded("Rollout did not finish within its progress deadline of " + deadline + "s: "
                    + progressing.get().message() + "; check the events and logs of the new pods");
        }
        // spec.replicas is defaulted to 1 by the API server; status counts are omitted when 0.
        long desired = JsonFields.number(spec.path("replicas"), 1);
        long replicas = JsonFields.number(status.path("replicas"));
        long updated = JsonFields.number(status.path("updatedReplicas"));
        long available = JsonFields.number(status.path("availableReplicas"));
        if (updated < desired) {
            return Health.progressing("Waiting for rollout to finish: " + updated + " of " + desired
                    + " new replicas have been updated");
        }
        if (replicas > updated) {
            return Health.progressing("Waiting for rollout to finish: "
                    + JsonFields.count(replicas - updated, "old replica is", "old replicas are")
                    + " pending termination");
        }
        if (available < updated) {
            return Health.progressing("Waiting for rollout to finish: " + available + " of " + updated
                    + " updated replicas are available");
        }
        return Health.healthy("Rolled out: " + JsonFields.count(available, "replica is", "replicas are")
                + " available");
    }
}
