package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.testing.git.GitHttpTestServer;
import io.jenkins.plugins.gitops.engine.testing.git.TestGitRepo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One bare repository per URL, shared by every request and safe under concurrent use. */
class RepositoryCacheTest {

    @TempDir
    Path originDir;

    @TempDir
    Path cacheDir;

    private TestGitRepo origin;
    private GitHttpTestServer server;
    private String url;

    @BeforeEach
    void serveRepository() throws IOException {
        origin = TestGitRepo.in(originDir)
                .write("apps/web/deploy.yaml", "kind: Deployment\n")
                .write("apps/db/statefulset.yaml", "kind: StatefulSet\n")
                .commit("Add web and db")
                .tag("v1");
        server = GitHttpTestServer.start();
        url = server.serve("shop", origin.repository());
    }

    @AfterEach
    void stop() {
        server.close();
        origin.close();
    }

    @Test
    void shouldKeepOneBareRepositoryPerUrlForAllPathsAndRevisions() throws Exception {
        try (RepositoryCache cache = new RepositoryCache(cacheDir)) {
            GitSource source = new GitSource(cache);
            source.fetch(SourceRequest.anonymous(url, "main", "apps/web"));
            source.fetch(SourceRequest.anonymous(url, "v1", "apps/db"));
            source.fetch(SourceRequest.anonymous(url.toUpperCase().replace("/SHOP.GIT", "/shop.git") + "/", "main", ""));

            try (var repositories = Files.list(cacheDir.resolve("repos"))) {
                assertThat(repositories).containsExactly(cache.repositoryDirectory(url));
            }
            try (var repository = new FileRepositoryBuilder().setGitDir(cache.repositoryDirectory(url).toFile()).build()) {
                assertThat(repository.isBare()).isTrue();
                assertThat(repository.getConfig().getString("gitops", null, "url")).isEqualTo(url);
            }
        }
    }

    @Test
    void shouldLetConcurrentFetchesOfOneUrlDownloadThePackOnce() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (RepositoryCache cache = new RepositoryCache(cacheDir)) {
            GitSource source = new GitSource(cache);
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<SourceSnapshot>> fetches = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String revision = i % 2 == 0 ? "main" : "v1";
                fetches.add(() -> {
                    start.await();
                    return source.fetch(SourceRequest.anonymous(url, revision, "apps"));
                });
            }
            List<Future<SourceSnapshot>> results = new ArrayList<>();
            for (Callable<SourceSnapshot> fetch : fetches) {
                results.add(pool.submit(fetch));
            }
            start.countDown();

            for (Future<SourceSnapshot> result : results) {
                SourceSnapshot snapshot = result.get(30, TimeUnit.SECONDS);
                assertThat(snapshot.commit().sha()).isEqualTo(origin.head());
                assertThat(snapshot.read("apps/web/deploy.yaml")).asString().isEqualTo("kind: Deployment\n");
            }
            assertThat(server.infoRefsRequests()).isEqualTo(threads);
            assertThat(server.uploadPackRequests()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldShareRepositoryBetweenTwoCachesOnTheSameRoot() throws Exception {
        origin.write("apps/web/deploy.yaml", "kind: Deployment\nreplicas: 2\n").commit("Scale web");
        try (RepositoryCache first = new RepositoryCache(cacheDir); RepositoryCache second = new RepositoryCache(cacheDir)) {
            CompletableFuture<SourceSnapshot> a = CompletableFuture.supplyAsync(() -> fetch(first, "main"));
            CompletableFuture<SourceSnapshot> b = CompletableFuture.supplyAsync(() -> fetch(second, "main"));

            assertThat(a.get(30, TimeUnit.SECONDS).commit().sha()).isEqualTo(origin.head());
            assertThat(b.get(30, TimeUnit.SECONDS).commit().sha()).isEqualTo(origin.head());
            assertThat(server.uploadPackRequests()).isEqualTo(1);
        }
    }

    @Test
    void shouldWaitForAnotherProcessHoldingTheRepositoryLock() throws Exception {
        try (RepositoryCache cache = new RepositoryCache(cacheDir)) {
            Path lockFile = cacheDir.resolve("locks").resolve(cache.repositoryDirectory(url).getFileName() + ".lock");
            Process holder = startLockHolder(lockFile);
            try {
                CompletableFuture<SourceSnapshot> fetch = CompletableFuture.supplyAsync(() -> fetch(cache, "main"));
                Thread.sleep(300);
                assertThat(fetch).isNotDone();
                assertThat(server.requests()).isZero();

                holder.getOutputStream().close(); // the holder releases its lock and exits

                assertThat(fetch.get(30, TimeUnit.SECONDS).commit().sha()).isEqualTo(origin.head());
            } finally {
                holder.destroyForcibly();
            }
        }
    }

    private SourceSnapshot fetch(RepositoryCache cache, String revision) {
        try {
            return new GitSource(cache).fetch(SourceRequest.anonymous(url, revision, ""));
        } catch (SourceException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts another JVM that takes the file lock, says "locked", and holds it until its stdin closes. */
    private static Process startLockHolder(Path lockFile) throws IOException {
        Files.createDirectories(lockFile.getParent());
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), lockFile.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("lock holder output").isEqualTo("locked");
        return process;
    }

    /** The other process: holds the repository's file lock while its stdin is open. */
    static final class LockHolder {
        public static void main(String[] args) throws IOException {
            try (FileChannel channel = FileChannel.open(Paths.get(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = channel.lock();
                System.out.println("locked");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the parent to close our stdin
                }
                lock.release();
            }
        }
    }
}
