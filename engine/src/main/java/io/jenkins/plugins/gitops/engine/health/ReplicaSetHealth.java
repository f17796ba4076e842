package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Health of an {@code apps/ReplicaSet}, as gitops-engine's {@code health_replicaset.go}: DEGRADED when
 * the controller reports {@code ReplicaFailure} (it cannot create pods, typically a quota or admission
 * webhook refusing them), PROGRESSING until every replica is available.
 */
final class ReplicaSetHealth implements HealthCheck {

    @Override
    public Health check(ObjectNode replicaSet) {
        if (ObservedGeneration.isStale(replicaSet)) {
            return ObservedGeneration.waitingFor(replicaSet, "the ReplicaSet controller");
        }
        Optional<Condition> failure = Condition.find(replicaSet, "ReplicaFailure").filter(Condition::isTrue);
        if (failure.isPresent()) {
            return Health.degraded("Cannot create pods: " + failure.get().describe());
        }
        long desired = JsonFields.number(replicaSet.path("spec").path("replicas"), 1);
        long available = JsonFields.number(replicaSet.path("status").path("availableReplicas"));
        if (available < desired) {
            return Health.progressing("Waiting for replicas to become available: " + available + " of " + desired
                    + " are available");
        }
        return Health.healthy(JsonFields.count(available, "replica is", "replicas are") + " available");
    }
}
