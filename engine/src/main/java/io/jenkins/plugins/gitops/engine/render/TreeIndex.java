package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.source.FileTree;
import io.jenkins.plugins.gitops.engine.source.FileTree.FileEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole {@link FileTree} listed once, to resolve paths the way the operating system would (following
 * symbolic links, applying {@code ..} after each link) while never leaving the tree.
 *
 * <p>Git stores a link as a file holding its target, and a checkout turns it into a real link that any
 * tool would follow. A link to {@code /etc/passwd} or {@code ../../secrets} would then let a repository
 * read the controller's files, so a link that leads outside the tree, or nowhere, is an error.
 */
final class TreeIndex {

    /** As Linux's MAXSYMLINKS: more links than this in one path is a loop. */
    private static final int MAX_LINKS = 40;

    private final FileTree tree;
    private final Map<String, FileEntry> entries = new HashMap<>();
    private final List<FileEntry> sorted;

    private TreeIndex(FileTree tree, List<FileEntry> all) {
        this.tree = tree;
        this.sorted = List.copyOf(all);
        all.forEach(entry -> entries.put(entry.path(), entry));
    }

    static TreeIndex of(FileTree tree) throws IOException {
        return new TreeIndex(tree, tree.list(""));
    }

    FileTree tree() {
        return tree;
    }

    /** The entry at a path (not following a link there), or null. */
    FileEntry entry(String path) {
        return entries.get(path);
    }

    boolean isFile(String resolvedPath) {
        FileEntry entry = entries.get(resolvedPath);
        return entry != null && !entry.isSymlink();
    }

    boolean isDirectory(String resolvedPath) throws IOException {
        return resolvedPath.isEmpty() || tree.isDirectory(resolvedPath);
    }

    /** Every entry below a folder (every entry for {@code ""}), sorted by path. */
    List<FileEntry> below(String folder) {
        if (folder.isEmpty()) {
            return sorted;
        }
        String prefix = folder + "/";
        List<FileEntry> result = new ArrayList<>();
        for (FileEntry entry : sorted) {
            if (entry.path().startsWith(prefix)) {
                result.add(entry);
            }
        }
        return result;
    }

    /**
     * The real path of {@code path} inside the tree: every symbolic link on the way followed, {@code ..}
     * applied after each, as {@code realpath} does. The result need not exist.
     *
     * @param path a tree path; it may contain {@code ..} segments (as a link target does)
     * @throws TreePathException when the path, or a link on the way, leads outside the tree, or links
     *     form a loop
     */
    String resolve(String path) throws TreePathException {
        Deque<String> pending = new ArrayDeque<>(List.of(path.split("/")));
        List<String> resolved = new ArrayList<>();
        int links = 0;
        String lastLink = null; // for the message when a link's ".." climbs out of the tree
        while (!pending.isEmpty()) {
            String segment = pending.removeFirst();
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (resolved.isEmpty()) {
                    throw new TreePathException(lastLink == null ? "leads outside the repository"
                            : "leads outside the repository (" + lastLink + ")");
                }
                resolved.remove(resolved.size() - 1);
                continue;
            }
            resolved.add(segment);
            String current = String.join("/", resolved);
            FileEntry entry = entries.get(current);
            if (entry == null || !entry.isSymlink()) {
                continue;
            }
            if (++links > MAX_LINKS) {
                throw new TreePathException("passes through more than " + MAX_LINKS
                        + " symbolic links (a loop, at " + current + ")");
            }
            String target = linkTarget(current);
            if (target.startsWith("/") || target.matches("^[A-Za-z]:[\\\\/].*")) {
                throw new TreePathException("leads outside the repository (" + current + " -> " + target + ")");
            }
            lastLink = current + " -> " + target;
            resolved.remove(resolved.size() - 1);
            String[] targetSegments = target.split("/");
            for (int i = targetSegments.length - 1; i >= 0; i--) {
                pending.addFirst(targetSegments[i]);
            }
        }
        return String.join("/", resolved);
    }

    /** The text of a symbolic link: the path it points to. */
    String linkTarget(String link) throws TreePathException {
        FileEntry entry = entries.get(link);
        if (entry != null && entry.size() > FileTree.MAX_LINK_TARGET_BYTES) {
            throw new TreePathException("passes through the symbolic link " + link + ", whose target is "
                    + RenderLimits.describe(entry.size()) + " long, more than any file system allows ("
                    + FileTree.MAX_LINK_TARGET_BYTES + " bytes)");
        }
        try {
            return new String(tree.read(link), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TreePathException("passes through the symbolic link " + link + ", which cannot be read ("
                    + e.getMessage() + ")");
        }
    }

    /** A path that cannot be resolved inside the tree; the message completes "path ...". */
    static final class TreePathException extends Exception {
        TreePathException(String message) {
            super(message);
        }
    }
}
