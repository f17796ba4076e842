package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Removes map entries whose value is {@code null} ({@code annotations: null},
 * {@code creationTimestamp: null} in {@code kubectl create --dry-run -o yaml} output). Server-side apply
 * treats an explicit null as "not set": the field is not ours, so it is not compared either.
 * Nulls inside lists are kept, because removing them would shift the positions of the others.
 */
final class DropNullValues implements NormalizationRule {

    @Override
    public String name() {
        return "drop-null-values";
    }

    @Override
    public void apply(ObjectNode object) {
        dropNulls(object);
    }

    private static void dropNulls(JsonNode node) {
        if (node instanceof ObjectNode map) {
            map.properties().removeIf(field -> field.getValue().isNull());
            map.forEach(DropNullValues::dropNulls);
        } else if (node.isArray()) {
            node.forEach(DropNullValues::dropNulls);
        }
    }
}
