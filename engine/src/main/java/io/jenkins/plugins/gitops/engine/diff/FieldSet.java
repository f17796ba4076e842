package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields one manager owns, parsed from a {@code managedFields[].fieldsV1} tree of server-side apply:
 * {@code f:<name>} is a map key, {@code k:<json>} the element of an associative list with that merge
 * key, {@code v:<json>} the element of a set with that value, {@code i:<n>} a list position, and
 * {@code .} the element itself. An empty entry ({@code f:replicas: {}}) owns the whole value.
 */
final class FieldSet {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, FieldSet> fields = new HashMap<>();
    private final Map<JsonNode, FieldSet> keyed = new LinkedHashMap<>();
    private final Map<JsonNode, FieldSet> members = new LinkedHashMap<>();
    private final Map<Integer, FieldSet> positions = new HashMap<>();
    private boolean ownsElement;

    private FieldSet() {
    }

    /**
     * Parses a fieldsV1 tree.
     *
     * @throws IllegalArgumentException naming the entry that is not valid fieldsV1
     */
    static FieldSet parse(JsonNode fieldsV1) {
        FieldSet set = new FieldSet();
        if (fieldsV1 == null || !fieldsV1.isObject()) {
            throw new IllegalArgumentException("fieldsV1 is not a map");
        }
        for (Map.Entry<String, JsonNode> entry : fieldsV1.properties()) {
            String name = entry.getKey();
            if (name.equals(".")) {
                set.ownsElement = true;
                continue;
            }
            FieldSet child = parse(entry.getValue());
            if (name.startsWith("f:")) {
                set.fields.put(name.substring(2), child);
            } else if (name.startsWith("k:")) {
                set.keyed.put(json(name), child);
            } else if (name.startsWith("v:")) {
                set.members.put(json(name), child);
            } else if (name.startsWith("i:")) {
                set.positions.put(index(name), child);
            } else {
                throw new IllegalArgumentException("unknown fieldsV1 entry " + name);
            }
        }
        return set;
    }

    private static JsonNode json(String entry) {
        try {
            return JSON.readTree(entry.substring(2));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("fieldsV1 entry " + entry + " is not JSON", e);
        }
    }

    private static int index(String entry) {
        try {
            return Integer.parseInt(entry.substring(2));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fieldsV1 entry " + entry + " is not a list position", e);
        }
    }

    /** The part of this set below {@code segment}, or {@code null} when nothing there is owned. */
    FieldSet child(FieldPath.Segment segment) {
        if (segment instanceof FieldPath.Field field) {
            return fields.get(field.name());
        } else if (segment instanceof FieldPath.Keyed element) {
            return findEquivalent(keyed, element.key());
        } else if (segment instanceof FieldPath.SetMember member) {
            return findEquivalent(members, member.value());
        }
        return positions.get(((FieldPath.Positional) segment).index());
    }

    private static FieldSet findEquivalent(Map<JsonNode, FieldSet> entries, JsonNode wanted) {
        for (Map.Entry<JsonNode, FieldSet> entry : entries.entrySet()) {
            if (ValueEquivalence.sameValue(entry.getKey(), wanted)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** The map keys owned below this point, each with what is owned below it. */
    Map<String, FieldSet> fields() {
        return fields;
    }

    /** The associative-list elements owned below this point, by merge key. */
    Map<JsonNode, FieldSet> keyed() {
        return keyed;
    }

    /** The set members owned below this point, by value. */
    Map<JsonNode, FieldSet> members() {
        return members;
    }

    /** The list positions owned below this point. */
    Map<Integer, FieldSet> positions() {
        return positions;
    }

    /** Whether the list element itself is owned ({@code .}), so that removing it from Git removes it live. */
    boolean ownsElement() {
        return ownsElement;
    }

    /** Whether the whole value here is owned, not just some fields inside it ({@code f:replicas: {}}). */
    boolean ownsWholeValue() {
        return !ownsElement && fields.isEmpty() && keyed.isEmpty() && members.isEmpty() && positions.isEmpty();
    }

    /** The owned paths, for messages and tests: {@code [.spec.replicas, ...]}. */
    List<String> describe() {
        List<String> paths = new ArrayList<>();
        describe("", paths);
        return paths;
    }

    private void describe(String prefix, List<String> paths) {
        if (ownsWholeValue()) {
            paths.add(prefix.isEmpty() ? "." : prefix);
            return;
        }
        fields.forEach((name, child) -> child.describe(prefix + "." + name, paths));
        keyed.forEach((key, child) -> child.describe(prefix + "[" + key + "]", paths));
        members.forEach((value, child) -> child.describe(prefix + "[=" + value + "]", paths));
        positions.forEach((index, child) -> child.describe(prefix + "[" + index + "]", paths));
    }
}
