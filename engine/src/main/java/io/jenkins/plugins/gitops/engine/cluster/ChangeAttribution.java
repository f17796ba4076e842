package io.jenkins.plugins.gitops.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
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
     *
     * <p>The writer's entry is the one that is new or whose {@code time} changed: the API server stamps the entry of
     * the manager that writes. Other entries may change too, without a new time: when {@code kubectl edit} changes a
     * field the engine applied, the engine's entry loses that field; when the engine takes it back, the editor's
     * entry loses it. True when no entry got a new time (the writer cannot be told, so a check is the safe answer).
     */
    static boolean writtenByOthers(JsonNode before, JsonNode after, Set<String> ownManagers) {
        Map<String, JsonNode> earlier = new HashMap<>();
        before.path("metadata").path("managedFields").forEach(entry -> earlier.put(writerKey(entry), entry));
        boolean ownWrote = false;
        for (JsonNode entry : after.path("metadata").path("managedFields")) {
            if ("status".equals(entry.path("subresource").asText())) {
                continue;
            }
            JsonNode previous = earlier.get(writerKey(entry));
            boolean wrote = previous == null || !previous.path("time").equals(entry.path("time"));
            if (wrote) {
                if (!ownManagers.contains(entry.path("manager").asText())) {
                    return true;
                }
                ownWrote = true;
            }
        }
        return !ownWrote;
    }

    private static String writerKey(JsonNode entry) {
        return entry.path("manager").asText() + "|" + entry.path("operation").asText() + "|"
                + entry.path("subresource").asText();
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
