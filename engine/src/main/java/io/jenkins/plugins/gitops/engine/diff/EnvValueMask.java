package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;

/**
 * Hides the values of container environment variables that {@link RedactionRules} call sensitive
 * ({@code DB_PASSWORD}, {@code API_TOKEN}) wherever an {@code env} list appears: Pods, pod templates,
 * job templates, init and ephemeral containers. A hidden value reads {@code (redacted sha256:1a2b3c)},
 * as a Secret value does ({@link SecretMask}), so a diff still tells whether Git and the cluster agree.
 * {@code valueFrom} stays visible: it names a Secret, it does not hold its value.
 */
final class EnvValueMask {

    private static final String ENV = "env";
    private static final String VALUE = "value";

    private final RedactionRules rules;

    EnvValueMask(RedactionRules rules) {
        this.rules = rules;
    }

    /** A copy of a whole object (desired view, projection) with sensitive environment values hidden. */
    ObjectNode maskObject(ObjectNode object) {
        return object == null ? null : (ObjectNode) maskTree(object);
    }

    /**
     * The value to show for a changed field at {@code path}: a single environment value, one element of
     * an {@code env} list, a whole list, or any subtree that holds such lists (a container, a whole spec).
     */
    JsonNode mask(FieldPath path, JsonNode value) {
        if (value == null || rules.envNamePatterns().isEmpty()) {
            return value;
        }
        if (VALUE.equals(path.fieldName()) && isEnvElement(path.parent())) {
            String name = nameOf(path.parent());
            // Without a merge key the element's name is unknown here; hiding is the safe guess.
            return name == null || rules.isSensitiveEnvName(name) ? hidden(value) : value;
        }
        if (isEnvElement(path) && value instanceof ObjectNode element) {
            ObjectNode copy = element.deepCopy();
            maskVariable(copy);
            return copy;
        }
        if (ENV.equals(path.fieldName()) && value instanceof ArrayNode list) {
            ArrayNode copy = list.deepCopy();
            maskList(copy);
            return copy;
        }
        return maskTree(value);
    }

    private JsonNode maskTree(JsonNode node) {
        if (rules.envNamePatterns().isEmpty() || !node.isContainerNode()) {
            return node;
        }
        JsonNode copy = node.deepCopy();
        maskInPlace(copy);
        return copy;
    }

    private void maskInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (ENV.equals(field.getKey()) && field.getValue() instanceof ArrayNode list) {
                    maskList(list);
                } else {
                    maskInPlace(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode list) {
            list.forEach(this::maskInPlace);
        }
    }

    private void maskList(ArrayNode list) {
        for (JsonNode element : list) {
            if (element instanceof ObjectNode variable) {
                maskVariable(variable);
            }
        }
    }

    private void maskVariable(ObjectNode variable) {
        JsonNode value = variable.get(VALUE);
        if (value != null && !value.isNull() && rules.isSensitiveEnvName(variable.path("name").asText(null))) {
            variable.set(VALUE, hidden(value));
        }
    }

    private static JsonNode hidden(JsonNode value) {
        return TextNode.valueOf(SecretMask.redact(value, false));
    }

    private static boolean isEnvElement(FieldPath path) {
        return path != null && !path.isRoot() && ENV.equals(path.parent().fieldName())
                && (path.segment() instanceof FieldPath.Keyed || path.segment() instanceof FieldPath.Positional);
    }

    private static String nameOf(FieldPath element) {
        return element.segment() instanceof FieldPath.Keyed keyed ? keyed.key().path("name").asText(null) : null;
    }
}
