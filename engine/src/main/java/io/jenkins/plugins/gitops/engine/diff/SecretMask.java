package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Keeps Secret values inside the diff package, as flux's {@code ssa/jsondiff/mask.go} does: every value
 * under a Secret's {@code data} or {@code stringData} becomes {@code (redacted sha256:1a2b3c)}.
 *
 * <p>The six hex digits are the start of the SHA-256 of the decoded value, so a report still shows
 * whether Git and the cluster hold the same value, and an operator can check a candidate with
 * {@code printf %s "$value" | sha256sum}; 24 bits identify a value among a handful but are far too few
 * to recover it.
 */
final class SecretMask {

    /** Fields of a Secret that hold its values. */
    static final List<String> SECRET_FIELDS = List.of("data", "stringData");

    private static final int HASH_DIGITS = 6;

    private final boolean active;

    private SecretMask(boolean active) {
        this.active = active;
    }

    /** The mask for an object of this kind: it hides values only in Secrets. */
    static SecretMask forObject(String apiVersion, String kind) {
        return new SecretMask(isSecret(apiVersion, kind));
    }

    static boolean isSecret(String apiVersion, String kind) {
        return "v1".equals(apiVersion) && "Secret".equals(kind);
    }

    /** Whether a value at {@code path} must be masked. */
    boolean covers(FieldPath path) {
        if (!active) {
            return false;
        }
        List<String> names = path.pointerTokens();
        return !names.isEmpty() && SECRET_FIELDS.contains(names.get(0));
    }

    /** The value to show for a value at {@code path}: itself, or masked when the path is covered. */
    JsonNode mask(FieldPath path, JsonNode value) {
        if (value == null || !covers(path)) {
            return value;
        }
        return redactAll(value, path.pointerTokens().get(0).equals("data"));
    }

    /** A copy of a whole object (desired view, projection) with its Secret values masked. */
    ObjectNode maskObject(ObjectNode object) {
        if (!active || object == null) {
            return object;
        }
        ObjectNode copy = object.deepCopy();
        for (String field : SECRET_FIELDS) {
            JsonNode values = copy.get(field);
            if (values != null) {
                copy.set(field, redactAll(values, field.equals("data")));
            }
        }
        return copy;
    }

    private static JsonNode redactAll(JsonNode value, boolean base64) {
        if (value instanceof ObjectNode map) {
            ObjectNode masked = map.objectNode();
            for (Map.Entry<String, JsonNode> entry : map.properties()) {
                masked.set(entry.getKey(), redactAll(entry.getValue(), base64));
            }
            return masked;
        }
        if (value instanceof ArrayNode list) {
            ArrayNode masked = list.arrayNode();
            list.forEach(element -> masked.add(redactAll(element, base64)));
            return masked;
        }
        return TextNode.valueOf(redact(value, base64));
    }

    /** The marker for one value; {@code data} values are hashed decoded, so Git's stringData and the live data agree. */
    static String redact(JsonNode value, boolean base64) {
        byte[] bytes = value.asText().getBytes(StandardCharsets.UTF_8);
        if (base64) {
            try {
                bytes = Base64.getMimeDecoder().decode(value.asText());
            } catch (IllegalArgumentException notBase64) {
                // The API server would reject it; hash the text as it is, the value stays hidden either way.
                bytes = value.asText().getBytes(StandardCharsets.UTF_8);
            }
        }
        return "(redacted sha256:" + sha256(bytes).substring(0, HASH_DIGITS) + ")";
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }
}
