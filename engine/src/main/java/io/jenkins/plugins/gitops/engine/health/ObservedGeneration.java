package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether a controller has caught up with the latest spec. The API server bumps
 * {@code metadata.generation} on every spec change; the controller copies it to
 * {@code status.observedGeneration} once it has acted on it. Until then the rest of the status
 * describes an older spec and says nothing about the current one, which is why
 * {@code kubectl rollout status} and gitops-engine check this first.
 */
final class ObservedGeneration {

    private ObservedGeneration() {
    }

    static long generation(JsonNode liveObject) {
        return JsonFields.number(liveObject.path("metadata").path("generation"));
    }

    static long observed(JsonNode liveObject) {
        return JsonFields.number(liveObject.path("status").path("observedGeneration"));
    }

    /** Whether the status was written for an older spec than the current one. */
    static boolean isStale(JsonNode liveObject) {
        return generation(liveObject) > observed(liveObject);
    }

    /**
     * The health of an object whose controller has not caught up yet.
     *
     * @param controller who is expected to observe the spec, as in "the deployment controller"
     */
    static Health waitingFor(JsonNode liveObject, String controller) {
        long observed = observed(liveObject);
        return Health.progressing("Waiting for " + controller + " to observe the latest spec (generation "
                + generation(liveObject) + (observed > 0 ? ", observed " + observed : ", not observed yet") + ")");
    }
}
