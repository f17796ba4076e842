package io.jenkins.plugins.gitops.engine.source;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A {@link FileTree} over a folder on the local disk: a checkout, an exported commit, a test fixture.
 *
 * <p>It behaves like a Git tree, so that rendering gives the same result from either: symbolic links are
 * listed and never followed, a path that passes through a symbolic link does not exist, and the
 * {@code .git} folder (or file, in a worktree or submodule) is not part of the tree.
 */
public final class LocalDirectoryTree implements FileTree {

    private static final String GIT_FOLDER = ".git";

    /** Absolute and real: every path below it that has no symbolic link on the way is real too. */
    private final Path root;

    /**
     * @param root an existing folder; a symbolic link to a folder is resolved once, here
     * @throws NoSuchFileException when {@code root} does not exist
     * @throws NotDirectoryException when {@code root} is not a folder
     */
    public LocalDirectoryTree(Path root) throws IOException {
        this.root = Objects.requireNonNull(root, "root").toRealPath();
        if (!Files.isDirectory(this.root)) {
            throw new NotDirectoryException(root.toString());
        }
    }

    /** The folder this tree reads. */
    public Path root() {
        return root;
    }

    @Override
    public String description() {
        return "folder " + root;
    }

    @Override
    public List<FileEntry> list(String directory) throws IOException {
        Path start = locate(directory);
        if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(directory, null, "no such folder in " + description());
        }
        List<FileEntry> entries = new ArrayList<>();
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return isGitFolder(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (isGitFolder(file)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isSymbolicLink()) {
                    // Like a Git blob of a link: its size is the length of the target path.
                    entries.add(new FileEntry(treePath(file), FileEntry.Type.SYMLINK, linkTarget(file).length));
                } else if (attrs.isRegularFile()) {
                    entries.add(new FileEntry(treePath(file), FileEntry.Type.FILE, attrs.size()));
                }
                // Sockets, devices and pipes are not content; a Git tree cannot hold them either.
                return FileVisitResult.CONTINUE;
            }
        });
        entries.sort(Comparator.comparing(FileEntry::path));
        return entries;
    }

    @Override
    public boolean isDirectory(String path) throws IOException {
        try {
            return Files.isDirectory(locate(path), LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public byte[] read(String path) throws IOException {
        Path file = locate(path);
        if (Files.isSymbolicLink(file)) {
            return linkTarget(file);
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(path, null, "no such file in " + description());
        }
        return Files.readAllBytes(file);
    }

    /** The folder itself: it already is on the local disk. */
    @Override
    public Path materialize() {
        return root;
    }

    @Override
    public String toString() {
        return description();
    }

    /**
     * The local path of a tree path, refusing paths that are not tree paths and paths that pass through
     * a symbolic link (its target could be anywhere on the disk).
     */
    private Path locate(String path) throws IOException {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty()) {
            return root;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("\"" + path + "\" is not a tree path: it must be relative, "
                        + "'/'-separated, without empty, '.' or '..' segments");
            }
            if (segment.equals(GIT_FOLDER)) {
                throw new NoSuchFileException(path, null, ".git is not part of the tree");
            }
        }
        Path local = root.resolve(path.replace('/', File.separatorChar));
        Path parent = local.toAbsolutePath().getParent();
        if (parent == null) {
            return local;
        }
        // The root is real, so the parent is real exactly when no symbolic link is on the way.
        if (!parent.toRealPath().equals(parent)) {
            throw new NoSuchFileException(path, null, "the path passes through a symbolic link");
        }
        return local;
    }

    private boolean isGitFolder(Path path) {
        return !path.equals(root) && GIT_FOLDER.equals(String.valueOf(path.getFileName()));
    }

    private String treePath(Path file) {
        return root.relativize(file).toString().replace(File.separatorChar, '/');
    }

    private static byte[] linkTarget(Path link) throws IOException {
        return Files.readSymbolicLink(link).toString().getBytes(StandardCharsets.UTF_8);
    }
}
