package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Maps apiVersion + kind to the resource the API server serves for it, through API discovery.
 *
 * <p>Discovery is cached per group/version for the life of the connection: a steady-state reconcile
 * asks nothing. A group/version the server does not serve is remembered as empty until
 * {@link #invalidate()}, which the engine calls after it applied CustomResourceDefinitions.
 */
public final class Discovery {

    private static final Logger LOGGER = Logger.getLogger(Discovery.class.getName());

    private final KubernetesClient client;
    private final Map<String, Map<String, ResourceType>> kindsByGroupVersion = new ConcurrentHashMap<>();

    public Discovery(KubernetesClient client) {
        this.client = client;
    }

    /** The resource serving {@code kind} in {@code apiVersion}, or empty when the server does not serve it. */
    public Optional<ResourceType> find(String apiVersion, String kind) {
        return Optional.ofNullable(kindsOf(apiVersion).get(kind));
    }

    /** Forgets everything, so that kinds added since (by a CRD) are found. */
    public void invalidate() {
        kindsByGroupVersion.clear();
    }

    private Map<String, ResourceType> kindsOf(String apiVersion) {
        return kindsByGroupVersion.computeIfAbsent(apiVersion, this::discover);
    }

    private Map<String, ResourceType> discover(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        APIResourceList list;
        try {
            list = client.getApiResources(apiVersion);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                LOGGER.log(Level.FINE, "API server does not serve {0}", apiVersion);
                return Map.of();
            }
            throw new ClusterException(client.getMasterUrl() + ": discovery of " + apiVersion + " failed ("
                    + describe(e) + "); check that the API server is reachable and the credentials may read discovery", e);
        }
        Map<String, ResourceType> kinds = new HashMap<>();
        if (list == null) {
            return kinds;
        }
        for (APIResource resource : list.getResources()) {
            // Subresources (deployments/status, pods/log) have a slash and are not kinds of their own.
            if (resource.getName().contains("/")) {
                continue;
            }
            kinds.putIfAbsent(resource.getKind(), new ResourceType(group, version, resource.getKind(),
                    resource.getName(), Boolean.TRUE.equals(resource.getNamespaced())));
        }
        return kinds;
    }

    static String describe(KubernetesClientException e) {
        if (e.getCode() > 0) {
            String reason = e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage() : e.getMessage();
            return "HTTP " + e.getCode() + ": " + reason;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
