package io.jenkins.plugins.gitops.engine.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which lists are associative, and by which keys: the {@code patchMergeKey} / {@code listMapKeys} of the
 * Kubernetes API types, kept as data. A list that is not in this table is atomic, which is what
 * server-side apply assumes for lists without a schema, too.
 *
 * <p>A row matches the field names at the end of a list's path, list steps left out, so
 * {@code containers.ports} finds the ports of a container in a Pod, a Deployment's template, a
 * CronJob's job template or any custom resource embedding a pod template. Rows bound to kinds apply to
 * those kinds only ({@code spec.ports} of a Service, unlike the atomic {@code spec.ports} elsewhere).
 */
final class ListMergeKeys {

    /** One row of the table. */
    record Row(List<String> pathSuffix, Set<String> kinds, ListSemantics semantics) {
        Row {
            pathSuffix = List.copyOf(pathSuffix);
            kinds = Set.copyOf(kinds);
        }

        boolean matches(String kind, List<String> fieldNames) {
            if (!kinds.isEmpty() && !kinds.contains(kind)) {
                return false;
            }
            int offset = fieldNames.size() - pathSuffix.size();
            return offset >= 0 && fieldNames.subList(offset, fieldNames.size()).equals(pathSuffix);
        }
    }

    private static final String[] CONTAINER_LISTS = {"containers", "initContainers", "ephemeralContainers"};

    private static final List<Row> ROWS = buildRows();

    private static List<Row> buildRows() {
        List<Row> rows = new ArrayList<>();
        // Pod spec (in any object that embeds one).
        for (String containers : CONTAINER_LISTS) {
            any(rows, containers, ListSemantics.mapBy("name"));
            // The server defaults protocol to TCP; server-side apply keys ports by both fields.
            any(rows, containers + ".ports", ListSemantics.mapBy("containerPort", "protocol").withDefault("protocol", "TCP"));
            any(rows, containers + ".env", ListSemantics.mapBy("name"));
            any(rows, containers + ".volumeMounts", ListSemantics.mapBy("mountPath"));
            any(rows, containers + ".volumeDevices", ListSemantics.mapBy("devicePath"));
            any(rows, containers + ".resizePolicy", ListSemantics.mapBy("resourceName"));
            any(rows, containers + ".resources.claims", ListSemantics.mapBy("name"));
        }
        any(rows, "volumes", ListSemantics.mapBy("name"));
        // Only a pod spec's: a ServiceAccount's imagePullSecrets has no merge key and is atomic.
        any(rows, "spec.imagePullSecrets", ListSemantics.mapBy("name"));
        any(rows, "hostAliases", ListSemantics.mapBy("ip"));
        any(rows, "topologySpreadConstraints", ListSemantics.mapBy("topologyKey", "whenUnsatisfiable"));
        any(rows, "schedulingGates", ListSemantics.mapBy("name"));
        any(rows, "resourceClaims", ListSemantics.mapBy("name"));
        // Metadata of every object.
        rows.add(new Row(List.of("metadata", "ownerReferences"), Set.of(), ListSemantics.mapBy("uid")));
        rows.add(new Row(List.of("metadata", "finalizers"), Set.of(), ListSemantics.SET));
        // Kind-specific lists.
        rows.add(new Row(List.of("spec", "ports"), Set.of("Service"),
                ListSemantics.mapBy("port", "protocol").withDefault("protocol", "TCP")));
        // The token controller of clusters before 1.24 adds its own entries.
        rows.add(new Row(List.of("secrets"), Set.of("ServiceAccount"), ListSemantics.mapBy("name")));
        rows.add(new Row(List.of("webhooks"), Set.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"),
                ListSemantics.mapBy("name")));
        return List.copyOf(rows);
    }

    private static void any(List<Row> rows, String dottedSuffix, ListSemantics semantics) {
        rows.add(new Row(List.of(dottedSuffix.split("\\.")), Set.of(), semantics));
    }

    private ListMergeKeys() {
    }

    /** How to match the elements of the list at {@code path} in an object of {@code kind}. */
    static ListSemantics semanticsOf(String kind, FieldPath path) {
        List<String> fieldNames = path.fieldNames();
        Row best = null;
        for (Row row : ROWS) {
            // The longest matching suffix is the most specific row.
            if (row.matches(kind, fieldNames) && (best == null || row.pathSuffix().size() > best.pathSuffix().size())) {
                best = row;
            }
        }
        return best == null ? ListSemantics.ATOMIC : best.semantics();
    }

    /** The rows, for documentation and tests. */
    static List<Row> rows() {
        return ROWS;
    }
}
