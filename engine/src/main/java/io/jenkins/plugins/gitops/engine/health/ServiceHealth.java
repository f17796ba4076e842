package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Health of a {@code Service}, as gitops-engine's {@code health_service.go}: a LoadBalancer is
 * PROGRESSING until its provider assigns an address; every other type works as soon as it exists.
 */
final class ServiceHealth implements HealthCheck {

    @Override
    public Health check(ObjectNode service) {
        if (!"LoadBalancer".equals(JsonFields.text(service.path("spec").path("type")))) {
            return Health.healthy("");
        }
        if (!LoadBalancerStatus.isAssigned(service)) {
            return Health.progressing("Waiting for the load balancer to get an IP address or hostname; check that"
                    + " the cluster has a load balancer provider");
        }
        String addresses = LoadBalancerStatus.addresses(service);
        return Health.healthy(addresses.isEmpty() ? "Load balancer assigned" : "Load balancer at " + addresses);
    }
}
