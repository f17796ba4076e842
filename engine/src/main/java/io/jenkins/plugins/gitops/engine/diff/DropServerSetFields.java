package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Removes what only the API server writes. Manifests exported from a cluster ({@code kubectl get -o
 * yaml}) carry these fields; comparing them would report every object as drifted.
 */
final class DropServerSetFields implements NormalizationRule {

    /** Metadata the server sets and a client cannot meaningfully declare. */
    static final List<String> SERVER_SET_METADATA = List.of(
            "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink",
            "deletionTimestamp", "deletionGracePeriodSeconds");

    @Override
    public String name() {
        return "drop-server-set-fields";
    }

    @Override
    public void apply(ObjectNode object) {
        // The status is written by controllers through its own subresource; apply ignores it.
        object.remove("status");
        JsonNode metadata = object.get("metadata");
        if (metadata instanceof ObjectNode fields) {
            fields.remove(SERVER_SET_METADATA);
        }
    }
}
