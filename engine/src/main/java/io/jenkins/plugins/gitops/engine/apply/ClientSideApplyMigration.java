package io.jenkins.plugins.gitops.engine.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.diff.ClientSideApply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON patch that hands the fields client-side {@code kubectl apply} set over to this engine's field
 * manager, as fluxcd/pkg {@code ssa} does before it applies: the entries of {@link ClientSideApply#MANAGERS}
 * are merged into the engine's {@code Apply} entry (or the first one becomes it), and the
 * {@value ClientSideApply#LAST_APPLIED_ANNOTATION} annotation is removed. Server-side apply then removes every
 * field Git no longer declares, which it never does for fields another manager owns.
 *
 * <p>A pure function of the live object: sending the patch is the {@link Applier}'s job.
 */
public final class ClientSideApplyMigration {

    private ClientSideApplyMigration() {
    }

    /**
     * The patch for {@code live}, or empty when client-side apply left nothing on it.
     *
     * @param fieldManager the engine's field manager
     */
    public static Optional<ArrayNode> patchFor(JsonNode live, String fieldManager) {
        JsonNode metadata = live.path("metadata");
        boolean lastApplied = metadata.path("annotations").has(ClientSideApply.LAST_APPLIED_ANNOTATION);
        List<JsonNode> kept = new ArrayList<>();
        List<JsonNode> handedOver = new ArrayList<>();
        ObjectNode own = null;
        for (JsonNode entry : metadata.path("managedFields")) {
            boolean subresource = !entry.path("subresource").asText("").isEmpty();
            String manager = entry.path("manager").asText("");
            String operation = entry.path("operation").asText("");
            if (!subresource && ClientSideApply.MANAGERS.contains(manager) && ClientSideApply.OPERATION.equals(operation)) {
                handedOver.add(entry);
            } else if (!subresource && own == null && manager.equals(fieldManager) && "Apply".equals(operation)) {
                own = entry.deepCopy();
            } else {
                kept.add(entry);
            }
        }
        if (handedOver.isEmpty() && !lastApplied) {
            return Optional.empty();
        }
        ArrayNode patch = JsonNodeFactory.instance.arrayNode();
        if (lastApplied) {
            patch.addObject().put("op", "remove").put("path", "/metadata/annotations/"
                    + ClientSideApply.LAST_APPLIED_ANNOTATION.replace("~", "~0").replace("/", "~1"));
        }
        if (!handedOver.isEmpty()) {
            if (own == null) {
                own = handedOver.get(0).deepCopy();
                own.put("manager", fieldManager).put("operation", "Apply");
                own.remove("time");
            }
            for (JsonNode entry : handedOver) {
                merge((ObjectNode) own.with("fieldsV1"), entry.path("fieldsV1"));
            }
            ArrayNode entries = JsonNodeFactory.instance.arrayNode();
            kept.forEach(entries::add);
            entries.add(own); // last, as Flux puts it
            patch.addObject().put("op", "replace").put("path", "/metadata/managedFields").set("value", entries);
        }
        return Optional.of(patch);
    }

    /** Which managers the patch hands over from, for the report; empty when there is nothing to hand over. */
    public static List<String> managersOn(JsonNode live) {
        List<String> managers = new ArrayList<>();
        for (JsonNode entry : live.path("metadata").path("managedFields")) {
            String manager = entry.path("manager").asText("");
            if (ClientSideApply.MANAGERS.contains(manager) && ClientSideApply.OPERATION.equals(entry.path("operation").asText(""))
                    && entry.path("subresource").asText("").isEmpty() && !managers.contains(manager)) {
                managers.add(manager);
            }
        }
        return managers;
    }

    /** The union of two fieldsV1 trees: each is a set of paths spelled as nested maps. */
    static void merge(ObjectNode into, JsonNode from) {
        if (from == null || !from.isObject()) {
            return;
        }
        from.properties().forEach(field -> {
            JsonNode existing = into.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
                merge(existingObject, field.getValue());
            } else if (existing == null) {
                into.set(field.getKey(), field.getValue().deepCopy());
            }
        });
    }
}
