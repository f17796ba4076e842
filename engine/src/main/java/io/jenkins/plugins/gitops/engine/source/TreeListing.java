package io.jenkins.plugins.gitops.engine.source;

import io.jenkins.plugins.gitops.engine.source.FileTree.FileEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Every file, symbolic link, folder and submodule of one commit's tree, read in a single walk.
 *
 * <p>A render asks for thousands of paths; {@code TreeWalk.forPath} per path re-reads every tree on the
 * way each time, so a folder of 10,000 files cost 10,000 reads of that folder's tree (quadratic: 100,000
 * files took over 20 minutes). Looked up in this listing, a path costs a hash lookup.
 */
final class TreeListing {

    /** A file or link of the tree: its blob and its entry. */
    record Blob(ObjectId id, FileEntry entry) {
    }

    private final Map<String, Blob> blobs = new HashMap<>();
    private final Set<String> folders = new HashSet<>();
    private final Set<String> submodules = new HashSet<>();
    private final List<FileEntry> sorted;

    private TreeListing(ObjectReader reader, ObjectId tree) throws IOException {
        folders.add("");
        List<FileEntry> entries = new ArrayList<>();
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(tree);
            walk.setRecursive(false);
            while (walk.next()) {
                String path = walk.getPathString();
                int type = walk.getFileMode(0).getBits() & FileMode.TYPE_MASK;
                if (type == FileMode.TYPE_TREE) {
                    folders.add(path);
                    walk.enterSubtree();
                } else if (type == FileMode.TYPE_FILE || type == FileMode.TYPE_SYMLINK) {
                    ObjectId id = walk.getObjectId(0);
                    FileEntry entry = new FileEntry(path,
                            type == FileMode.TYPE_SYMLINK ? FileEntry.Type.SYMLINK : FileEntry.Type.FILE,
                            reader.getObjectSize(id, Constants.OBJ_BLOB));
                    blobs.put(path, new Blob(id, entry));
                    entries.add(entry);
                } else if (type == FileMode.TYPE_GITLINK) {
                    submodules.add(path);
                }
            }
        }
        entries.sort(Comparator.comparing(FileEntry::path));
        sorted = Collections.unmodifiableList(entries);
    }

    static TreeListing read(ObjectReader reader, ObjectId tree) throws IOException {
        return new TreeListing(reader, tree);
    }

    /** The file or link at {@code path}, or null. */
    Blob blob(String path) {
        return blobs.get(path);
    }

    boolean isFolder(String path) {
        return folders.contains(path);
    }

    boolean isSubmodule(String path) {
        return submodules.contains(path);
    }

    /**
     * Every file and link below {@code folder} ({@code ""}: all), sorted by path. Paths that share a prefix are
     * next to each other in that order, so this is a binary search and a slice, not a scan of the tree.
     */
    List<FileEntry> below(String folder) {
        if (folder.isEmpty()) {
            return sorted;
        }
        String prefix = folder + "/";
        int start = Collections.binarySearch(sorted, new FileEntry(prefix, FileEntry.Type.FILE, 0),
                Comparator.comparing(FileEntry::path));
        start = start < 0 ? -start - 1 : start;
        int end = start;
        while (end < sorted.size() && sorted.get(end).path().startsWith(prefix)) {
            end++;
        }
        return sorted.subList(start, end);
    }
}
