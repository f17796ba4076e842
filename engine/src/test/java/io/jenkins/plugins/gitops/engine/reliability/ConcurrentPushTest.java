package io.jenkins.plugins.gitops.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.source.GitSource;
import io.jenkins.plugins.gitops.engine.source.RepositoryCache;
import io.jenkins.plugins.gitops.engine.source.SourceException;
import io.jenkins.plugins.gitops.engine.source.SourceRequest;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import io.jenkins.plugins.gitops.engine.testing.git.GitHttpTestServer;
import io.jenkins.plugins.gitops.engine.testing.git.TestGitRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A branch that moves while the engine fetches it, as on a busy repository: pushes (fast-forwards and,
 * now and then, a force push that rewrites the last commit) land over HTTP while two threads fetch and read
 * in a loop through one cache. Every snapshot must be one whole commit, the one the branch pointed to at
 * some moment, never files of two commits. A fetch that loses a race with a force push (the advertised
 * commit is gone when the pack is asked for) fails, saying so and naming the repository; the next one
 * reads the new commit.
 */
class ConcurrentPushTest {

    private static final int PUSHES = 60;
    private static final int FETCHERS = 2;
    private static final Pattern GENERATION = Pattern.compile("generation: (\\d+)");

    @TempDir
    Path serverDir;

    @TempDir
    Path pusherDir;

    @TempDir
    Path cacheDir;

    private Repository served;
    private GitHttpTestServer server;
    private String url;

    @BeforeEach
    void serveABareRepository() throws Exception {
        served = Git.init().setBare(true).setInitialBranch("main").setDirectory(serverDir.toFile()).call().getRepository();
        // JGit runs gc in the background after a push it receives; it would still be writing into serverDir when
        // JUnit deletes it. The test is about fetches, not about the server's housekeeping.
        served.getConfig().setBoolean("receive", null, "autogc", false);
        served.getConfig().setInt("gc", null, "auto", 0);
        served.getConfig().save();
        server = GitHttpTestServer.start();
        url = server.serve("busy", served);
    }

    @AfterEach
    void stop() {
        server.close();
        served.close();
    }

    @Test
    void shouldOnlyEverServeWholeCommitsWhileTheBranchMoves() throws Exception {
        Map<String, Integer> pushed = new ConcurrentHashMap<>();
        AtomicBoolean pushing = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(FETCHERS + 1);
        try (TestGitRepo pusher = TestGitRepo.in(pusherDir); RepositoryCache cache = new RepositoryCache(cacheDir)) {
            push(pusher, 0, pushed, false);
            GitSource source = new GitSource(cache);
            List<Future<List<String>>> fetchers = new ArrayList<>();
            for (int i = 0; i < FETCHERS; i++) {
                fetchers.add(threads.submit(fetchUntilDone(source, pushing, pushed)));
            }
            Future<?> pushes = threads.submit(() -> {
                try {
                    for (int generation = 1; generation <= PUSHES; generation++) {
                        push(pusher, generation, pushed, generation % 10 == 0);
                    }
                } finally {
                    pushing.set(false);
                }
                return null;
            });

            pushes.get(5, TimeUnit.MINUTES);
            List<String> seen = new ArrayList<>();
            for (Future<List<String>> fetcher : fetchers) {
                seen.addAll(fetcher.get(5, TimeUnit.MINUTES));
            }
            SourceSnapshot last = source.fetch(SourceRequest.anonymous(url, "main", "apps/web"));

            assertThat(seen).as("every fetch gave a whole commit, or lost a race with a force push and said so")
                    .allSatisfy(outcome -> assertThat(outcome).matches("ok|failed: " + Pattern.quote(url)
                            + ": the branch or tag moved while it was fetched \\(.*\\), as a force push does;"
                            + " fetch again to read its new commit"));
            assertThat(seen).as("whole commits were read while the branch moved").contains("ok");
            assertThat(generationOf(last)).isEqualTo(PUSHES);
            assertThat(last.commit().sha()).isEqualTo(pusher.head());
        } finally {
            threads.shutdownNow();
        }
    }

    /** Fetches and reads until the pusher is done; each outcome is "ok" or "failed: message". */
    private Callable<List<String>> fetchUntilDone(GitSource source, AtomicBoolean pushing, Map<String, Integer> pushed) {
        return () -> {
            List<String> outcomes = new ArrayList<>();
            int lastGeneration = -1;
            while (pushing.get()) {
                SourceSnapshot snapshot;
                try {
                    snapshot = source.fetch(SourceRequest.anonymous(url, "main", "apps/web"));
                } catch (SourceException e) {
                    outcomes.add("failed: " + e.getMessage());
                    continue;
                }
                int generation = generationOf(snapshot);
                assertThat(pushed).as("the commit was pushed").containsEntry(snapshot.commit().sha(), generation);
                assertThat(snapshot.commit().subject()).isEqualTo("Generation " + generation);
                assertThat(generation).as("a later fetch never goes back").isGreaterThanOrEqualTo(lastGeneration);
                lastGeneration = generation;
                outcomes.add("ok");
            }
            return outcomes;
        };
    }

    /** Both files of a snapshot carry the same generation; returns it. */
    private static int generationOf(SourceSnapshot snapshot) throws IOException {
        int deployment = generationIn(snapshot, "apps/web/deploy.yaml");
        int service = generationIn(snapshot, "apps/web/service.yaml");
        assertThat(service).as("both files of %s come from one commit", snapshot).isEqualTo(deployment);
        return deployment;
    }

    private static int generationIn(SourceSnapshot snapshot, String file) throws IOException {
        Matcher matcher = GENERATION.matcher(new String(snapshot.read(file), StandardCharsets.UTF_8));
        assertThat(matcher.find()).as("%s in %s", file, snapshot).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    /**
     * Commits generation {@code n} in both files and pushes it; with {@code rewrite}, the commit replaces the
     * previous one (an amend) and is force-pushed, so the old tip becomes unreachable on the server.
     */
    private void push(TestGitRepo pusher, int generation, Map<String, Integer> pushed, boolean rewrite) throws Exception {
        Git git = Git.wrap(pusher.repository());
        pusher.write("apps/web/deploy.yaml", "kind: Deployment\ngeneration: " + generation + "\n")
                .write("apps/web/service.yaml", "kind: Service\ngeneration: " + generation + "\n");
        if (rewrite) {
            git.add().addFilepattern(".").call();
            git.commit().setAmend(true).setMessage("Generation " + generation).setSign(false).call();
        } else {
            pusher.commit("Generation " + generation);
        }
        pushed.put(pusher.head(), generation);
        Iterable<PushResult> results = git.push().setRemote(url).setForce(rewrite)
                .setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
        for (PushResult result : results) {
            assertThat(result.getRemoteUpdate("refs/heads/main").getStatus()).isEqualTo(RemoteRefUpdate.Status.OK);
        }
    }
}
