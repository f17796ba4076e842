package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the elements of one list are matched, as server-side apply's {@code x-kubernetes-list-type} says.
 *
 * @param type atomic, map (associative) or set
 * @param keys the merge key fields of an associative list, in the order server-side apply writes them
 *     ({@code k:{"containerPort":80,"protocol":"TCP"}})
 * @param keyDefaults values the server gives a key field the manifest leaves out ({@code protocol: TCP}),
 *     so that {@code containerPort: 80} in Git finds {@code containerPort: 80, protocol: TCP} live
 */
record ListSemantics(Type type, List<String> keys, Map<String, String> keyDefaults) {

    enum Type {
        /**
         * The list is one value: owned and replaced as a whole (args, command, tolerations, and every
         * list not in {@link ListMergeKeys}). Scalars must be equal element by element; maps are
         * compared by position, each as a subset, and both lists must have the same length.
         */
        ATOMIC,
        /** Elements are identified by their merge keys; other managers may add elements of their own. */
        MAP,
        /** Distinct scalars in any order; other managers may add values of their own (finalizers). */
        SET
    }

    static final ListSemantics ATOMIC = new ListSemantics(Type.ATOMIC, List.of(), Map.of());
    static final ListSemantics SET = new ListSemantics(Type.SET, List.of(), Map.of());

    ListSemantics {
        keys = List.copyOf(keys);
        keyDefaults = Map.copyOf(keyDefaults);
    }

    static ListSemantics mapBy(String... keys) {
        return new ListSemantics(Type.MAP, List.of(keys), Map.of());
    }

    ListSemantics withDefault(String key, String value) {
        Map<String, String> defaults = new HashMap<>(keyDefaults);
        defaults.put(key, value);
        return new ListSemantics(type, keys, defaults);
    }

    /**
     * The merge key of one element ({@code {"name":"web"}}), with defaults filled in; {@code null} when
     * the element is not a map or lacks a key field that has no default.
     */
    ObjectNode keyOf(JsonNode element) {
        if (!element.isObject()) {
            return null;
        }
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        for (String field : keys) {
            JsonNode value = element.get(field);
            if (value == null || value.isNull()) {
                String fallback = keyDefaults.get(field);
                if (fallback == null) {
                    return null;
                }
                key.put(field, fallback);
            } else {
                key.set(field, value);
            }
        }
        return key;
    }
}
