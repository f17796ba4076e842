package io.jenkins.plugins.gitops.engine.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Small rewrites that let manifests kubectl accepts pass server-side apply unchanged in meaning.
 *
 * <ul>
 *   <li>Service ports without {@code protocol}: kube-apiserver before 1.21 refuses them in an apply
 *       ("omits key field protocol") because protocol is part of the list's merge key; TCP is what the
 *       server would default anyway.</li>
 *   <li>Resource quantities written as YAML numbers ({@code cpu: 0.5}): the apply path before 1.21 refuses
 *       a number where it expects a quantity string; the same value as a string is what every client sends.</li>
 * </ul>
 */
public final class ApplyPreparation {

    private static final Set<String> QUANTITY_MAPS = Set.of("limits", "requests", "hard", "capacity");

    private ApplyPreparation() {
    }

    /** Rewrites {@code manifest} in place. */
    public static void prepare(ObjectNode manifest) {
        if ("Service".equals(manifest.path("kind").asText()) && "v1".equals(manifest.path("apiVersion").asText())) {
            for (JsonNode port : manifest.path("spec").path("ports")) {
                if (port instanceof ObjectNode object && !object.has("protocol")) {
                    object.put("protocol", "TCP");
                }
            }
        }
        quantitiesAsStrings(manifest);
    }

    private static void quantitiesAsStrings(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(field -> {
                if (QUANTITY_MAPS.contains(field.getKey()) && field.getValue() instanceof ObjectNode quantities) {
                    quantities.fields().forEachRemaining(quantity -> {
                        if (quantity.getValue().isNumber()) {
                            quantities.put(quantity.getKey(), quantity.getValue().asText());
                        }
                    });
                } else {
                    quantitiesAsStrings(field.getValue());
                }
            });
        } else if (node.isArray()) {
            node.forEach(ApplyPreparation::quantitiesAsStrings);
        }
    }
}
