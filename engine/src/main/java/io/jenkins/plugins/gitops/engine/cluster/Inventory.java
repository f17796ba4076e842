package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The kinds an environment has ever applied, kept in the cluster beside its objects (a ConfigMap in the
 * environment's namespace, carrying the environment's marks).
 *
 * <p>Why: to find objects that were removed from Git, a reconcile must list every kind they could be of,
 * including kinds Git no longer declares at all. Listing every kind the cluster serves would cost
 * hundreds of requests; the inventory costs one GET, and a write only when the set of kinds changes. It
 * lives in the cluster, not in Jenkins, so that the command line and the plugin, or a Jenkins restored
 * from an old backup, all see the same truth.
 */
public final class Inventory {

    static final String KINDS_KEY = "kinds";

    private final ClusterConnection connection;
    private final Ownership ownership;
    private final String namespace;

    public Inventory(ClusterConnection connection, Ownership ownership, String namespace) {
        this.connection = connection;
        this.ownership = ownership;
        this.namespace = namespace;
    }

    /** The ConfigMap's name: derived from the label value, so it is valid and unique per environment. */
    public String name() {
        return "gitops-sync-inventory-" + ownership.labelValue().toLowerCase(java.util.Locale.ROOT).replace('_', '-').replace('.', '-');
    }

    /** The inventory's own reference: it carries the environment's marks but is never an extra object. */
    public io.jenkins.plugins.gitops.engine.resource.ObjectRef ref() {
        return new io.jenkins.plugins.gitops.engine.resource.ObjectRef("", "ConfigMap", namespace, name());
    }

    /** Kinds recorded so far, as {@code apiVersion kind}; empty for a new environment or a missing namespace. */
    public Set<String> read() {
        ConfigMap inventory;
        try {
            inventory = connection.client().configMaps().inNamespace(namespace).withName(name()).get();
        } catch (KubernetesClientException e) {
            throw new ClusterException(connection.serverUrl() + ": reading the inventory ConfigMap " + namespace + "/" + name()
                    + " failed (" + connection.describe(e) + "); " + Discovery.whatToDo(e, "get configmaps in namespace " + namespace), e);
        }
        return kindsOf(inventory == null ? null
                : connection.serialization().convertValue(inventory, com.fasterxml.jackson.databind.node.ObjectNode.class));
    }

    /**
     * The kinds recorded in an inventory ConfigMap already read (from the live state cache, say); empty for
     * {@code null} or a ConfigMap without this environment's marks.
     */
    public Set<String> kindsOf(com.fasterxml.jackson.databind.node.ObjectNode inventory) {
        Set<String> kinds = new TreeSet<>();
        if (inventory == null || !inventory.path("data").path(KINDS_KEY).isTextual() || !ownership.owns(inventory)) {
            return kinds;
        }
        Arrays.stream(inventory.path("data").path(KINDS_KEY).asText().split("\n")).map(String::trim)
                .filter(line -> !line.isEmpty()).forEach(kinds::add);
        return kinds;
    }

    /** Records {@code kinds} (server-side apply; one request). */
    public void write(Set<String> kinds, String fieldManager) {
        ConfigMap inventory = new ConfigMapBuilder()
                .withNewMetadata().withName(name()).withNamespace(namespace).endMetadata()
                .addToData(KINDS_KEY, new TreeSet<>(kinds).stream().collect(Collectors.joining("\n")))
                .build();
        var node = connection.serialization().convertValue(inventory, com.fasterxml.jackson.databind.node.ObjectNode.class);
        ownership.mark(node);
        ConfigMap marked = connection.serialization().convertValue(node, ConfigMap.class);
        try {
            connection.client().configMaps().inNamespace(namespace).resource(marked)
                    .fieldManager(fieldManager).forceConflicts().serverSideApply();
        } catch (KubernetesClientException e) {
            throw new ClusterException(connection.serverUrl() + ": writing the inventory ConfigMap " + namespace + "/" + name()
                    + " failed (" + connection.describe(e) + "); " + Discovery.whatToDo(e, "patch configmaps in namespace " + namespace), e);
        }
    }

    /** How a kind is written in the inventory. */
    public static String entryOf(ResourceType type) {
        return type.apiVersion() + " " + type.kind();
    }
}
