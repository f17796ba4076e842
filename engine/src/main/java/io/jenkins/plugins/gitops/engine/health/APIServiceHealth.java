package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Health of an {@code apiregistration.k8s.io/APIService}, as gitops-engine's
 * {@code health_apiservice.go}: HEALTHY when {@code Available}; otherwise PROGRESSING, because an
 * aggregated API is typically unavailable only until the service behind it has started.
 */
final class APIServiceHealth implements HealthCheck {

    @Override
    public Health check(ObjectNode apiService) {
        Optional<Condition> available = Condition.find(apiService, "Available");
        if (available.isEmpty()) {
            return Health.progressing("Waiting for the API server to check the service behind the API");
        }
        if (available.get().isTrue()) {
            return Health.healthy("Available");
        }
        return Health.progressing("Waiting for the API to become available (" + available.get().describe()
                + "); check the service behind it and its pods");
    }
}
