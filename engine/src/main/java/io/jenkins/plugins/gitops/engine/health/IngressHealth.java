package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Health of an {@code Ingress} ({@code networking.k8s.io} or the old {@code extensions} group), as
 * gitops-engine's {@code health_ingress.go}: PROGRESSING until an ingress controller publishes an
 * address in {@code status.loadBalancer}.
 */
final class IngressHealth implements HealthCheck {

    @Override
    public Health check(ObjectNode ingress) {
        if (!LoadBalancerStatus.isAssigned(ingress)) {
            String ingressClass = JsonFields.text(ingress.path("spec").path("ingressClassName"));
            return Health.progressing("Waiting for an ingress controller to publish an address; check that a"
                    + " controller serves " + (ingressClass.isEmpty()
                            ? "the default ingress class" : "ingress class \"" + ingressClass + "\""));
        }
        String addresses = LoadBalancerStatus.addresses(ingress);
        return Health.healthy(addresses.isEmpty() ? "Address assigned" : "Available at " + addresses);
    }
}
