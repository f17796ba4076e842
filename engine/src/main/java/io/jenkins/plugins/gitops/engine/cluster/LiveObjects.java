package io.jenkins.plugins.gitops.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The live objects one reconcile has read, by reference, and which kinds were listed completely. Prune
 * relies on the latter: an object can be called "extra" only if its kind was listed without error.
 */
public final class LiveObjects {

    private final TreeMap<ObjectRef, ObjectNode> objects = new TreeMap<>();
    private final Set<String> listedKinds = new HashSet<>();

    public void put(ResourceType type, ObjectNode object) {
        objects.put(refOf(type, object), object);
    }

    /** Forgets an object, for objects the engine keeps for itself (the inventory). */
    public void remove(ObjectRef ref) {
        objects.remove(ref);
    }

    public Optional<ObjectNode> get(ObjectRef ref) {
        return Optional.ofNullable(objects.get(ref));
    }

    public Collection<ObjectNode> all() {
        return Collections.unmodifiableCollection(objects.values());
    }

    public Set<ObjectRef> refs() {
        return Collections.unmodifiableSet(objects.keySet());
    }

    public int size() {
        return objects.size();
    }

    /** Records that every object of {@code type} in {@code namespace} ({@code null}: all) has been read. */
    public void markListed(ResourceType type, String namespace) {
        listedKinds.add(listingKey(type, namespace));
    }

    /** Whether every object of {@code type} in {@code namespace} with the environment's label was read. */
    public boolean wasListed(ResourceType type, String namespace) {
        return listedKinds.contains(listingKey(type, null))
                || listedKinds.contains(listingKey(type, type.namespaced() ? namespace : null));
    }

    private static String listingKey(ResourceType type, String namespace) {
        return type.group() + "/" + type.kind() + "@" + (namespace == null ? "*" : namespace);
    }

    public static ObjectRef refOf(ResourceType type, JsonNode object) {
        JsonNode metadata = object.path("metadata");
        String namespace = type.namespaced() ? metadata.path("namespace").asText(null) : null;
        return new ObjectRef(type.group(), type.kind(), namespace, metadata.path("name").asText());
    }
}
