package io.jenkins.plugins.gitops.engine.source;

import java.util.ArrayList;
import java.util.List;

/** Normalizes paths inside a commit tree, the one place that decides which paths are acceptable. */
final class TreePaths {

    private TreePaths() {
    }

    /**
     * Returns the canonical form of a repository-relative path: '/'-separated, no leading or trailing
     * '/', no empty or {@code .} segments; {@code ""} for the root. {@code "./apps//web/"} becomes
     * {@code "apps/web"}.
     *
     * @param url the repository URL (redacted) the path belongs to
     * @param where what the path belongs to, for the message: the URL, or the URL and commit
     * @throws SourceException (INVALID_REQUEST) for absolute paths and paths with {@code ..}, which could
     *     point outside the repository
     */
    static String normalize(String path, String url, String where) throws SourceException {
        if (path == null || path.isEmpty()) {
            return "";
        }
        if (path.startsWith("/") || path.indexOf('\0') >= 0 || path.matches("^[A-Za-z]:[\\\\/].*")) {
            throw invalid(path, url, where, "is absolute; give a path relative to the repository root");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw invalid(path, url, where, "contains \"..\"; give a path inside the repository, relative to its root");
            }
            segments.add(segment);
        }
        return String.join("/", segments);
    }

    private static SourceException invalid(String path, String url, String where, String what) {
        return new SourceException(SourceException.Reason.INVALID_REQUEST, url,
                where + ": path \"" + path + "\" " + what);
    }
}
