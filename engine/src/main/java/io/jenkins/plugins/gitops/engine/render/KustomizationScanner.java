package io.jenkins.plugins.gitops.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.render.TreeIndex.TreePathException;
import io.jenkins.plugins.gitops.engine.resource.Origin;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks, before Kustomize runs, that a kustomization and every base it reaches stay inside the
 * repository and need no network.
 *
 * <p>Kustomize's default load restrictor keeps the files a kustomization reads (patches, generator
 * files) inside its own folder, but not the folders it builds on: {@code resources: [../../../../etc]}
 * or a remote URL would be read. So every entry of {@code resources}, {@code bases}, {@code components},
 * {@code generators}, {@code transformers} and {@code validators} must be a file or folder of the
 * repository; folders are checked in turn. A remote base makes the render depend on someone else's
 * server at sync time, so it is refused too: vendor it into the repository.
 */
final class KustomizationScanner {

    private static final List<String> REFERENCE_FIELDS =
            List.of("resources", "bases", "components", "generators", "transformers", "validators");

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
            JsonNode kustomization = file == null ? null : read(file);
            if (kustomization == null) {
                continue; // no kustomization: Kustomize reports that itself
            }
            for (String field : REFERENCE_FIELDS) {
                for (JsonNode entry : kustomization.path(field)) {
                    String reference = entry.asText();
                    // Generators and transformers may hold inline configuration instead of a path.
                    if (entry.isTextual() && !reference.contains("\n")) {
                        String target = target(file, field, current, reference);
                        if (target != null) {
                            pending.add(target);
                        }
                    }
                }
            }
        }
    }

    /** The folder a reference leads to (to check next), or null for a file or a reported problem. */
    private String target(String file, String field, String folder, String reference) {
        if (reference.startsWith("/")) {
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
            if (index.isFile(resolved)) {
                return null;
            }
            if (index.isDirectory(resolved)) {
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

    private JsonNode read(String file) {
        try {
            String real = index.resolve(file);
            if (!index.isFile(real)) {
                return null;
            }
            if (index.entry(real).size() > limits.maxFileBytes()) {
                problems.error(Origin.of(file), "kustomization is larger than "
                        + RenderLimits.describe(limits.maxFileBytes()) + ", the limit; shorten it or raise the limit");
                return null;
            }
            JsonNode document = ManifestParser.readDocument(file, index.tree().read(real), problems);
            return document != null && document.isObject() ? document : null;
        } catch (TreePathException e) {
            problems.error(Origin.of(file), RepositoryPaths.linkProblem(e));
        } catch (IOException e) {
            problems.error(Origin.of(file), "cannot read the kustomization (" + e + "); check the repository");
        }
        return null;
    }
}
