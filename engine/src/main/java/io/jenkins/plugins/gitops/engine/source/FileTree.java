package io.jenkins.plugins.gitops.engine.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A read-only tree of files that manifests are rendered from: a Git commit (read from the object
 * database, without a working tree) or a local folder.
 *
 * <p>Paths are relative to the tree's root, '/'-separated, without a leading '/' and without
 * {@code .} or {@code ..} segments; {@code ""} is the root itself.
 */
public interface FileTree {

    /**
     * The longest symbolic link target a tree holds, Linux's {@code PATH_MAX}: no file system stores a
     * longer one. Git stores a link as a blob of any size, so a hostile repository could make one huge;
     * readers refuse such a link before reading it.
     */
    int MAX_LINK_TARGET_BYTES = 4096;

    /** Where the files come from, for messages: a repository URL (without credentials) and commit, or a folder. */
    String description();

    /**
     * Every regular file and symbolic link under {@code directory}, recursively, sorted by path.
     * Symbolic links are listed, not followed.
     *
     * @throws java.nio.file.NoSuchFileException when {@code directory} does not exist or is a file
     */
    List<FileEntry> list(String directory) throws IOException;

    /** Whether {@code path} exists as a directory in this tree. */
    boolean isDirectory(String path) throws IOException;

    /**
     * The content of a regular file (for a symbolic link, the bytes of its target path).
     *
     * @throws java.nio.file.NoSuchFileException when there is no such entry
     */
    byte[] read(String path) throws IOException;

    /**
     * A folder on the local disk that holds exactly this tree, for tools that need real files
     * (kustomize, helm). A local tree returns itself; a Git tree is exported once per commit and reused.
     * The folder must not be modified.
     *
     * @throws java.nio.file.FileSystemException whose {@link java.nio.file.FileSystemException#getFile() file}
     *     is a tree path (relative) when an entry of the tree cannot be written as it is (a symbolic link no
     *     file system can hold, a name leaving the folder); its reason says why
     */
    Path materialize() throws IOException;

    /** One entry of a {@link FileTree}. */
    record FileEntry(String path, Type type, long size) {
        public enum Type { FILE, SYMLINK }

        public boolean isSymlink() {
            return type == Type.SYMLINK;
        }
    }
}
