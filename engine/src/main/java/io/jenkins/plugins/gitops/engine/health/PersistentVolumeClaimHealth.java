package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Health of a {@code PersistentVolumeClaim}, as gitops-engine's {@code health_pvc.go}: Bound is
 * HEALTHY, Pending is PROGRESSING, Lost (its volume is gone) is DEGRADED.
 */
final class PersistentVolumeClaimHealth implements HealthCheck {

    @Override
    public Health check(ObjectNode claim) {
        String phase = JsonFields.text(claim.path("status").path("phase"));
        String volume = JsonFields.text(claim.path("spec").path("volumeName"));
        switch (phase) {
            case "Bound":
                return Health.healthy("Bound to volume " + volume);
            case "Pending":
                String storageClass = JsonFields.text(claim.path("spec").path("storageClassName"));
                return Health.progressing("Waiting for a volume to be bound"
                        + (storageClass.isEmpty() ? "" : " (storage class \"" + storageClass + "\")")
                        + "; a storage class with volumeBindingMode WaitForFirstConsumer binds only once a pod"
                        + " uses the claim");
            case "Lost":
                return Health.degraded("The bound volume " + volume + " no longer exists; restore it or recreate"
                        + " the claim");
            default:
                return Health.unknown("Claim reports no known phase (\"" + phase + "\")");
        }
    }
}
