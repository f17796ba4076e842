package io.jenkins.plugins.gitops.engine.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;

/**
 * Keeps the number of pack files of a cached repository small. Every fetch that downloads something adds
 * a pack, and every object lookup searches all of them, so after many refreshes reads slow down. Git
 * repacks with {@code gc --auto} once there are more than 50 packs; JGit would do the same in a
 * background thread, outside the cache's lock, so the cache switches that off and repacks here instead,
 * under the lock, right after an update.
 */
final class PackCompaction {

    /** Git's {@code gc.autoPackLimit}. */
    static final int DEFAULT_MAX_PACKS = 50;

    private static final Logger LOGGER = Logger.getLogger(PackCompaction.class.getName());

    private PackCompaction() {
    }

    /** Repacks the repository into one pack when it has more than {@code maxPacks}; returns whether it did. */
    static boolean compactIfNeeded(Repository repository, int maxPacks) throws IOException {
        long packs = countPacks(repository);
        if (packs <= maxPacks) {
            return false;
        }
        long start = System.nanoTime();
        try (Git git = Git.wrap(repository)) {
            git.gc().setAggressive(false).call();
        } catch (GitAPIException e) {
            throw new IOException("cannot repack " + repository.getDirectory() + ": " + e.getMessage(), e);
        }
        LOGGER.fine(() -> "Repacked " + packs + " packs of " + repository.getDirectory() + " in "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
        return true;
    }

    static long countPacks(Repository repository) throws IOException {
        Path packDirectory = repository.getDirectory().toPath().resolve("objects").resolve("pack");
        if (!Files.isDirectory(packDirectory)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(packDirectory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".pack")).count();
        }
    }
}
