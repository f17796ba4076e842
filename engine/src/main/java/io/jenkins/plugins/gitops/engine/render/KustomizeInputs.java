package io.jenkins.plugins.gitops.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Where a kustomization, or the configuration of one of Kustomize's built-in plugins, names a file that
 * Kustomize reads: generator files and env files, patch files, OpenAPI schemas, replacement sources,
 * configurations, CRDs, the Helm chart home.
 *
 * <p>Kustomize's file loader fetches any {@code http://} or {@code https://} "file" from the network and
 * clones anything that looks like a Git address as a base, so each of these names is checked before
 * Kustomize runs. Fields that hold inline content (a {@code patch}, a multi-line strategic-merge patch,
 * literals) name no file and are skipped.
 */
final class KustomizeInputs {

    /** Kustomization fields that embed Helm: Kustomize would run Helm, which may pull charts from anywhere. */
    static final List<String> HELM_FIELDS = List.of("helmCharts", "helmChartInflationGenerator");

    /** Kinds of built-in plugin configurations that run Helm. */
    static final Set<String> HELM_KINDS = Set.of("HelmChartInflationGenerator");

    /** {@code https://…}, {@code file://…}, {@code git::…}: any scheme, and Kustomize's own prefixes. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);
    /** scp-like Git addresses: {@code git@host:org/repo}. */
    private static final Pattern SCP_LIKE = Pattern.compile("^[^/]*@[^/]*:.*", Pattern.DOTALL);

    private KustomizeInputs() {
    }

    /**
     * Whether Kustomize could take {@code reference} for something on the network: a URL of any scheme,
     * an scp-like Git address, or Kustomize's shorthands ({@code github.com/org/repo}, {@code gh:org/repo}).
     * Kustomize tries a base as a Git address before it looks for a local folder, so a folder of the
     * repository named {@code github.com} is no excuse.
     */
    static boolean isRemote(String reference) {
        String trimmed = reference.trim();
        return trimmed.contains("://") || SCHEME.matcher(trimmed).matches() || SCP_LIKE.matcher(trimmed).matches()
                || trimmed.regionMatches(true, 0, "github.com", 0, "github.com".length());
    }

    /**
     * Gives every file name of a kustomization to {@code sink} as (field, name), the field as a path
     * such as {@code configMapGenerator[0].files} or {@code openapi.path}.
     */
    static void ofKustomization(JsonNode kustomization, BiConsumer<String, String> sink) {
        generators("configMapGenerator", kustomization.path("configMapGenerator"), sink);
        generators("secretGenerator", kustomization.path("secretGenerator"), sink);
        pathOfEach("patches", kustomization.path("patches"), sink);
        pathOfEach("patchesJson6902", kustomization.path("patchesJson6902"), sink);
        pathOfEach("replacements", kustomization.path("replacements"), sink);
        filePaths("patchesStrategicMerge", kustomization.path("patchesStrategicMerge"), sink);
        filePaths("configurations", kustomization.path("configurations"), sink);
        filePaths("crds", kustomization.path("crds"), sink);
        filePath("openapi.path", kustomization.path("openapi").path("path"), sink);
        filePath("helmGlobals.chartHome", kustomization.path("helmGlobals").path("chartHome"), sink);
    }

    /**
     * Gives every file name of a built-in plugin configuration (an entry of {@code generators} or
     * {@code transformers}) to {@code sink}, the field prefixed with {@code prefix}.
     */
    static void ofPluginConfig(String prefix, JsonNode config, BiConsumer<String, String> sink) {
        switch (config.path("kind").asText()) {
            case "ConfigMapGenerator", "SecretGenerator" -> generator(prefix, config, sink);
            case "PatchTransformer", "PatchJson6902Transformer" -> filePath(prefix + "path", config.path("path"), sink);
            case "PatchStrategicMergeTransformer" -> filePaths(prefix + "paths", config.path("paths"), sink);
            case "ReplacementTransformer" -> pathOfEach(prefix + "replacements", config.path("replacements"), sink);
            default -> {
                // other built-in plugins read no file; others still are not enabled (no --enable-alpha-plugins)
            }
        }
    }

    private static void generators(String field, JsonNode generators, BiConsumer<String, String> sink) {
        for (int i = 0; i < generators.size(); i++) {
            generator(field + "[" + i + "].", generators.get(i), sink);
        }
    }

    /** {@code files: [[key=]path]}, {@code envs: [path]} and the older {@code env: path}. */
    private static void generator(String prefix, JsonNode generator, BiConsumer<String, String> sink) {
        for (JsonNode file : generator.path("files")) {
            if (file.isTextual()) {
                String source = file.asText();
                int equals = source.indexOf('=');
                sink.accept(prefix + "files", equals < 0 ? source : source.substring(equals + 1));
            }
        }
        filePaths(prefix + "envs", generator.path("envs"), sink);
        filePath(prefix + "env", generator.path("env"), sink);
    }

    private static void pathOfEach(String field, JsonNode entries, BiConsumer<String, String> sink) {
        for (int i = 0; i < entries.size(); i++) {
            filePath(field + "[" + i + "].path", entries.get(i).path("path"), sink);
        }
    }

    private static void filePaths(String field, JsonNode entries, BiConsumer<String, String> sink) {
        for (JsonNode entry : entries) {
            filePath(field, entry, sink);
        }
    }

    /** A single-line text names a file; a multi-line one is inline content (a patch). */
    private static void filePath(String field, JsonNode value, BiConsumer<String, String> sink) {
        if (value.isTextual() && !value.asText().contains("\n") && !value.asText().isBlank()) {
            sink.accept(field, value.asText());
        }
    }
}
