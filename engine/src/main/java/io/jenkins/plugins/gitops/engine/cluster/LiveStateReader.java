package io.jenkins.plugins.gitops.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Reads what the cluster holds, with as few requests as possible: one LIST per kind by the environment's
 * label selector (paged), as Argo CD's cluster cache and Flux's inventory do, instead of a GET per object.
 * A GET is used only for a desired object the selector did not return (an object to adopt or create).
 */
public final class LiveStateReader {

    /** Page size of LIST requests: large enough that most kinds take one page, small enough for etcd. */
    static final long PAGE_SIZE = 500;
    /**
     * LISTs one reconcile sends at once: the kinds of a usual environment (five to ten) in two or three rounds, without
     * crowding an API server that serves many environments.
     */
    static final int PARALLEL_LISTS = 4;

    private static final ThreadFactory LIST_THREADS = runnable -> {
        Thread thread = new Thread(runnable, "gitops-sync-list");
        thread.setDaemon(true);
        return thread;
    };

    private final ClusterConnection connection;
    private final long pageSize;

    public LiveStateReader(ClusterConnection connection) {
        this(connection, PAGE_SIZE);
    }

    /** For tests: pages of {@code pageSize} objects, so that a few objects take several pages. */
    LiveStateReader(ClusterConnection connection, long pageSize) {
        this.connection = connection;
        this.pageSize = pageSize;
    }

    /**
     * Adds to {@code into} every object of {@code type} that carries {@code ownership}'s label.
     *
     * @param namespace the one namespace to list, or {@code null} for all namespaces (and for
     *     cluster-scoped kinds)
     */
    public void listOwned(ResourceType type, String namespace, Ownership ownership, LiveObjects into) {
        listOwned(type, namespace, ownership, into, firstPage(type, namespace, ownership));
    }

    /**
     * Lists each of {@code namespaceByType}'s kinds as {@link #listOwned} does (a {@code null} namespace for all
     * of them), with their first pages requested side by side, at most {@link #PARALLEL_LISTS} at once: the API
     * server answers them in parallel instead of one after the other, and the answers are read while the next ones
     * are on their way. The objects go into {@code into}, and each kind that fails to {@code failed}, in the map's
     * order, on the calling thread.
     */
    public void listOwnedEach(Map<ResourceType, String> namespaceByType, Ownership ownership, LiveObjects into,
            BiConsumer<ResourceType, ClusterException> failed) {
        if (namespaceByType.size() <= 1) {
            namespaceByType.forEach((type, namespace) -> listOwnedOrReport(type, namespace, ownership, into, failed,
                    () -> firstPage(type, namespace, ownership)));
            return;
        }
        ExecutorService requests = Executors.newFixedThreadPool(Math.min(PARALLEL_LISTS, namespaceByType.size()),
                LIST_THREADS);
        try {
            Map<ResourceType, Future<ObjectNode>> firstPages = new LinkedHashMap<>();
            namespaceByType.forEach((type, namespace) -> firstPages.put(type,
                    requests.submit(() -> firstPage(type, namespace, ownership))));
            namespaceByType.forEach((type, namespace) -> listOwnedOrReport(type, namespace, ownership, into, failed,
                    () -> arrived(firstPages.get(type))));
        } finally {
            requests.shutdownNow(); // after a failure, the LISTs still waiting are not sent
        }
    }

    private void listOwnedOrReport(ResourceType type, String namespace, Ownership ownership, LiveObjects into,
            BiConsumer<ResourceType, ClusterException> failed, Supplier<ObjectNode> firstPage) {
        ObjectNode page;
        try {
            page = firstPage.get();
        } catch (ClusterException e) {
            failed.accept(type, e);
            return;
        }
        try {
            listOwned(type, namespace, ownership, into, page);
        } catch (ClusterException e) {
            failed.accept(type, e);
        }
    }

    private static ObjectNode arrived(Future<ObjectNode> page) {
        try {
            return page.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while listing the live objects", e);
        }
    }

    private ObjectNode firstPage(ResourceType type, String namespace, Ownership ownership) {
        return page(type, namespace, ownership, null);
    }

    private void listOwned(ResourceType type, String namespace, Ownership ownership, LiveObjects into,
            ObjectNode firstPage) {
        ObjectNode page = firstPage;
        while (true) {
            for (JsonNode item : page.path("items")) {
                if (item instanceof ObjectNode object) {
                    into.put(type, LiveObjectTree.ofListItem(type, object));
                }
            }
            String next = page.path("metadata").path("continue").asText("");
            if (next.isEmpty()) {
                break;
            }
            page = page(type, namespace, ownership, next);
        }
        into.markListed(type, namespace);
    }

    private ObjectNode page(ResourceType type, String namespace, Ownership ownership, String continueToken) {
        try {
            return listPage(type, namespace, ownership.labelSelector(), continueToken);
        } catch (KubernetesClientException e) {
            throw new ClusterException(where(type, namespace) + ": listing failed (" + connection.describe(e)
                    + "); " + Discovery.whatToDo(e, "list " + type
                    + (namespace == null ? " in all namespaces" : " in namespace " + namespace)), e);
        }
    }

    /**
     * One page of a LIST, read straight into a tree: as fabric8's typed list it takes one request through the
     * same client (retries, timeouts, request counting), but the answer is parsed once, not into fabric8's
     * model and then again into a tree.
     */
    private ObjectNode listPage(ResourceType type, String namespace, String labelSelector, String continueToken) {
        StringBuilder uri = new StringBuilder(type.group().isEmpty() ? "/api/" + type.version()
                : "/apis/" + type.group() + "/" + type.version());
        if (type.namespaced() && namespace != null) {
            uri.append("/namespaces/").append(namespace);
        }
        uri.append('/').append(type.plural())
                .append("?labelSelector=").append(URLEncoder.encode(labelSelector, StandardCharsets.UTF_8))
                .append("&limit=").append(pageSize);
        if (continueToken != null) {
            uri.append("&continue=").append(URLEncoder.encode(continueToken, StandardCharsets.UTF_8));
        }
        String body = connection.client().raw(uri.toString());
        if (body == null) { // fabric8 answers null for 404 in some versions; the typed list threw
            throw new KubernetesClientException("the API server does not serve " + type, 404, null);
        }
        return connection.serialization().unmarshal(body, ObjectNode.class);
    }

    /** One object by name, or empty when it does not exist. */
    public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        try {
            Resource<GenericKubernetesResource> resource = type.namespaced()
                    ? operationFor(type).inNamespace(namespace).withName(name)
                    : operationFor(type).withName(name);
            GenericKubernetesResource found = resource.get();
            return Optional.ofNullable(found).map(this::toTree);
        } catch (KubernetesClientException e) {
            ObjectRef ref = new ObjectRef(type.group(), type.kind(), type.namespaced() ? namespace : null, name);
            throw new ClusterException(ref + ": reading it failed (" + connection.describe(e)
                    + "); " + Discovery.whatToDo(e, "get " + type + (type.namespaced() ? " in namespace " + namespace : "")), e);
        }
    }

    MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> operationFor(
            ResourceType type) {
        return connection.client().genericKubernetesResources(type.definitionContext());
    }

    private ObjectNode toTree(GenericKubernetesResource resource) {
        return connection.serialization().convertValue(resource, ObjectNode.class);
    }

    private String where(ResourceType type, String namespace) {
        return connection.serverUrl() + " " + type + (namespace == null ? "" : " in namespace " + namespace);
    }

    /** Whether a set of namespaces can be listed in one namespaced request. */
    static String singleNamespaceOrNull(Set<String> namespaces) {
        return namespaces.size() == 1 ? namespaces.iterator().next() : null;
    }
}
