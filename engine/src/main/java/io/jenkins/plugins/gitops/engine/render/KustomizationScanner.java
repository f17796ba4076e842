package io.jenkins.plugins.gitops.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.render.TreeIndex.TreePathException;
import io.jenkins.plugins.gitops.engine.resource.Origin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks, before Kustomize runs, that a kustomization and every base it reaches read nothing but files of
 * the repository: no network, no file of the controller.
 *
 * <p>Kustomize's default load restrictor keeps the files a kustomization reads (patches, generator
 * files) inside its own folder, but not the folders it builds on: {@code resources: [../../../../etc]}
 * would be read. And its file loader fetches any {@code http(s)://} "file" (a generator's {@code files},
 * a patch's {@code path}, {@code openapi.path}, …), a request forgery from the controller, while a base
 * that looks like a Git address is cloned. So:
 *
 * <ul>
 *   <li>every entry of {@code resources}, {@code bases}, {@code components}, {@code generators},
 *       {@code transformers} and {@code validators} must be a file or folder of the repository; folders
 *       are checked in turn, and plugin configurations (files or inline) have their file names checked;
 *   <li>every file name of {@link KustomizeInputs} must be a relative path that stays inside the
 *       repository, never a URL (a missing file is left to Kustomize to report);
 *   <li>{@code helmCharts} is refused: Kustomize would run Helm, which downloads charts.
 * </ul>
 *
 * A remote base makes the render depend on someone else's server at sync time, so it is refused too:
 * vendor it into the repository.
 */
final class KustomizationScanner {

    private static final List<String> REFERENCE_FIELDS =
            List.of("resources", "bases", "components", "generators", "transformers", "validators");
    private static final Set<String> PLUGIN_FIELDS = Set.of("generators", "transformers", "validators");
    /** Plugin configuration files hold few documents; more than this is not a configuration. */
    private static final int MAX_PLUGIN_CONFIGS = 1000;

    private static final String HELM_REFUSED = "Kustomize's Helm inflation is not supported (Helm would download "
            + "charts and run while rendering); render the chart with the Helm renderer, or commit its output";

    private final TreeIndex index;
    private final RenderLimits limits;
    private final Problems problems;

    KustomizationScanner(TreeIndex index, RenderLimits limits, Problems problems) {
        this.index = index;
        this.limits = limits;
        this.problems = problems;
    }

    /** The kustomization file of a folder (after links), or null when it has none. */
    static String kustomizationFile(TreeIndex index, String folder) {
        for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            String file = RepositoryPaths.join(folder, name);
            if (index.entry(file) != null) {
                return file;
            }
        }
        return null;
    }

    /** Checks the kustomization in {@code folder} and, transitively, every folder it refers to. */
    void check(String folder) {
        Deque<String> pending = new ArrayDeque<>(List.of(folder));
        Set<String> checked = new HashSet<>();
        while (!pending.isEmpty()) {
            String current = pending.removeFirst();
            if (!checked.add(current)) {
                continue;
            }
            String file = kustomizationFile(index, current);
            List<JsonNode> kustomization = file == null ? List.of() : read(file, 1);
            if (kustomization.isEmpty() || !kustomization.get(0).isObject()) {
                continue; // no kustomization: Kustomize reports that itself
            }
            checkReferences(file, current, kustomization.get(0), pending);
            checkFiles(file, current, kustomization.get(0));
        }
    }

    private void checkReferences(String file, String folder, JsonNode kustomization, Deque<String> pending) {
        for (String field : REFERENCE_FIELDS) {
            JsonNode entries = kustomization.path(field);
            for (int i = 0; i < entries.size(); i++) {
                JsonNode entry = entries.get(i);
                String reference = entry.asText();
                boolean plugin = PLUGIN_FIELDS.contains(field);
                // Generators and transformers may hold inline configuration instead of a path.
                if (entry.isTextual() && !reference.contains("\n")) {
                    String target = target(file, field, folder, reference);
                    if (target == null) {
                        continue;
                    }
                    if (index.isFile(target)) {
                        if (plugin) {
                            checkPluginConfigs(target, folder, read(target, MAX_PLUGIN_CONFIGS), "");
                        }
                    } else {
                        pending.add(target);
                    }
                } else if (plugin) {
                    String inline = field + "[" + i + "]";
                    List<JsonNode> configs = entry.isTextual()
                            ? ManifestParser.readDocuments(file, reference.getBytes(StandardCharsets.UTF_8), problems,
                                    MAX_PLUGIN_CONFIGS)
                            : List.of(entry);
                    checkPluginConfigs(file, folder, configs, inline);
                }
            }
        }
    }

    /**
     * Checks the file names of built-in plugin configurations, which {@code file} holds (inline as the
     * entry {@code prefix}, or as a file of their own when it is empty); paths are relative to {@code folder}.
     */
    private void checkPluginConfigs(String file, String folder, List<JsonNode> configs, String prefix) {
        for (JsonNode config : configs) {
            String kind = config.path("kind").asText();
            String name = config.path("metadata").path("name").asText();
            String plugin = name.isEmpty() ? kind : kind + " " + name;
            String where = prefix.isEmpty() ? plugin : prefix + " (" + plugin + ")";
            if (KustomizeInputs.HELM_KINDS.contains(kind)) {
                problems.error(Origin.of(file), where + ": " + HELM_REFUSED);
                continue;
            }
            KustomizeInputs.ofPluginConfig(where + " ", config,
                    (field, reference) -> checkFile(file, field, folder, reference));
        }
    }

    private void checkFiles(String file, String folder, JsonNode kustomization) {
        for (String field : KustomizeInputs.HELM_FIELDS) {
            JsonNode helm = kustomization.path(field);
            if (!helm.isMissingNode() && !helm.isNull() && !(helm.isContainerNode() && helm.isEmpty())) {
                problems.error(Origin.of(file), field + ": " + HELM_REFUSED);
            }
        }
        KustomizeInputs.ofKustomization(kustomization, (field, reference) -> checkFile(file, field, folder, reference));
    }

    /** A file name Kustomize reads: relative, inside the repository, never a URL. */
    private void checkFile(String file, String field, String folder, String reference) {
        if (KustomizeInputs.isRemote(reference)) {
            problems.error(Origin.of(file), field + ": \"" + reference + "\" is a URL, which Kustomize would "
                    + "fetch while rendering; only files of the repository can be read: commit the file next to the "
                    + "kustomization and name it by its relative path");
            return;
        }
        if (isAbsolute(reference)) {
            problems.error(Origin.of(file), field + ": \"" + reference + "\" is an absolute path; "
                    + "give a path relative to the kustomization, inside the repository");
            return;
        }
        try {
            index.resolve(RepositoryPaths.join(folder, reference));
        } catch (TreePathException e) {
            problems.error(Origin.of(file), field + ": \"" + reference + "\" " + e.getMessage()
                    + "; keep every file the kustomization reads inside the repository");
        }
    }

    private static boolean isAbsolute(String reference) {
        return reference.startsWith("/") || reference.startsWith("\\") || reference.startsWith("~");
    }

    /** The file or folder a reference leads to, or null for a reported problem. */
    private String target(String file, String field, String folder, String reference) {
        if (KustomizeInputs.isRemote(reference)) {
            problems.error(Origin.of(file), field + " entry \"" + reference + "\" is not a file or folder of the "
                    + "repository; remote bases are not supported: vendor the base into the repository");
            return null;
        }
        if (isAbsolute(reference)) {
            problems.error(Origin.of(file), field + " entry \"" + reference + "\" is an absolute path; "
                    + "give a path relative to the kustomization, inside the repository");
            return null;
        }
        String resolved;
        try {
            resolved = index.resolve(RepositoryPaths.join(folder, reference));
        } catch (TreePathException e) {
            problems.error(Origin.of(file), field + " entry \"" + reference + "\" " + e.getMessage()
                    + "; keep every base inside the repository");
            return null;
        }
        try {
            if (index.isFile(resolved) || index.isDirectory(resolved)) {
                return resolved;
            }
        } catch (IOException e) {
            problems.error(Origin.of(file), "cannot check " + field + " entry \"" + reference + "\" (" + e + ")");
            return null;
        }
        problems.error(Origin.of(file), field + " entry \"" + reference + "\" is not a file or folder of the "
                + "repository; remote bases are not supported: fix the path, or vendor the base into the repository");
        return null;
    }

    /** Up to {@code max} YAML documents of a file of the tree; none, with the problem reported, when unreadable. */
    private List<JsonNode> read(String file, int max) {
        try {
            String real = index.resolve(file);
            if (!index.isFile(real)) {
                return List.of();
            }
            if (index.entry(real).size() > limits.maxFileBytes()) {
                problems.error(Origin.of(file), "larger than " + RenderLimits.describe(limits.maxFileBytes())
                        + ", the limit; shorten it or raise the limit");
                return List.of();
            }
            return ManifestParser.readDocuments(file, index.tree().read(real), problems, max);
        } catch (TreePathException e) {
            problems.error(Origin.of(file), RepositoryPaths.linkProblem(e));
        } catch (IOException e) {
            problems.error(Origin.of(file), "cannot read the file (" + e + "); check the repository");
        }
        return List.of();
    }
}
