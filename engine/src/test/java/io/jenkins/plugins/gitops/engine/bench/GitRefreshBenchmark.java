package io.jenkins.plugins.gitops.engine.bench;

import io.jenkins.plugins.gitops.engine.source.GitSource;
import io.jenkins.plugins.gitops.engine.source.RepositoryCache;
import io.jenkins.plugins.gitops.engine.source.SourceRequest;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import io.jenkins.plugins.gitops.engine.testing.git.GitHttpTestServer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * What a refresh of an unchanged repository costs next to a first clone, through the engine's
 * {@link RepositoryCache} and a local smart-HTTP server:
 *
 * <ol>
 *   <li>generate (once, cached) a repository of at least 50 MB and 5,000 commits;
 *   <li>clone: fetch {@code main} into an empty cache, several times, median;
 *   <li>no-op refresh: fetch {@code main} again into the up-to-date cache, many times, median, and count
 *       the HTTP requests each one makes.
 * </ol>
 *
 * <p>Prints {@code BENCH key=value} lines. Run it with {@code engine/bench/git-refresh.sh}. System
 * properties {@code bench.commits}, {@code bench.megabytes}, {@code bench.cloneRuns} and
 * {@code bench.refreshRuns} change the sizes.
 */
public final class GitRefreshBenchmark {

    private GitRefreshBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Paths.get(args.length > 0 ? args[0] : "target/bench").toAbsolutePath();
        int commits = Integer.getInteger("bench.commits", 5_000);
        int megabytes = Integer.getInteger("bench.megabytes", 52);
        int cloneRuns = Integer.getInteger("bench.cloneRuns", 3);
        int refreshRuns = Integer.getInteger("bench.refreshRuns", 20);

        long generation = System.nanoTime();
        Path origin = GeneratedRepository.obtain(work, commits, megabytes);
        System.out.printf(Locale.ROOT, "repository %s ready in %.1f s%n", origin, seconds(System.nanoTime() - generation));

        try (Repository repository = GeneratedRepository.open(origin);
                GitHttpTestServer server = GitHttpTestServer.start()) {
            String url = server.serve("bench", repository);
            SourceRequest request = SourceRequest.anonymous(url, "main", "apps/web");

            List<Double> clones = new ArrayList<>();
            Path cacheRoot = null;
            for (int run = 0; run < cloneRuns; run++) {
                cacheRoot = work.resolve("cache-" + run);
                GeneratedRepository.deleteRecursively(cacheRoot);
                try (RepositoryCache cache = new RepositoryCache(cacheRoot)) {
                    long start = System.nanoTime();
                    SourceSnapshot snapshot = new GitSource(cache).fetch(request);
                    clones.add(seconds(System.nanoTime() - start));
                    check(snapshot, repository);
                }
                System.out.printf(Locale.ROOT, "clone %d: %.3f s%n", run + 1, clones.get(run));
            }

            List<Double> refreshes = new ArrayList<>();
            int requests;
            long bytes;
            try (RepositoryCache cache = new RepositoryCache(cacheRoot)) {
                GitSource source = new GitSource(cache);
                source.fetch(request); // opens the cached repository, as a long-running controller has it open
                server.resetCounters();
                for (int run = 0; run < refreshRuns; run++) {
                    long start = System.nanoTime();
                    SourceSnapshot snapshot = source.fetch(request);
                    refreshes.add(seconds(System.nanoTime() - start));
                    check(snapshot, repository);
                }
                requests = server.requests();
                bytes = server.advertisementBytes() + server.packBytes();
                if (server.uploadPackRequests() != 0) {
                    throw new IllegalStateException("a no-op refresh negotiated a pack: " + server.requestLog());
                }
            }

            double clone = median(clones);
            double refresh = median(refreshes);
            System.out.printf(Locale.ROOT, "BENCH git_clone_seconds=%.3f%n", clone);
            System.out.printf(Locale.ROOT, "BENCH git_noop_refresh_seconds=%.4f%n", refresh);
            System.out.printf(Locale.ROOT, "BENCH git_noop_refresh_ratio=%.4f%n", refresh / clone);
            System.out.printf(Locale.ROOT, "BENCH git_repo_mb=%.1f%n", GeneratedRepository.packSize(origin) / 1024.0 / 1024.0);
            System.out.printf(Locale.ROOT, "BENCH git_commits=%d%n", countCommits(repository));
            System.out.printf(Locale.ROOT, "BENCH git_noop_refresh_requests=%s%n", perRun(requests, refreshRuns));
            System.out.printf(Locale.ROOT, "BENCH git_noop_refresh_bytes=%s%n", perRun(bytes, refreshRuns));
            System.out.printf(Locale.ROOT, "BENCH git_cache_mb=%.1f%n",
                    GeneratedRepository.directorySize(cacheRoot.resolve("repos")) / 1024.0 / 1024.0);
        }
    }

    private static void check(SourceSnapshot snapshot, Repository origin) throws Exception {
        String expected = origin.resolve("refs/heads/main").name();
        if (!snapshot.commit().sha().equals(expected) || snapshot.list("apps/web").size() != 1) {
            throw new IllegalStateException("wrong snapshot " + snapshot + ", expected " + expected);
        }
    }

    private static int countCommits(Repository repository) throws Exception {
        try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(repository.resolve("refs/heads/main")));
            int count = 0;
            while (walk.next() != null) {
                count++;
            }
            return count;
        }
    }

    private static String perRun(long total, int runs) {
        return total % runs == 0 ? Long.toString(total / runs) : String.format(Locale.ROOT, "%.2f", (double) total / runs);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
