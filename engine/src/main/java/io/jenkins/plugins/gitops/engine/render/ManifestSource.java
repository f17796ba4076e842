package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.resource.Origin;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Where a stream of manifests comes from, for origins and messages: a file of the repository (origin
 * {@code file:line}), or a tool's output for a folder (origin the folder, or what the tool says).
 *
 * @param name the repository file, or the folder a tool rendered
 * @param tool the tool whose output this is ("kustomize", "helm"), or {@code null} for a repository file
 * @param origins the origin of the document that starts on a given line of the stream
 */
record ManifestSource(String name, String tool, IntFunction<Origin> origins) {

    static ManifestSource file(String path) {
        return new ManifestSource(path, null, line -> new Origin(path, line));
    }

    static ManifestSource toolOutput(String tool, String folder) {
        return new ManifestSource(folder, tool, line -> RepositoryPaths.origin(folder));
    }

    ManifestSource withOrigins(IntFunction<Origin> newOrigins) {
        return new ManifestSource(name, tool, newOrigins);
    }

    boolean isToolOutput() {
        return tool != null;
    }

    /** JSON files are read as JSON: stricter, and tabs or long lines never trip a YAML scanner. */
    boolean isJson() {
        return !isToolOutput() && name.toLowerCase(Locale.ROOT).endsWith(".json");
    }

    Origin origin(int line) {
        return origins.apply(line);
    }

    /** A message about a line, saying which output line it is when the origin cannot. */
    String describe(int line, String message) {
        return isToolOutput() && line > 0 ? "line " + line + " of the " + tool + " output: " + message : message;
    }
}
