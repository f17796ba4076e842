package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Inline YAML for tests that are clearer with the object in front of the reader than in a fixture file. */
final class Manifests {

    private static final YAMLMapper YAML = new YAMLMapper();

    private Manifests() {
    }

    static ObjectNode yaml(String text) {
        return (ObjectNode) node(text);
    }

    static JsonNode node(String text) {
        try {
            return YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("test YAML does not parse: " + e.getMessage(), e);
        }
    }
}
