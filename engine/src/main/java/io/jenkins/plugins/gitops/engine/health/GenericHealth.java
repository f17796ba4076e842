package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Health of every kind without a check of its own, read from the conventions most controllers
 * follow.
 *
 * <ul>
 *   <li>No {@code status} (ConfigMap, Secret, RBAC, …), or an empty one: HEALTHY. Such an object
 *       works as soon as it exists, and a custom resource whose controller writes nothing gives us
 *       nothing to wait for.</li>
 *   <li>{@code status.observedGeneration} older than {@code metadata.generation}: PROGRESSING, the
 *       rest of the status describes an older spec. The same for a readiness condition's own
 *       {@code observedGeneration}.</li>
 *   <li>kstatus conditions (Flux, Cluster API, …): {@code Stalled True} is DEGRADED,
 *       {@code Reconciling True} PROGRESSING.</li>
 *   <li>The first of {@code Ready}, {@code Available}, {@code Established} the object reports:
 *       {@code True} is HEALTHY, {@code False} DEGRADED, anything else PROGRESSING.</li>
 *   <li>A status without any of these conditions: HEALTHY, since nothing says otherwise.</li>
 * </ul>
 */
final class GenericHealth implements HealthCheck {

    /** Condition types that mean "the object does what it should", most specific first. */
    private static final List<String> READINESS_CONDITIONS = List.of("Ready", "Available", "Established");

    @Override
    public Health check(ObjectNode liveObject) {
        JsonNode status = liveObject.path("status");
        if (!status.isObject() || status.isEmpty()) {
            return Health.healthy("");
        }
        if (status.has("observedGeneration") && ObservedGeneration.isStale(liveObject)) {
            return ObservedGeneration.waitingFor(liveObject, "its controller");
        }
        Optional<Condition> stalled = Condition.find(liveObject, "Stalled").filter(Condition::isTrue);
        if (stalled.isPresent()) {
            return Health.degraded("Stalled: " + stalled.get().describe());
        }
        Optional<Condition> reconciling = Condition.find(liveObject, "Reconciling").filter(Condition::isTrue);
        if (reconciling.isPresent()) {
            return Health.progressing("Reconciling: " + reconciling.get().describe());
        }
        for (String type : READINESS_CONDITIONS) {
            Optional<Condition> found = Condition.find(liveObject, type);
            if (found.isPresent()) {
                return fromReadiness(liveObject, found.get());
            }
        }
        return Health.healthy("");
    }

    private static Health fromReadiness(ObjectNode liveObject, Condition condition) {
        long generation = ObservedGeneration.generation(liveObject);
        if (condition.observedGeneration() > 0 && condition.observedGeneration() < generation) {
            return Health.progressing("Waiting for its controller to report " + condition.type()
                    + " for the latest spec (generation " + generation + ", condition is for generation "
                    + condition.observedGeneration() + ")");
        }
        if (condition.isTrue()) {
            return Health.healthy(condition.message());
        }
        String what = condition.type().toLowerCase(Locale.ROOT);
        String detail = condition.describe().isEmpty() ? "" : ": " + condition.describe();
        if (condition.isFalse()) {
            return Health.degraded("Not " + what + detail);
        }
        return Health.progressing("Waiting to become " + what + detail);
    }
}
