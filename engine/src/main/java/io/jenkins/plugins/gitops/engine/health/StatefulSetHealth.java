package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Health of an {@code apps/StatefulSet}, following {@code kubectl rollout status} and gitops-engine's
 * {@code health_statefulset.go}.
 *
 * <ul>
 *   <li>Every replica must be ready first.</li>
 *   <li>{@code OnDelete}: the controller never replaces pods by itself, so there is no rollout to wait
 *       for; HEALTHY, with a note when pods still run the old revision.</li>
 *   <li>{@code RollingUpdate} with a {@code partition}: only pods with an ordinal at or above the
 *       partition are updated, so the rollout is done once {@code replicas - partition} pods are.</li>
 *   <li>{@code RollingUpdate} without {@code rollingUpdate} settings (older API servers): done once
 *       {@code currentRevision} caught up with {@code updateRevision}.</li>
 * </ul>
 */
final class StatefulSetHealth implements HealthCheck {

    @Override
    public Health check(ObjectNode statefulSet) {
        JsonNode spec = statefulSet.path("spec");
        JsonNode status = statefulSet.path("status");
        // Unlike other workloads, a StatefulSet whose controller has never written a status is not observed.
        if (ObservedGeneration.observed(statefulSet) == 0 || ObservedGeneration.isStale(statefulSet)) {
            return ObservedGeneration.waitingFor(statefulSet, "the StatefulSet controller");
        }
        long desired = JsonFields.number(spec.path("replicas"), 1);
        long ready = JsonFields.number(status.path("readyReplicas"));
        long updated = JsonFields.number(status.path("updatedReplicas"));
        String currentRevision = JsonFields.text(status.path("currentRevision"));
        String updateRevision = JsonFields.text(status.path("updateRevision"));
        if (ready < desired) {
            return Health.progressing("Waiting for pods to be ready: " + ready + " of " + desired + " are ready");
        }
        JsonNode strategy = spec.path("updateStrategy");
        if ("OnDelete".equals(JsonFields.text(strategy.path("type")))) {
            if (updated < desired) {
                return Health.healthy(updated + " of " + desired + " pods run the latest revision; "
                        + "with updateStrategy OnDelete, delete the others to update them");
            }
            return Health.healthy(JsonFields.count(ready, "pod is", "pods are") + " ready");
        }
        JsonNode rollingUpdate = strategy.path("rollingUpdate");
        if (rollingUpdate.isObject()) {
            long partition = JsonFields.number(rollingUpdate.path("partition"));
            long toUpdate = Math.max(0, desired - partition);
            if (updated < toUpdate) {
                String what = partition > 0 ? "partitioned rollout" : "rollout";
                return Health.progressing("Waiting for " + what + " to finish: " + updated + " of " + toUpdate
                        + " new pods have been updated");
            }
            if (partition > 0) {
                return Health.healthy("Partitioned rollout complete: " + toUpdate + " of " + desired
                        + " pods updated; pods with an ordinal below " + partition
                        + " keep the old revision until the partition is lowered");
            }
            return Health.healthy("Rolled out: " + JsonFields.count(ready, "pod is", "pods are") + " ready");
        }
        if (!updateRevision.equals(currentRevision)) {
            return Health.progressing("Waiting for rolling update to finish: " + updated + " of " + desired
                    + " pods are at revision " + updateRevision);
        }
        return Health.healthy("Rolled out: " + JsonFields.count(ready, "pod is", "pods are") + " ready at revision "
                + currentRevision);
    }
}
