package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Moves a Secret's {@code stringData} into {@code data}, base64-encoding the UTF-8 of each value. The API
 * server does the same on every write and never returns {@code stringData}, so without this rule a
 * Secret declared with stringData would always look drifted. As on the server, a key in stringData wins
 * over the same key in data.
 */
final class SecretStringDataAsData implements NormalizationRule {

    @Override
    public String name() {
        return "secret-string-data-as-data";
    }

    @Override
    public void apply(ObjectNode object) {
        if (!SecretMask.isSecret(object.path("apiVersion").asText(), object.path("kind").asText())) {
            return;
        }
        JsonNode stringData = object.get("stringData");
        if (stringData == null || !stringData.isObject()) {
            return;
        }
        ObjectNode data = object.get("data") instanceof ObjectNode existing ? existing : object.putObject("data");
        for (Map.Entry<String, JsonNode> entry : stringData.properties()) {
            byte[] bytes = entry.getValue().asText().getBytes(StandardCharsets.UTF_8);
            data.put(entry.getKey(), Base64.getEncoder().encodeToString(bytes));
        }
        object.remove("stringData");
    }
}
