package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who owns which fields of a live object, read from its {@code metadata.managedFields}: what lets the
 * comparison skip fields another controller is meant to own (an autoscaler's {@code spec.replicas})
 * and tell an empty value the server omitted from one somebody removed. Needs no API request: LIST and
 * GET return managedFields with the object.
 */
final class ManagedFields {

    private static final Logger LOGGER = Logger.getLogger(ManagedFields.class.getName());

    /** One entry of managedFields. */
    record Entry(String manager, String operation, FieldSet fields, boolean subresource) {
    }

    private final List<Entry> entries;

    private ManagedFields(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads the managedFields of {@code live}. An entry that is not valid fieldsV1 owns nothing: its
     * fields are then compared, which can report drift but never hide it.
     */
    static ManagedFields of(ObjectNode live, ObjectRef ref) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode entry : live.path("metadata").path("managedFields")) {
            String manager = entry.path("manager").asText("");
            if (!entry.has("fieldsV1")) {
                continue;
            }
            try {
                entries.add(new Entry(manager, entry.path("operation").asText(""), FieldSet.parse(entry.get("fieldsV1")),
                        !entry.path("subresource").asText("").isEmpty()));
            } catch (IllegalArgumentException e) {
                LOGGER.log(Level.WARNING, e, () -> ref + ": managedFields of manager \"" + manager
                        + "\" not understood (" + e.getMessage() + "); its fields are compared as if nobody owned them");
            }
        }
        return new ManagedFields(entries);
    }

    static ManagedFields none() {
        return new ManagedFields(List.of());
    }

    /** The field sets of every entry written by one of {@code managers} (a manager may have several). */
    List<FieldSet> ownedBy(Collection<String> managers) {
        return entries.stream().filter(entry -> managers.contains(entry.manager())).map(Entry::fields).toList();
    }

    /**
     * The field sets of every manager not in {@code excluded}, by manager name; entries of a subresource
     * ({@code status}) are left out: Git never declares those fields.
     */
    java.util.Map<String, List<FieldSet>> othersThan(Collection<String> excluded) {
        java.util.Map<String, List<FieldSet>> others = new java.util.TreeMap<>();
        for (Entry entry : entries) {
            if (!excluded.contains(entry.manager()) && !entry.subresource()) {
                others.computeIfAbsent(entry.manager(), m -> new ArrayList<>()).add(entry.fields());
            }
        }
        return others;
    }

    /** The entries of {@code manager} with {@code operation} ({@code Update}, {@code Apply}). */
    List<FieldSet> ownedBy(String manager, String operation) {
        return entries.stream().filter(entry -> entry.manager().equals(manager) && entry.operation().equals(operation)
                && !entry.subresource()).map(Entry::fields).toList();
    }

    boolean hasManager(String manager) {
        return entries.stream().anyMatch(entry -> entry.manager().equals(manager));
    }
}
