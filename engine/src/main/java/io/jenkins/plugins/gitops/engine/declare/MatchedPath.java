package io.jenkins.plugins.gitops.engine.declare;

import java.util.List;
import java.util.Objects;

/**
 * What a generator found in the folder repository, and the values of the placeholders that templates use for it.
 *
 * <table>
 *   <caption>Placeholders</caption>
 *   <tr><th>Placeholder</th><th>Directories generator</th><th>Files generator</th></tr>
 *   <tr><td>{@code {path}}</td><td>the matched folder</td><td>the folder holding the matched file</td></tr>
 *   <tr><td>{@code {path[n]}}</td><td colspan="2">segment {@code n} of {@code {path}}, from 0</td></tr>
 *   <tr><td>{@code {path.basename}}</td><td colspan="2">the last segment of {@code {path}}</td></tr>
 *   <tr><td>{@code {path.filename}}</td><td>(none)</td><td>the file's name</td></tr>
 *   <tr><td>{@code {path.filenameWithoutExtension}}</td><td>(none)</td><td>the file's name up to its last dot</td></tr>
 * </table>
 *
 * The names follow Argo CD's ApplicationSet Git generators, with single braces.
 *
 * @param source the matched folder or file, a repository path
 * @param file whether {@code source} is a file (files generator) or a folder (directories generator)
 */
public record MatchedPath(String source, boolean file) {

    public MatchedPath {
        Objects.requireNonNull(source, "source");
    }

    public static MatchedPath folder(String path) {
        return new MatchedPath(path, false);
    }

    public static MatchedPath file(String path) {
        return new MatchedPath(path, true);
    }

    /** {@code {path}}: the folder itself, or the file's folder ({@code ""} for a file at the root). */
    public String path() {
        if (!file) {
            return source;
        }
        int slash = source.lastIndexOf('/');
        return slash < 0 ? "" : source.substring(0, slash);
    }

    public List<String> segments() {
        String path = path();
        return path.isEmpty() ? List.of() : List.of(path.split("/"));
    }

    public String basename() {
        String path = path();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The file's name, or null for a folder. */
    public String filename() {
        return file ? source.substring(source.lastIndexOf('/') + 1) : null;
    }

    /** The file's name up to its last dot ({@code web.prod.yaml} gives {@code web.prod}), or null for a folder. */
    public String filenameWithoutExtension() {
        String name = filename();
        if (name == null) {
            return null;
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
