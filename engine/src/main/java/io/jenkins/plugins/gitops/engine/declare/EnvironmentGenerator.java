package io.jenkins.plugins.gitops.engine.declare;

import io.jenkins.plugins.gitops.engine.source.FileTree;
import io.jenkins.plugins.gitops.engine.source.FileTree.FileEntry;
import io.jenkins.plugins.gitops.engine.source.GitSource;
import io.jenkins.plugins.gitops.engine.source.SourceException;
import io.jenkins.plugins.gitops.engine.source.SourceRequest;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Turns a folder repository's tree into environment declarations: {@link DirectoryGenerator} makes one per
 * matching folder, {@link FileGenerator} one per matching file. Each source is handled on its own, so that a
 * problem with one only fails that one (see {@link GenerationResult}).
 */
public abstract class EnvironmentGenerator {

    private final PathPattern pattern;
    private final EnvironmentTemplate template;

    EnvironmentGenerator(PathPattern pattern, EnvironmentTemplate template) {
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        this.template = Objects.requireNonNull(template, "template");
    }

    public PathPattern pattern() {
        return pattern;
    }

    public EnvironmentTemplate template() {
        return template;
    }

    /**
     * Reads the folder repository at the request's revision (its path is ignored: patterns start at the root)
     * and generates from its tree. A repository that cannot be read gives an incomplete result with one error.
     */
    public GenerationResult generate(GitSource source, SourceRequest request) {
        SourceSnapshot snapshot;
        try {
            snapshot = source.fetch(new SourceRequest(request.url(), request.credentials(), request.revision(), ""));
        } catch (SourceException e) {
            return GenerationResult.failed(request.url(), new DeclarationError("", 0, e.getMessage()));
        }
        return generate(snapshot);
    }

    /** Generates from a tree: every matching source, in path order. */
    public GenerationResult generate(FileTree tree) {
        GenerationResult.Collector collector = new GenerationResult.Collector();
        List<FileEntry> entries;
        try {
            entries = tree.list("");
        } catch (IOException e) {
            return GenerationResult.failed(tree.description(), new DeclarationError("", 0, "cannot list "
                    + tree.description() + ": " + e.getMessage()));
        }
        generate(tree, entries, collector);
        return collector.result(tree.description());
    }

    abstract void generate(FileTree tree, List<FileEntry> entries, GenerationResult.Collector collector);

    /** Whether another source may still be taken; records the error once when the limit is reached. */
    static boolean withinLimit(int taken, PathPattern pattern, GenerationResult.Collector collector) {
        if (taken < DeclarationLimits.MAX_ENVIRONMENTS) {
            return true;
        }
        collector.incomplete(new DeclarationError("", 0, "the pattern \"" + pattern + "\" matches more than "
                + DeclarationLimits.MAX_ENVIRONMENTS + " environments; narrow it. Nothing was orphaned in this"
                + " computation"));
        return false;
    }

    /**
     * Completes one source's declaration (its repository and path must be set, the path must stay inside the
     * repository) and adds it, or records why it cannot be used.
     */
    static void declare(GenerationResult.Collector collector, String source, String name, EnvironmentSettings settings)
            throws DeclarationException {
        if (settings.repositoryUrl() == null) {
            throw new DeclarationException("no repository: set \"repository\" in the declaration, or the folder's"
                    + " repository in its template");
        }
        if (settings.path() == null) {
            throw new DeclarationException("no path: set \"path\" in the declaration, or a path in the folder's"
                    + " template");
        }
        requireRelative("path", settings.path());
        if (settings.helmValuesFiles() != null) {
            for (String file : settings.helmValuesFiles()) {
                requireRelative("helm.valuesFiles", file);
            }
        }
        collector.declare(new EnvironmentDeclaration(name, source, 0, settings));
    }

    private static void requireRelative(String setting, String path) throws DeclarationException {
        boolean absolute = path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*");
        boolean escapes = List.of(path.split("[/\\\\]")).contains("..");
        if (absolute || escapes || path.indexOf('\0') >= 0) {
            throw new DeclarationException(setting + " \"" + path + "\" must be relative to the repository root,"
                    + " without \"..\"");
        }
    }
}
