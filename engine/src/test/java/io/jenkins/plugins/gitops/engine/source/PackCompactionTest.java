package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.testing.git.TestGitRepo;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many refreshes leave many packs; the cache folds them into one so reads stay fast. */
class PackCompactionTest {

    @TempDir
    Path originDir;

    @TempDir
    Path cacheDir;

    @Test
    void shouldRepackIntoOnePackWhenThereAreTooManyAndKeepEveryCommitReadable() throws Exception {
        try (TestGitRepo origin = TestGitRepo.in(originDir); RepositoryCache cache = new RepositoryCache(cacheDir)) {
            GitSource source = new GitSource(cache);
            String first = null;
            for (int change = 1; change <= 4; change++) {
                origin.write("apps/web/deploy.yaml", "replicas: " + change + "\n").commit("Scale web to " + change);
                first = first == null ? origin.head() : first;
                source.fetch(SourceRequest.anonymous(origin.url(), "main", "apps/web"));
            }
            try (Repository cached = new FileRepositoryBuilder()
                    .setGitDir(cache.repositoryDirectory(origin.url()).toFile()).build()) {
                assertThat(PackCompaction.countPacks(cached)).isEqualTo(4);

                assertThat(PackCompaction.compactIfNeeded(cached, 3)).isTrue();

                assertThat(PackCompaction.countPacks(cached)).isEqualTo(1);
            }
            assertThat(source.fetch(SourceRequest.anonymous(origin.url(), first, "apps/web"))
                    .read("apps/web/deploy.yaml")).asString().isEqualTo("replicas: 1\n");
        }
    }

    @Test
    void shouldLeaveFewPacksAlone() throws Exception {
        try (TestGitRepo origin = TestGitRepo.in(originDir).write("a.txt", "a").commit("A");
                RepositoryCache cache = new RepositoryCache(cacheDir)) {
            new GitSource(cache).fetch(SourceRequest.anonymous(origin.url(), "main", ""));
            try (Repository cached = new FileRepositoryBuilder()
                    .setGitDir(cache.repositoryDirectory(origin.url()).toFile()).build()) {

                assertThat(PackCompaction.compactIfNeeded(cached, PackCompaction.DEFAULT_MAX_PACKS)).isFalse();
            }
        }
    }
}
