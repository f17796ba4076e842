package io.jenkins.plugins.gitops.engine.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what the cluster holds, with as few requests as possible: one LIST per kind by the environment's
 * label selector (paged), as Argo CD's cluster cache and Flux's inventory do, instead of a GET per object.
 * A GET is used only for a desired object the selector did not return (an object to adopt or create).
 */
public final class LiveStateReader {

    /** Page size of LIST requests: large enough that most kinds take one page, small enough for etcd. */
    static final long PAGE_SIZE = 500;

    private final ClusterConnection connection;

    public LiveStateReader(ClusterConnection connection) {
        this.connection = connection;
    }

    /**
     * Adds to {@code into} every object of {@code type} that carries {@code ownership}'s label.
     *
     * @param namespace the one namespace to list, or {@code null} for all namespaces (and for
     *     cluster-scoped kinds)
     */
    public void listOwned(ResourceType type, String namespace, Ownership ownership, LiveObjects into) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> kind =
                operationFor(type);
        String next = null;
        do {
            ListOptions options = new ListOptionsBuilder()
                    .withLabelSelector(ownership.labelSelector())
                    .withLimit(PAGE_SIZE)
                    .withContinue(next)
                    .build();
            GenericKubernetesResourceList page;
            try {
                page = type.namespaced() && namespace != null
                        ? kind.inNamespace(namespace).list(options)
                        : kind.inAnyNamespace().list(options);
            } catch (KubernetesClientException e) {
                throw new ClusterException(where(type, namespace) + ": listing failed (" + connection.describe(e)
                        + "); " + Discovery.whatToDo(e, "list " + type
                        + (namespace == null ? " in all namespaces" : " in namespace " + namespace)), e);
            }
            for (GenericKubernetesResource item : page.getItems()) {
                into.put(type, toTree(item));
            }
            next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
        } while (next != null && !next.isEmpty());
        into.markListed(type, namespace);
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
