package io.jenkins.plugins.gitops.engine.source;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes a commit tree to disk for tools that need real files (kustomize, helm): once per commit, into
 * {@code trees/<sha>}, by exporting into a temporary folder and renaming it into place, so a folder that
 * exists is always complete and several threads or processes can race without harm.
 */
final class TreeExporter {

    private static final Logger LOGGER = Logger.getLogger(TreeExporter.class.getName());
    private static final Set<PosixFilePermission> EXECUTABLE = EnumSet.of(PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);

    private final Repository repository;
    private final Path treesDirectory;
    private final Path temporaryDirectory;

    TreeExporter(Repository repository, Path treesDirectory, Path temporaryDirectory) {
        this.repository = repository;
        this.treesDirectory = treesDirectory;
        this.temporaryDirectory = temporaryDirectory;
    }

    /** Returns {@code trees/<commit>}, exporting {@code tree} there first unless it already exists. */
    Path export(ObjectId commit, ObjectId tree) throws IOException {
        Path target = treesDirectory.resolve(commit.name());
        if (Files.isDirectory(target)) {
            return target;
        }
        Files.createDirectories(treesDirectory);
        Files.createDirectories(temporaryDirectory);
        Path staging = Files.createTempDirectory(temporaryDirectory, "tree-" + commit.name() + "-");
        try {
            writeTree(tree, staging);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            LOGGER.fine(() -> "Exported " + commit.name() + " to " + target);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + staging + " to " + target
                    + " atomically; keep the cache root on one file system", e);
        } catch (FileSystemException e) {
            // Another thread or process renamed its export into place first (Linux reports this as
            // "Directory not empty", not always as DirectoryNotEmptyException); theirs is as good as ours.
            if (!Files.isDirectory(target)) {
                throw e;
            }
            LOGGER.fine(() -> "Another export of " + commit.name() + " finished first");
        } finally {
            Folders.deleteRecursively(staging);
        }
        return target;
    }

    private void writeTree(ObjectId tree, Path root) throws IOException {
        try (ObjectReader reader = repository.newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(tree);
            walk.setRecursive(true);
            while (walk.next()) {
                Path file = root.resolve(walk.getPathString()).normalize();
                if (!file.startsWith(root)) {
                    // Git never stores such names, but a hostile server could send them.
                    throw new FileSystemException(walk.getPathString(), null, "path leaves the exported tree");
                }
                FileMode mode = walk.getFileMode(0);
                int type = mode.getBits() & FileMode.TYPE_MASK;
                if (type == FileMode.TYPE_GITLINK) {
                    continue; // a submodule: its commit is in another repository
                }
                Files.createDirectories(Folders.parentOf(file));
                ObjectId blob = walk.getObjectId(0);
                if (type == FileMode.TYPE_SYMLINK) {
                    long size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
                    if (size > FileTree.MAX_LINK_TARGET_BYTES) {
                        throw new FileSystemException(walk.getPathString(), null, "symbolic link whose target is "
                                + size + " bytes long, more than any file system allows");
                    }
                    String linkTarget = new String(reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(), StandardCharsets.UTF_8);
                    Files.createSymbolicLink(file, Paths.get(linkTarget));
                } else {
                    try (OutputStream out = Files.newOutputStream(file)) {
                        reader.open(blob, Constants.OBJ_BLOB).copyTo(out);
                    }
                    if (mode == FileMode.EXECUTABLE_FILE) {
                        makeExecutable(file);
                    }
                }
            }
        }
    }

    private static void makeExecutable(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null) {
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            permissions.addAll(EXECUTABLE);
            view.setPermissions(permissions);
        }
    }
}
