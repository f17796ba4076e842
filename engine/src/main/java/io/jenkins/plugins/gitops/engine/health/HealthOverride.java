package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A caller's own health assessment for one group and kind, registered with
 * {@link HealthAssessor#withOverride(String, String, HealthOverride)}; the equivalent of gitops-engine's
 * {@code HealthOverride} and of Argo CD's per-kind health scripts. Use it for custom resources whose
 * status the generic {@code status.conditions} assessment reads wrongly, or to change a built-in
 * verdict.
 *
 * <p>An override that throws makes the object {@link HealthStatus#UNKNOWN}, with the exception's
 * message, rather than failing the whole assessment.
 */
@FunctionalInterface
public interface HealthOverride {

    /**
     * Assesses a live object of the registered group and kind.
     *
     * @param liveObject the object as the API server returns it; never {@code null}
     * @return its health, or empty to leave the decision to the built-in assessment
     */
    Optional<Health> assess(ObjectNode liveObject);
}
