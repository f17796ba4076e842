package io.jenkins.plugins.gitops.engine.declare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one computation of a folder found: the environments its repository declares, and the problems.
 *
 * <p>A problem stays with its source: one bad file or folder never removes, changes or hides another's
 * environment. A caller must leave an existing environment alone, neither updating nor orphaning it, when its
 * source is one of {@link #failedSources()}, and must orphan nothing at all when the result is not
 * {@link #complete()} (the repository could not be listed as a whole, so absence proves nothing).
 *
 * @param description where the declarations were read: repository URL (without credentials) and commit
 * @param environments valid declarations with distinct names, sorted by name
 * @param errors every problem, in the order of the sources
 * @param failedSources repository paths whose declaration could not be used
 * @param complete whether every matching source was considered
 */
public record GenerationResult(String description, List<EnvironmentDeclaration> environments,
        List<DeclarationError> errors, Set<String> failedSources, boolean complete) {

    public GenerationResult {
        environments = List.copyOf(environments);
        errors = List.copyOf(errors);
        failedSources = Set.copyOf(failedSources);
    }

    /** A computation that could not start: the folder's settings are wrong, or the repository cannot be read. */
    public static GenerationResult failed(String description, DeclarationError error) {
        return new GenerationResult(description, List.of(), List.of(error), Set.of(), false);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Whether the environment that came from {@code source} must be left as it is. */
    public boolean isFailed(String source) {
        return failedSources.contains(source);
    }

    /** Collects declarations and problems source by source, and finds names declared twice. */
    static final class Collector {
        private final Map<String, List<EnvironmentDeclaration>> byName = new LinkedHashMap<>();
        private final List<DeclarationError> errors = new ArrayList<>();
        private final Set<String> failedSources = new LinkedHashSet<>();
        private boolean complete = true;

        void declare(EnvironmentDeclaration declaration) {
            byName.computeIfAbsent(declaration.name(), n -> new ArrayList<>()).add(declaration);
        }

        void fail(String source, int line, String message) {
            errors.add(new DeclarationError(source, line, message));
            failedSources.add(source);
        }

        void incomplete(DeclarationError error) {
            errors.add(error);
            complete = false;
        }

        GenerationResult result(String description) {
            List<EnvironmentDeclaration> unique = new ArrayList<>();
            for (Map.Entry<String, List<EnvironmentDeclaration>> entry : byName.entrySet()) {
                List<EnvironmentDeclaration> same = entry.getValue();
                if (same.size() == 1) {
                    unique.add(same.get(0));
                    continue;
                }
                // Neither wins: which file is right is the author's call, and a silent pick could move an environment.
                List<String> locations = same.stream().map(EnvironmentDeclaration::location).toList();
                for (EnvironmentDeclaration declaration : same) {
                    fail(declaration.source(), declaration.line(), "the environment name \"" + entry.getKey()
                            + "\" is declared " + same.size() + " times: " + String.join(", ", locations)
                            + "; give each environment its own name");
                }
            }
            unique.sort(Comparator.comparing(EnvironmentDeclaration::name));
            return new GenerationResult(description, unique, errors, failedSources, complete);
        }
    }
}
