package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code status.loadBalancer.ingress}, where Services of type LoadBalancer and Ingresses report the
 * addresses they were given. An entry counts even without an address, as in gitops-engine: some
 * providers publish ports only.
 */
final class LoadBalancerStatus {

    private LoadBalancerStatus() {
    }

    static boolean isAssigned(JsonNode liveObject) {
        return !ingress(liveObject).isEmpty();
    }

    /** The IP addresses and hostnames assigned, comma-separated, possibly empty. */
    static String addresses(JsonNode liveObject) {
        List<String> addresses = new ArrayList<>();
        for (JsonNode entry : ingress(liveObject)) {
            String ip = JsonFields.text(entry.path("ip"));
            String hostname = JsonFields.text(entry.path("hostname"));
            if (!ip.isEmpty()) {
                addresses.add(ip);
            }
            if (!hostname.isEmpty()) {
                addresses.add(hostname);
            }
        }
        return String.join(", ", addresses);
    }

    private static JsonNode ingress(JsonNode liveObject) {
        return liveObject.path("status").path("loadBalancer").path("ingress");
    }
}
