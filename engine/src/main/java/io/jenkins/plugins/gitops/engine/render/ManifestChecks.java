package io.jenkins.plugins.gitops.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.hook.HookAnnotations;
import java.util.ArrayList;
import java.util.List;

/**
 * What every manifest needs before it is a {@link io.jenkins.plugins.gitops.engine.resource.KubeObject}:
 * a string apiVersion, kind and metadata.name (or, for a hook, metadata.generateName), and a string namespace if it
 * has one. YAML 1.1 makes
 * some of these traps ({@code name: yes} is a boolean), so a wrong type says how to fix it.
 */
final class ManifestChecks {

    private ManifestChecks() {
    }

    /** What is wrong with a manifest, as a user-facing message, or null if nothing is. */
    static String problemOf(ObjectNode manifest) {
        List<String> missing = new ArrayList<>();
        JsonNode apiVersion = manifest.get("apiVersion");
        JsonNode kind = manifest.get("kind");
        JsonNode metadata = manifest.get("metadata");
        if (isAbsent(apiVersion)) {
            missing.add("apiVersion");
        }
        if (isAbsent(kind)) {
            missing.add("kind");
        }
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            return "metadata is " + describe(metadata) + ", not a mapping; fix the metadata";
        }
        JsonNode name = metadata == null ? null : metadata.get("name");
        if (isAbsent(name) && isGeneratedHook(manifest)) {
            name = metadata.get("generateName"); // named by the sync that runs it, as Argo CD names hooks
        }
        if (isAbsent(name)) {
            missing.add("metadata.name");
        }
        if (missing.size() == 1) {
            return "document has no " + missing.get(0) + "; " + switch (missing.get(0)) {
                case "apiVersion" -> "add one (such as apps/v1) or remove the document";
                case "kind" -> "add one (such as Deployment) or remove the document";
                default -> metadata != null && !isAbsent(metadata.get("generateName"))
                        ? "metadata.generateName is for hooks only (annotate it argocd.argoproj.io/hook); add a name"
                        : "add a name or remove the document";
            };
        }
        if (!missing.isEmpty()) {
            return "document has no " + String.join(", ", missing.subList(0, missing.size() - 1)) + " or "
                    + missing.get(missing.size() - 1) + "; it is not a Kubernetes object: complete it or remove it";
        }
        String wrongType = wrongType("apiVersion", apiVersion);
        if (wrongType == null) {
            wrongType = wrongType("kind", kind);
        }
        if (wrongType == null) {
            wrongType = wrongType(metadata.has("name") ? "metadata.name" : "metadata.generateName", name);
        }
        JsonNode namespace = metadata.get("namespace");
        if (wrongType == null && namespace != null && !namespace.isNull()) {
            wrongType = wrongType("metadata.namespace", namespace);
        }
        return wrongType;
    }

    /** A hook that Git names by a prefix only: the sync that runs it completes the name. */
    private static boolean isGeneratedHook(ObjectNode manifest) {
        JsonNode metadata = manifest.get("metadata");
        return metadata != null && metadata.isObject() && !isAbsent(metadata.get("generateName"))
                && HookAnnotations.declaresHook(manifest);
    }

    /** A value's JSON type for messages: "a number (123)", "a boolean (true)", "a list". */
    static String describe(JsonNode value) {
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isNumber()) {
            return "a number (" + value.asText() + ")";
        }
        if (value.isBoolean()) {
            return "a boolean (" + value.asText() + ")";
        }
        return value.isNull() ? "null" : "the text \"" + value.asText() + "\"";
    }

    private static boolean isAbsent(JsonNode value) {
        return value == null || value.isNull() || value.isTextual() && value.asText().isBlank();
    }

    private static String wrongType(String field, JsonNode value) {
        if (value.isTextual()) {
            return null;
        }
        String hint = value.isBoolean() || value.isNumber()
                ? "; quote it, since YAML reads unquoted yes, on, 0777 and the like as booleans or numbers"
                : "; fix the value";
        return field + " must be text, not " + describe(value) + hint;
    }
}
