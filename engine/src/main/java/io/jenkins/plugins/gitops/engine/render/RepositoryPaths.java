package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.render.TreeIndex.TreePathException;
import io.jenkins.plugins.gitops.engine.resource.Origin;
import io.jenkins.plugins.gitops.engine.source.FileTree;
import io.jenkins.plugins.gitops.engine.source.FileTree.FileEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Paths a user gives (the folder to render, values files) and the checks that keep them, and every
 * symbolic link a tool might follow, inside the repository.
 */
final class RepositoryPaths {

    private RepositoryPaths() {
    }

    /**
     * A user-given path as a tree path: {@code ./apps/web/} is {@code apps/web}, {@code .} and {@code ""}
     * are the root.
     *
     * @param what what the path is, for messages ("path", "values file")
     * @throws RenderException for an absolute path or one with {@code ..}; its origin is the repository
     *     root, since an origin never leaves the repository, and the message quotes the path
     */
    static String normalize(String path, String what) throws RenderException {
        String given = path == null ? "" : path.trim();
        if (given.startsWith("/") || given.startsWith("\\") || given.startsWith("~")
                || given.matches("^[A-Za-z]:.*")) {
            throw new RenderException(new RenderProblem(origin(""), what + " \"" + given
                    + "\" is absolute; give a path relative to the repository root"));
        }
        List<String> segments = new ArrayList<>();
        for (String segment : given.split("/")) {
            if (segment.equals("..")) {
                throw new RenderException(new RenderProblem(origin(""), what + " \"" + given
                        + "\" contains '..' and could leave the repository; give a path inside the repository, "
                        + "relative to its root"));
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return String.join("/", segments);
    }

    /**
     * The real path of an existing file or folder, every symbolic link followed inside the tree.
     *
     * @param what what the path is, for messages ("path", "values file")
     */
    static String resolveExisting(TreeIndex index, String path, String what) throws RenderException {
        String resolved;
        try {
            resolved = index.resolve(path);
        } catch (TreePathException e) {
            throw new RenderException(new RenderProblem(origin(path), what + " " + e.getMessage()
                    + "; keep it, and every symbolic link on the way, inside the repository"));
        }
        try {
            if (index.isFile(resolved) || index.isDirectory(resolved)) {
                return resolved;
            }
        } catch (IOException e) {
            throw unreadable(index.tree(), path, e);
        }
        throw new RenderException(new RenderProblem(origin(path), "no such " + what + " in "
                + index.tree().description() + "; check the " + what + " (it is relative to the repository root)"));
    }

    /**
     * Checks every symbolic link among {@code entries}: each must lead to a place inside the tree.
     * Run before a tool reads the materialized tree, since the tool follows links.
     */
    static void checkLinks(TreeIndex index, List<FileEntry> entries, Problems problems) {
        for (FileEntry entry : entries) {
            if (entry.isSymlink()) {
                try {
                    index.resolve(entry.path());
                } catch (TreePathException e) {
                    problems.error(Origin.of(entry.path()), linkProblem(e));
                }
            }
        }
    }

    /** The message for a symbolic link that cannot be followed. */
    static String linkProblem(TreePathException e) {
        return "symbolic link " + e.getMessage() + "; replace the link with a copy of its target inside the "
                + "repository";
    }

    static RenderException unreadable(FileTree tree, String path, IOException e) {
        return new RenderException(new RenderProblem(origin(path), "cannot read " + tree.description()
                + " (" + e + "); check that the repository is available"));
    }

    /** The origin for a file or folder; the repository root is ".". */
    static Origin origin(String path) {
        return Origin.of(path.isEmpty() ? "." : path);
    }

    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static String join(String folder, String name) {
        return folder.isEmpty() ? name : folder + "/" + name;
    }

    /** The path of {@code path} below {@code folder}. */
    static String relativeTo(String folder, String path) {
        return folder.isEmpty() ? path : path.substring(folder.length() + 1);
    }

    static boolean hasManifestExtension(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
    }

    /** Hidden files and folders (a dot first, such as .github/ or .gitlab-ci.yml) are never manifests. */
    static boolean isHidden(String relativePath) {
        for (String segment : relativePath.split("/")) {
            if (segment.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
