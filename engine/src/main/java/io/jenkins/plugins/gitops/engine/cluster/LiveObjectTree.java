package io.jenkins.plugins.gitops.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * An item of a LIST answer as the rest of the engine knows live objects: the tree fabric8's typed model made of
 * it. The API server leaves {@code apiVersion} and {@code kind} out of list items; fabric8 put them first, wrote
 * {@code metadata} (and its managed-fields entries and owner references) as its generated model classes order
 * fields ({@code apiVersion} and {@code kind} first, the others alphabetically), and {@code metadata.generation}
 * as a long. Doing the same here keeps every later step (drift, health, the order of a report's lines) exactly
 * as it was when the list went through the model ({@code LiveStateReaderIT} compares the two).
 */
final class LiveObjectTree {

    /** The fields of {@code metadata} fabric8's {@code ObjectMeta} holds as longs. */
    private static final List<String> LONG_METADATA_FIELDS = List.of("generation", "deletionGracePeriodSeconds");
    /** The fields fabric8's model classes write before all others, in this order. */
    private static final List<String> MODEL_FIRST = List.of("apiVersion", "kind");

    private LiveObjectTree() {
    }

    static ObjectNode ofListItem(ResourceType type, ObjectNode item) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.put("apiVersion", item.path("apiVersion").asText(type.apiVersion()));
        object.put("kind", item.path("kind").asText(type.kind()));
        item.fields().forEachRemaining(field -> {
            if (!object.has(field.getKey())) {
                object.set(field.getKey(), field.getKey().equals("metadata") && field.getValue() instanceof ObjectNode metadata
                        ? metadata(metadata) : field.getValue());
            }
        });
        return object;
    }

    private static ObjectNode metadata(ObjectNode metadata) {
        ObjectNode sorted = sortedFields(metadata);
        for (String name : LONG_METADATA_FIELDS) {
            JsonNode value = sorted.get(name);
            if (value != null && value.isIntegralNumber()) {
                sorted.put(name, value.asLong());
            }
        }
        sortEntries(sorted, "managedFields");
        sortEntries(sorted, "ownerReferences");
        return sorted;
    }

    /** Each object of the list {@code metadata.<name>} with its own fields sorted (its values as they are). */
    private static void sortEntries(ObjectNode metadata, String name) {
        if (metadata.get(name) instanceof ArrayNode entries) {
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i) instanceof ObjectNode entry) {
                    entries.set(i, sortedFields(entry));
                }
            }
        }
    }

    /** The fields in the order of fabric8's model classes: {@code apiVersion}, {@code kind}, then alphabetical. */
    private static ObjectNode sortedFields(ObjectNode node) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        node.fields().forEachRemaining(fields::add);
        fields.sort(Comparator.comparing((Map.Entry<String, JsonNode> field) -> MODEL_FIRST.indexOf(field.getKey()) < 0)
                .thenComparing(field -> MODEL_FIRST.indexOf(field.getKey()))
                .thenComparing(Map.Entry::getKey));
        ObjectNode sorted = JsonNodeFactory.instance.objectNode();
        fields.forEach(field -> sorted.set(field.getKey(), field.getValue()));
        return sorted;
    }
}
