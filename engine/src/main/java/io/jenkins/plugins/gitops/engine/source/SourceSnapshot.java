package io.jenkins.plugins.gitops.engine.source;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The files of one commit, read straight from the cache's object database (there is no working tree).
 * The tree's root is the repository root; {@link #path()} is the folder the request asked for, which the
 * renderer starts from (and which may reference files outside it, such as a kustomize base).
 *
 * <p>Immutable and safe to share between threads: a commit never changes.
 */
public final class SourceSnapshot implements FileTree {

    private final Repository repository;
    private final String url;
    private final String revision;
    private final CommitInfo commit;
    private final ObjectId tree;
    private final String path;
    private final TreeExporter exporter;

    SourceSnapshot(Repository repository, String url, String revision, CommitInfo commit, ObjectId tree, String path,
            TreeExporter exporter) {
        this.repository = repository;
        this.url = url;
        this.revision = revision;
        this.commit = commit;
        this.tree = tree;
        this.path = path;
        this.exporter = exporter;
    }

    /** The repository URL, without credentials. */
    public String url() {
        return url;
    }

    /** The revision as requested ({@code main}, {@code v1.2}, a SHA). */
    public String revision() {
        return revision;
    }

    public CommitInfo commit() {
        return commit;
    }

    /** The requested folder (or file), normalized; {@code ""} for the repository root. */
    public String path() {
        return path;
    }

    /** {@code <url>@<abbreviated sha>}, e.g. {@code https://git.example.com/shop.git@1a2b3c4}. */
    @Override
    public String description() {
        return url + "@" + commit.abbreviatedSha();
    }

    @Override
    public List<FileEntry> list(String directory) throws IOException {
        String folder = normalize(directory);
        try (ObjectReader reader = repository.newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
            String prefix = "";
            if (folder.isEmpty()) {
                walk.addTree(tree);
            } else {
                TreeWalk entry = TreeWalk.forPath(reader, folder, tree);
                if (entry == null || entry.getFileMode(0) != FileMode.TREE) {
                    throw new NoSuchFileException(folder, null, "no such folder at " + description());
                }
                walk.addTree(entry.getObjectId(0));
                prefix = folder + "/";
            }
            walk.setRecursive(true);
            List<FileEntry> entries = new ArrayList<>();
            while (walk.next()) {
                int type = walk.getFileMode(0).getBits() & FileMode.TYPE_MASK;
                if (type == FileMode.TYPE_FILE || type == FileMode.TYPE_SYMLINK) {
                    long size = reader.getObjectSize(walk.getObjectId(0), Constants.OBJ_BLOB);
                    entries.add(new FileEntry(prefix + walk.getPathString(),
                            type == FileMode.TYPE_SYMLINK ? FileEntry.Type.SYMLINK : FileEntry.Type.FILE, size));
                }
            }
            entries.sort(Comparator.comparing(FileEntry::path));
            return entries;
        }
    }

    @Override
    public boolean isDirectory(String directory) throws IOException {
        String folder = normalize(directory);
        if (folder.isEmpty()) {
            return true;
        }
        try (ObjectReader reader = repository.newObjectReader(); TreeWalk entry = TreeWalk.forPath(reader, folder, tree)) {
            return entry != null && entry.getFileMode(0) == FileMode.TREE;
        }
    }

    @Override
    public byte[] read(String file) throws IOException {
        String name = normalize(file);
        try (ObjectReader reader = repository.newObjectReader()) {
            TreeWalk entry = name.isEmpty() ? null : TreeWalk.forPath(reader, name, tree);
            if (entry == null) {
                throw new NoSuchFileException(name, null, "no such file at " + description());
            }
            int type = entry.getFileMode(0).getBits() & FileMode.TYPE_MASK;
            if (type != FileMode.TYPE_FILE && type != FileMode.TYPE_SYMLINK) {
                throw new FileSystemException(name, null, (type == FileMode.TYPE_TREE ? "is a folder" : "is a submodule")
                        + ", not a file, at " + description());
            }
            return reader.open(entry.getObjectId(0), Constants.OBJ_BLOB).getBytes(Integer.MAX_VALUE);
        }
    }

    /**
     * Exports the whole commit tree to {@code <cache root>/trees/<sha>} (once per commit, shared by all
     * snapshots of that commit) and returns that folder. Symbolic links are written as links; submodules
     * are left out.
     */
    @Override
    public Path materialize() throws IOException {
        return exporter.export(ObjectId.fromString(commit.sha()), tree);
    }

    private String normalize(String requested) throws SourceException {
        return TreePaths.normalize(requested, url, description());
    }

    @Override
    public String toString() {
        return "SourceSnapshot[" + description() + (path.isEmpty() ? "" : ", path=" + path) + "]";
    }
}
