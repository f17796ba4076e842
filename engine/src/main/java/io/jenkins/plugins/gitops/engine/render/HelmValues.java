package io.jenkins.plugins.gitops.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jenkins.plugins.gitops.engine.resource.Origin;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Inline Helm values written as YAML (Argo CD's {@code helm.valuesObject}, Flux's {@code HelmRelease.spec.values}):
 * read with the same safe loader as manifests (no tags, no aliases bombs, YAML 1.1 traps reported), so that
 * values typed into a form or a configuration file reach Helm with their types.
 */
public final class HelmValues {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HelmValues() {
    }

    /**
     * The values of {@code yaml}: a mapping, or nothing for blank text.
     *
     * @param source what the text is, for messages ({@code the environment's Helm values})
     * @throws RenderException naming the line when the text is not YAML, or not a mapping
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String yaml, String source) throws RenderException {
        if (yaml == null || yaml.isBlank()) {
            return Map.of();
        }
        Problems problems = new Problems(10);
        JsonNode document = ManifestParser.readDocument(source, yaml.getBytes(StandardCharsets.UTF_8), problems);
        problems.throwIfErrors(source);
        if (document == null || document.isNull() || document.isMissingNode()) {
            return Map.of();
        }
        if (!document.isObject()) {
            throw new RenderException(new RenderProblem(Origin.of(source), "Helm values must be a mapping of keys to"
                    + " values (such as \"replicaCount: 2\"), not " + ManifestChecks.describe(document)));
        }
        return JSON.convertValue(document, LinkedHashMap.class);
    }
}
