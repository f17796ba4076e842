package io.jenkins.plugins.gitops.engine.source;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

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
    /** Built on first use; a commit never changes, so neither does its listing. */
    private volatile TreeListing listing;

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
        TreeListing listing = listing();
        if (!listing.isFolder(folder)) {
            throw new NoSuchFileException(folder, null, "no such folder at " + description());
        }
        return listing.below(folder);
    }

    @Override
    public boolean isDirectory(String directory) throws IOException {
        return listing().isFolder(normalize(directory));
    }

    @Override
    public byte[] read(String file) throws IOException {
        String name = normalize(file);
        TreeListing listing = listing();
        TreeListing.Blob blob = listing.blob(name);
        if (blob == null) {
            if (!name.isEmpty() && (listing.isFolder(name) || listing.isSubmodule(name))) {
                throw new FileSystemException(name, null, (listing.isFolder(name) ? "is a folder" : "is a submodule")
                        + ", not a file, at " + description());
            }
            throw new NoSuchFileException(name, null, "no such file at " + description());
        }
        try (ObjectReader reader = repository.newObjectReader()) {
            return reader.open(blob.id(), Constants.OBJ_BLOB).getBytes(Integer.MAX_VALUE);
        }
    }

    /** The commit's tree, listed on first use: one walk for the whole render however many paths it reads. */
    private TreeListing listing() throws IOException {
        TreeListing current = listing;
        if (current == null) {
            synchronized (this) {
                current = listing;
                if (current == null) {
                    try (ObjectReader reader = repository.newObjectReader()) {
                        current = TreeListing.read(reader, tree);
                    }
                    listing = current;
                }
            }
        }
        return current;
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
