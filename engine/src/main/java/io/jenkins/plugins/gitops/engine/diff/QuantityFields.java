package io.jenkins.plugins.gitops.engine.diff;

import java.util.Map;
import java.util.Set;

/**
 * Which fields hold a {@code resource.Quantity}: the API server parses those and writes them back in
 * canonical form ({@code 0.5} becomes {@code 500m}, {@code 1000m} becomes {@code 1}), so they are
 * compared by amount, not by spelling.
 */
final class QuantityFields {

    /** Maps of resource name to quantity, in any kind (ResourceRequirements, ResourceQuota, PV, Node, RuntimeClass). */
    private static final Set<String> QUANTITY_MAPS = Set.of(
            "limits", "requests", "hard", "used", "capacity", "allocatable", "overhead", "podFixed");

    /** Maps of quantities that only mean that in one kind, because their names are common words. */
    private static final Map<String, Set<String>> QUANTITY_MAPS_BY_KIND = Map.of(
            "LimitRange", Set.of("max", "min", "default", "defaultRequest", "maxLimitRequestRatio"));

    /** Single quantity fields. */
    private static final Set<String> QUANTITY_VALUES = Set.of("sizeLimit");

    private QuantityFields() {
    }

    static boolean holdsQuantity(String kind, FieldPath path) {
        String name = path.fieldName();
        if (name == null) {
            return false;
        }
        if (QUANTITY_VALUES.contains(name)) {
            return true;
        }
        String map = path.parentFieldName();
        return map != null
                && (QUANTITY_MAPS.contains(map) || QUANTITY_MAPS_BY_KIND.getOrDefault(kind, Set.of()).contains(map));
    }
}
