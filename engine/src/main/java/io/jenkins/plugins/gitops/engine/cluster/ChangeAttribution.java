package io.jenkins.plugins.gitops.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;

/**
 * Tells, from two versions of an object a watch delivered, whether anything but status changed and who wrote
 * it. The API server records every writer in {@code metadata.managedFields}, one entry per field manager and
 * operation, stamped with the time of its last write; the entries a write added or changed name its writer. When
 * all of them belong to the engine's own field managers, the change is the engine's own write coming back.
 */
final class ChangeAttribution {

    private ChangeAttribution() {
    }

    /**
     * Whether anything but status and bookkeeping (resource version, managed fields, generation) differs: a
     * controller updating {@code status} is not drift.
     */
    static boolean declaredContentChanged(ObjectNode before, ObjectNode after) {
        return !withoutBookkeeping(before).equals(withoutBookkeeping(after));
    }

    /**
     * Whether a write between {@code before} and {@code after} came from someone else than {@code ownManagers}.
     * True when no managed-fields entry changed (the writer cannot be told, so a check is the safe answer).
     */
    static boolean writtenByOthers(JsonNode before, JsonNode after, Set<String> ownManagers) {
        Set<JsonNode> earlier = new HashSet<>();
        before.path("metadata").path("managedFields").forEach(earlier::add);
        boolean anyChanged = false;
        for (JsonNode entry : after.path("metadata").path("managedFields")) {
            if (earlier.contains(entry) || "status".equals(entry.path("subresource").asText())) {
                continue;
            }
            anyChanged = true;
            if (!ownManagers.contains(entry.path("manager").asText())) {
                return true;
            }
        }
        return !anyChanged;
    }

    private static ObjectNode withoutBookkeeping(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        copy.remove("status");
        JsonNode metadata = copy.path("metadata");
        if (metadata instanceof ObjectNode fields) {
            fields.remove("resourceVersion");
            fields.remove("managedFields");
            fields.remove("generation");
        }
        return copy;
    }
}
