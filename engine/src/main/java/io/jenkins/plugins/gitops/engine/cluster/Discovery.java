package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
    private final RequestRetries retries;
    private final Map<String, Map<String, ResourceType>> kindsByGroupVersion = new ConcurrentHashMap<>();
    /** Discoveries {@link #discoverInBackground} started, until a {@link #find} takes their answer. */
    private final Map<String, CompletableFuture<Map<String, ResourceType>>> inBackground = new ConcurrentHashMap<>();
    /** Every group/version the server serves ({@code /api}, {@code /apis}), or null until asked. */
    private volatile List<String> groupVersions;

    public Discovery(KubernetesClient client, RequestRetries retries) {
        this.client = client;
        this.retries = retries;
    }

    /** The resource serving {@code kind} in {@code apiVersion}, or empty when the server does not serve it. */
    public Optional<ResourceType> find(String apiVersion, String kind) {
        return Optional.ofNullable(kindsOf(apiVersion).get(kind));
    }

    /**
     * Every API version the server serves, as {@code group/version} and {@code group/version/Kind} strings, sorted:
     * what Helm's {@code .Capabilities.APIVersions} holds when Helm asks a cluster, and what Argo CD passes to
     * {@code helm template --api-versions}. Every served version of a group counts, not only the preferred one.
     * Cached with the rest of discovery: the first call asks once per group/version. A group/version whose
     * discovery fails counts without its kinds.
     *
     * @throws ClusterException when the list of API groups cannot be read
     */
    public List<String> servedApiVersions() {
        List<String> served = new ArrayList<>();
        for (String groupVersion : groupVersions()) {
            served.add(groupVersion);
            try {
                kindsOf(groupVersion).keySet().forEach(kind -> served.add(groupVersion + "/" + kind));
            } catch (ClusterException e) {
                // An aggregated API whose server is down (metrics.k8s.io): its kinds are left out, as Helm does.
                LOGGER.log(Level.FINE, "No kinds of " + groupVersion + " for the served API versions", e);
            }
        }
        Collections.sort(served);
        return served;
    }

    /** Forgets everything, so that kinds added since (by a CRD) are found. */
    public void invalidate() {
        kindsByGroupVersion.clear();
        inBackground.clear(); // an answer on its way may predate the change
        groupVersions = null;
    }

    private List<String> groupVersions() {
        List<String> known = groupVersions;
        if (known != null) {
            return known;
        }
        List<String> found = new ArrayList<>(List.of("v1"));
        try {
            APIGroupList groups = client.getApiGroups();
            if (groups != null) {
                for (APIGroup group : groups.getGroups()) {
                    group.getVersions().forEach(version -> found.add(version.getGroupVersion()));
                }
            }
        } catch (KubernetesClientException e) {
            throw new ClusterException(client.getMasterUrl() + ": discovery of the API groups failed ("
                    + retries.describe(e) + "); " + whatToDo(e, "read API discovery (/api, /apis)"), e);
        }
        groupVersions = List.copyOf(found);
        return groupVersions;
    }

    /**
     * Starts discovering {@code apiVersion}'s kinds on another thread, unless they are known or on their way: the
     * first request also opens the connection (TLS handshake included), so a caller that will need them after
     * other work (rendering) finds them ready. A {@link #find} for them waits for that answer, or gets its failure,
     * instead of asking again.
     */
    public void discoverInBackground(String apiVersion) {
        if (kindsByGroupVersion.containsKey(apiVersion)) {
            return;
        }
        inBackground.computeIfAbsent(apiVersion, version -> {
            CompletableFuture<Map<String, ResourceType>> kinds = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    kinds.complete(discover(version));
                } catch (RuntimeException e) {
                    kinds.completeExceptionally(e);
                }
            }, "gitops-sync-discovery");
            thread.setDaemon(true);
            thread.start();
            return kinds;
        });
    }

    private Map<String, ResourceType> kindsOf(String apiVersion) {
        CompletableFuture<Map<String, ResourceType>> started = inBackground.remove(apiVersion);
        if (started != null) {
            Map<String, ResourceType> kinds = awaitBackground(started);
            kindsByGroupVersion.putIfAbsent(apiVersion, kinds);
        }
        return kindsByGroupVersion.computeIfAbsent(apiVersion, this::discover);
    }

    private static Map<String, ResourceType> awaitBackground(CompletableFuture<Map<String, ResourceType>> started) {
        try {
            return started.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure; // as if this thread had asked: the same ClusterException
            }
            throw e;
        }
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
                    + retries.describe(e) + "); " + whatToDo(e, "read API discovery (/api, /apis)"), e);
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

    /**
     * What to do about a failed request: reach the server when it did not answer, fix the credentials when
     * it refused them, wait when it is overloaded, grant {@code permission} when it was forbidden.
     */
    static String whatToDo(KubernetesClientException e, String permission) {
        if (!RequestRetries.answered(e)) {
            return "check that the API server is running at this URL and that this machine can reach it"
                    + " (address, port, proxy, firewall, TLS certificate)";
        }
        return switch (e.getCode()) {
            case 401 -> "check the cluster credentials: the API server did not accept them";
            case 403 -> "grant the credentials the right to " + permission;
            case 429 -> "the API server is throttling requests; sync again later or lower the load on it";
            default -> e.getCode() >= 500 ? "the API server failed; check its health and sync again"
                    : "check that the credentials may " + permission;
        };
    }
}
