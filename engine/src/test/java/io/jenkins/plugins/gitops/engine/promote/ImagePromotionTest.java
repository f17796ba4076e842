package io.jenkins.plugins.gitops.engine.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.source.GitCredentials;
import io.jenkins.plugins.gitops.engine.source.RepositoryCache;
import io.jenkins.plugins.gitops.engine.source.SourceException;
import io.jenkins.plugins.gitops.engine.testing.git.GitHttpTestServer;
import io.jenkins.plugins.gitops.engine.testing.git.TestGitRepo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Promotions against a real repository behind a Git HTTP server with Basic authentication. */
class ImagePromotionTest {

    private static final String USER = "ci";
    private static final String PASSWORD = "s3cret";
    private static final String IMAGE = "registry.example.com/app";
    private static final String BUILD = "https://jenkins.example.com/job/app/42/";

    @TempDir
    Path temp;

    private TestGitRepo remote;
    private GitHttpTestServer server;
    private RepositoryCache cache;
    private String url;

    @BeforeEach
    void startServer() throws IOException {
        remote = TestGitRepo.in(temp.resolve("remote")).copy("promote/shop-repo").commit("Initial configuration");
        server = GitHttpTestServer.start().requireBasicAuth(USER, PASSWORD);
        url = server.serve("shop", remote.repository());
        cache = new RepositoryCache(temp.resolve("cache"));
    }

    @AfterEach
    void stopServer() {
        cache.close();
        server.close();
        remote.close();
    }

    @Test
    void shouldPushCommitWithJenkinsBuildTrailerWhenImageIsReferenced() throws Exception {
        String before = remote.head();

        PromotionResult result = promotion().promote(target("apps/web"), request("1.4.2"));

        assertThat(result.status()).isEqualTo(PromotionResult.Status.COMMITTED);
        assertThat(remote.resolve("main")).isEqualTo(result.commit());
        RevCommit commit = commit(result.commit());
        assertThat(commit.getParent(0).name()).isEqualTo(before);
        assertThat(commit.getFullMessage()).isEqualTo("""
                Set registry.example.com/app to 1.4.2 in production

                apps/web/deployment.yaml:11: image registry.example.com/app:1.4.1 → registry.example.com/app:1.4.2

                Image: registry.example.com/app
                Tag: 1.4.2
                Environment: production
                Jenkins-Build: https://jenkins.example.com/job/app/42/
                """);
        assertThat(commit.getAuthorIdent().getName()).isEqualTo("Jenkins");
    }

    @Test
    void shouldUseGivenMessageAsSubjectWhenOneIsGiven() throws Exception {
        PromotionRequest request = new PromotionRequest(IMAGE, "1.4.2", "Release 1.4.2 to production", BUILD,
                "Jenkins", "jenkins@example.com");

        PromotionResult result = promotion().promote(target("apps/web"), request);

        assertThat(commit(result.commit()).getShortMessage()).isEqualTo("Release 1.4.2 to production");
    }

    @Test
    void shouldLeaveEveryOtherFileUntouchedWhenCommitting() throws Exception {
        Map<String, ObjectId> before = files(remote.head());

        PromotionResult result = promotion().promote(target("apps/web"), request("1.4.2"));

        Map<String, ObjectId> after = files(result.commit());
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.remove("apps/web/deployment.yaml");
        assertThat(after).containsAllEntriesOf(before);
        assertThat(content(result.commit(), "apps/web/deployment.yaml")).isEqualTo(fixture("web-deployment.expected.yaml"));
    }

    @Test
    void shouldCommitNothingWhenRunAgainWithTheSameTag() throws Exception {
        PromotionResult first = promotion().promote(target("apps/web"), request("1.4.2"));
        server.resetCounters();

        PromotionResult second = promotion().promote(target("apps/web"), request("1.4.2"));

        assertThat(second.status()).isEqualTo(PromotionResult.Status.ALREADY_AT_TAG);
        assertThat(second.commit()).isEqualTo(first.commit());
        assertThat(second.edits()).isEmpty();
        assertThat(remote.resolve("main")).isEqualTo(first.commit());
        assertThat(server.receivePackRequests()).isZero();
    }

    @Test
    void shouldRetryOnTheNewTipWhenBranchMovedBeforePush() throws Exception {
        AtomicInteger pushes = new AtomicInteger();
        server.beforePush(() -> {
            if (pushes.getAndIncrement() == 0) {
                remote.write("apps/web/NOTES.md", "pushed by someone else\n").commit("Concurrent change");
            }
        });

        PromotionResult result = promotion().promote(target("apps/web"), request("1.4.2"));

        assertThat(result.attempts()).isEqualTo(2);
        RevCommit commit = commit(remote.resolve("main"));
        assertThat(commit.name()).isEqualTo(result.commit());
        assertThat(commit(commit.getParent(0).name()).getShortMessage()).isEqualTo("Concurrent change");
        assertThat(files(result.commit())).containsKeys("apps/web/NOTES.md");
        assertThat(content(result.commit(), "apps/web/deployment.yaml")).isEqualTo(fixture("web-deployment.expected.yaml"));
    }

    @Test
    void shouldFailWithConflictWhenBranchMovesOnEveryAttempt() throws Exception {
        AtomicInteger pushes = new AtomicInteger();
        server.beforePush(() -> remote.write("apps/web/NOTES.md", "change " + pushes.incrementAndGet() + "\n")
                .commit("Concurrent change"));
        ImagePromotion promotion = new ImagePromotion(cache, Duration.ofSeconds(30), 2);

        assertThatThrownBy(() -> promotion.promote(target("apps/web"), request("1.4.2")))
                .isInstanceOfSatisfying(PromotionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PromotionException.Reason.CONFLICT);
                    assertThat(e.getMessage()).startsWith(url + " branch main: the branch moved during each of 2 attempts to push (")
                            .endsWith("); run the step again, or check which other job pushes to this branch");
                });
        assertThat(content(remote.resolve("main"), "apps/web/deployment.yaml"))
                .isEqualTo(fixture("shop-repo/apps/web/deployment.yaml"));
    }

    @Test
    void shouldFailWhenImageIsNotReferencedUnderThePath() throws Exception {
        String before = remote.head();

        assertThatThrownBy(() -> promotion().promote(target("apps/web"), new PromotionRequest("registry.example.com/other",
                "1.0", null, BUILD, "Jenkins", "jenkins@example.com")))
                .isInstanceOfSatisfying(PromotionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PromotionException.Reason.NOT_REFERENCED);
                    assertThat(e.getMessage()).isEqualTo(url + " branch main@" + before.substring(0, 7)
                            + ": image registry.example.com/other is not referenced in \"apps/web\" (2 files looked at:"
                            + " container images, kustomization images entries, Helm values); check the image name,"
                            + " or add the image to the manifests first");
                });
        assertThat(remote.resolve("main")).isEqualTo(before);
    }

    @Test
    void shouldEditOnlyTheImagesEntryWhenFolderHasKustomization() throws Exception {
        PromotionResult result = promotion().promote(target("apps/kustomized"), request("1.4.2"));

        assertThat(result.edits()).extracting(ImageEdit::toString)
                .containsExactly("apps/kustomized/kustomization.yaml:5: newTag 1.4.1 → 1.4.2");
        assertThat(content(result.commit(), "apps/kustomized/deployment.yaml"))
                .isEqualTo(fixture("shop-repo/apps/kustomized/deployment.yaml"));
    }

    @Test
    void shouldEditTheEnvironmentValuesFileWhenFolderIsHelmChart() throws Exception {
        PromotionTarget target = new PromotionTarget("production", url, credentials(), "main", "charts/app",
                List.of("envs/prod-values.yaml"));

        PromotionResult result = promotion().promote(target, request("1.4.2"));

        assertThat(result.edits()).extracting(ImageEdit::toString)
                .containsExactly("envs/prod-values.yaml:3: tag \"1.4.1\" → \"1.4.2\"");
    }

    @Test
    void shouldEditTheChartValuesWhenNoValuesFilesAreGiven() throws Exception {
        PromotionResult result = promotion().promote(target("charts/app"), request("1.4.2"));

        assertThat(result.edits()).extracting(ImageEdit::toString)
                .containsExactly("charts/app/values.yaml:3: tag 1.0.0 → 1.4.2");
    }

    @Test
    void shouldFailWhenBranchDoesNotExist() {
        PromotionTarget target = new PromotionTarget("production", url, credentials(), "relase", "apps/web", List.of());

        assertThatThrownBy(() -> promotion().promote(target, request("1.4.2")))
                .isInstanceOfSatisfying(PromotionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PromotionException.Reason.GIT);
                    assertThat(e.getMessage()).isEqualTo(url + ": branch \"relase\" not found; check the branch name,"
                            + " or create the branch first");
                });
    }

    @Test
    void shouldFailWithAuthenticationErrorWhenPasswordIsWrong() {
        PromotionTarget target = new PromotionTarget("production", url,
                GitCredentials.usernamePassword(USER, "wrong".toCharArray()), "main", "apps/web", List.of());

        assertThatThrownBy(() -> promotion().promote(target, request("1.4.2")))
                .isInstanceOfSatisfying(PromotionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PromotionException.Reason.GIT);
                    assertThat(e.getCause()).isInstanceOfSatisfying(SourceException.class, cause ->
                            assertThat(cause.reason()).isEqualTo(SourceException.Reason.AUTHENTICATION_FAILED));
                    assertThat(e.getMessage()).doesNotContain("wrong");
                });
    }

    @Test
    void shouldRefuseImageWithTagBeforeTouchingGit() {
        assertThatThrownBy(() -> promotion().promote(target("apps/web"), new PromotionRequest(IMAGE + ":1.0", "1.4.2",
                null, BUILD, "Jenkins", "jenkins@example.com")))
                .isInstanceOf(PromotionException.class)
                .hasMessage("image \"registry.example.com/app:1.0\": has a tag or digest; give the repository alone"
                        + " (registry.example.com/app) and the tag as tag");
        assertThat(server.requests()).isZero();
    }

    private ImagePromotion promotion() {
        return new ImagePromotion(cache, Duration.ofSeconds(30), ImagePromotion.DEFAULT_ATTEMPTS);
    }

    private PromotionTarget target(String path) {
        return new PromotionTarget("production", url, credentials(), "main", path, List.of());
    }

    private static GitCredentials credentials() {
        return GitCredentials.usernamePassword(USER, PASSWORD.toCharArray());
    }

    private static PromotionRequest request(String tag) {
        return new PromotionRequest(IMAGE, tag, null, BUILD, "Jenkins", "jenkins@example.com");
    }

    private RevCommit commit(String sha) throws IOException {
        try (RevWalk walk = new RevWalk(remote.repository())) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
            walk.parseBody(commit);
            return commit;
        }
    }

    private Map<String, ObjectId> files(String sha) throws IOException {
        Repository repository = remote.repository();
        Map<String, ObjectId> files = new TreeMap<>();
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(commit(sha).getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                files.put(walk.getPathString(), walk.getObjectId(0));
            }
        }
        return files;
    }

    private byte[] content(String sha, String path) throws IOException {
        return remote.repository().open(files(sha).get(path)).getBytes();
    }

    private static byte[] fixture(String name) {
        try (InputStream in = ImagePromotionTest.class.getResourceAsStream("/promote/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
