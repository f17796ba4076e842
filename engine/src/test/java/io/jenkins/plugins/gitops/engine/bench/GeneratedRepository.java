package io.jenkins.plugins.gitops.engine.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A large repository for the benchmark, written straight into the object database with an
 * {@link ObjectInserter} (no working tree, no porcelain), then packed with bitmaps as a Git server keeps
 * it. Each commit replaces one of 200 files with fresh random bytes, so history is long, the content does
 * not compress and the pack really has the requested size. The result is cached: a folder with a
 * {@code complete} marker is reused as is.
 *
 * <p>Layout of every commit: {@code apps/web/deploy.yaml} (unchanged, what a GitOps path points at) and
 * {@code data/bNN/fNNN.bin} (10 folders of 20 files).
 */
final class GeneratedRepository {

    private static final int FILES = 200;
    private static final int FILES_PER_FOLDER = 20;
    private static final String MARKER = "complete";

    private GeneratedRepository() {
    }

    /** The bare repository {@code <work>/origin-<commits>x<megabytes>MB.git}, generated unless already there. */
    static Path obtain(Path work, int commits, int megabytes) throws IOException {
        Path gitDir = work.resolve("origin-" + commits + "x" + megabytes + "MB.git");
        if (Files.exists(gitDir.resolve(MARKER))) {
            return gitDir;
        }
        deleteRecursively(gitDir);
        long start = System.nanoTime();
        generate(gitDir, commits, (long) megabytes * 1024 * 1024);
        Files.writeString(gitDir.resolve(MARKER), "generated in " + (System.nanoTime() - start) / 1_000_000 + " ms\n");
        return gitDir;
    }

    /** Bytes of the packed objects, as a server would store them. */
    static long packSize(Path gitDir) throws IOException {
        try (Stream<Path> files = Files.list(gitDir.resolve("objects/pack"))) {
            return files.filter(f -> f.toString().endsWith(".pack")).mapToLong(GeneratedRepository::size).sum();
        }
    }

    private static void generate(Path gitDir, int commits, long totalBytes) throws IOException {
        try (Git git = Git.init().setBare(true).setDirectory(gitDir.toFile()).setInitialBranch("main").call();
                ObjectInserter inserter = git.getRepository().newObjectInserter()) {
            Repository repository = git.getRepository();
            int blobSize = (int) (totalBytes / commits) + 256; // a little over, for headers and trees
            SplittableRandom random = new SplittableRandom(42);
            ObjectId[] files = new ObjectId[FILES];
            ObjectId[] folders = new ObjectId[FILES / FILES_PER_FOLDER];
            ObjectId apps = appsTree(inserter);
            ObjectId emptyBlob = inserter.insert(Constants.OBJ_BLOB, new byte[0]);
            Arrays.fill(files, emptyBlob);
            for (int folder = 0; folder < folders.length; folder++) {
                folders[folder] = folderTree(inserter, files, folder);
            }
            ObjectId parent = null;
            Instant time = Instant.parse("2024-01-01T00:00:00Z");
            for (int i = 0; i < commits; i++) {
                int file = i % FILES;
                byte[] content = new byte[blobSize];
                random.nextBytes(content);
                files[file] = inserter.insert(Constants.OBJ_BLOB, content);
                int folder = file / FILES_PER_FOLDER;
                folders[folder] = folderTree(inserter, files, folder);
                ObjectId root = rootTree(inserter, apps, dataTree(inserter, folders));
                parent = commit(inserter, root, parent, "Update data file " + file + " (change " + i + ")",
                        time.plusSeconds(60L * i));
            }
            inserter.flush();
            RefUpdate main = repository.updateRef("refs/heads/main");
            main.setNewObjectId(parent);
            main.update();
            StoredConfig config = repository.getConfig();
            config.setBoolean(ConfigConstants.CONFIG_PACK_SECTION, null, "deltacompression", false);
            config.save();
            // Pack loose objects once, with bitmaps, as a server stores them; random data has no deltas to find.
            git.gc().setAggressive(false).call();
            config.unset(ConfigConstants.CONFIG_PACK_SECTION, null, "deltacompression");
            config.save();
        } catch (GitAPIException e) {
            throw new IOException("cannot generate the benchmark repository: " + e.getMessage(), e);
        }
    }

    private static ObjectId appsTree(ObjectInserter inserter) throws IOException {
        ObjectId deploy = inserter.insert(Constants.OBJ_BLOB, ("apiVersion: apps/v1\nkind: Deployment\n"
                + "metadata:\n  name: web\nspec:\n  replicas: 2\n").getBytes(StandardCharsets.UTF_8));
        TreeFormatter web = new TreeFormatter();
        web.append("deploy.yaml", FileMode.REGULAR_FILE, deploy);
        TreeFormatter apps = new TreeFormatter();
        apps.append("web", FileMode.TREE, inserter.insert(web));
        return inserter.insert(apps);
    }

    private static ObjectId folderTree(ObjectInserter inserter, ObjectId[] files, int folder) throws IOException {
        TreeFormatter tree = new TreeFormatter();
        for (int i = folder * FILES_PER_FOLDER; i < (folder + 1) * FILES_PER_FOLDER; i++) {
            tree.append(String.format("f%03d.bin", i), FileMode.REGULAR_FILE, files[i]);
        }
        return inserter.insert(tree);
    }

    private static ObjectId dataTree(ObjectInserter inserter, ObjectId[] folders) throws IOException {
        TreeFormatter tree = new TreeFormatter();
        for (int folder = 0; folder < folders.length; folder++) {
            tree.append(String.format("b%02d", folder), FileMode.TREE, folders[folder]);
        }
        return inserter.insert(tree);
    }

    private static ObjectId rootTree(ObjectInserter inserter, ObjectId apps, ObjectId data) throws IOException {
        TreeFormatter tree = new TreeFormatter();
        tree.append("apps", FileMode.TREE, apps);
        tree.append("data", FileMode.TREE, data);
        return inserter.insert(tree);
    }

    private static ObjectId commit(ObjectInserter inserter, ObjectId tree, ObjectId parent, String message,
            Instant when) throws IOException {
        PersonIdent author = new PersonIdent("Bench Author", "bench@example.com", when, ZoneOffset.UTC);
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        if (parent != null) {
            commit.setParentId(parent);
        }
        commit.setAuthor(author);
        commit.setCommitter(author);
        commit.setMessage(message + "\n");
        return inserter.insert(commit);
    }

    static Repository open(Path gitDir) throws IOException {
        return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
    }

    static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long directorySize(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(GeneratedRepository::size).sum();
        }
    }
}
