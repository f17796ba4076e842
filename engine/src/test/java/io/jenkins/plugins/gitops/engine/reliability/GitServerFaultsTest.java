package io.jenkins.plugins.gitops.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.gitops.engine.source.GitCredentials;
import io.jenkins.plugins.gitops.engine.source.GitSource;
import io.jenkins.plugins.gitops.engine.source.RepositoryCache;
import io.jenkins.plugins.gitops.engine.source.SourceException;
import io.jenkins.plugins.gitops.engine.source.SourceRequest;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import io.jenkins.plugins.gitops.engine.testing.git.GitHttpTestServer;
import io.jenkins.plugins.gitops.engine.testing.git.TestGitRepo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Git side does when the server or the repository misbehaves: every failure names the repository
 * (never the credentials) and says what to check, and no failure damages what the cache already holds.
 */
class GitServerFaultsTest {

    private static final String USER = "ci-bot";
    private static final String PASSWORD = "faults-Passw0rd-31";

    @TempDir
    Path originDir;

    @TempDir
    Path cacheDir;

    private TestGitRepo origin;
    private GitHttpTestServer server;
    private RepositoryCache cache;
    private GitSource source;
    private String url;

    @BeforeEach
    void serveRepository() throws IOException {
        origin = TestGitRepo.in(originDir)
                .write("apps/web/deploy.yaml", "kind: Deployment\nreplicas: 1\n")
                .commit("Add web");
        server = GitHttpTestServer.start().requireBasicAuth(USER, PASSWORD);
        url = server.serve("shop", origin.repository());
        cache = new RepositoryCache(cacheDir);
        source = new GitSource(cache, Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        cache.close();
        server.close();
        origin.close();
    }

    @Test
    void shouldReportAServerThatWentAwayAndKeepServingTheCachedCommit() throws Exception {
        String fetched = fetch("main", "apps/web").commit().sha();
        server.close();

        SourceException failure = catchThrowableOfType(SourceException.class, () -> fetch("main", "apps/web"));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.UNREACHABLE);
        assertThat(failure).hasMessageStartingWith(url + ": cannot reach the Git server (")
                .hasMessageEndingWith("; check the URL, the network and any proxy");
        assertThat(cachedBranch("main")).as("the cache's branch did not move").isEqualTo(fetched);
        assertThat(fetch(fetched, "apps/web").read("apps/web/deploy.yaml")).asString().contains("replicas: 1");
    }

    @Test
    void shouldGiveUpOnAServerThatAcceptsButNeverAnswers() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (!silent.isClosed()) {
                        accepted.add(silent.accept()); // held open, never answered
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String silentUrl = "http://127.0.0.1:" + silent.getLocalPort() + "/shop.git";

            SourceException failure = catchThrowableOfType(SourceException.class, () -> new GitSource(cache,
                    Duration.ofSeconds(1)).fetch(new SourceRequest(silentUrl, credentials(), "main", "")));

            assertThat(failure.reason()).isEqualTo(SourceException.Reason.UNREACHABLE);
            assertThat(failure).hasMessageStartingWith(silentUrl + ": cannot reach the Git server (")
                    .hasMessageContaining("timed out")
                    .hasMessageEndingWith("; check the URL, the network and any proxy");
        }
    }

    @Test
    void shouldRefuseAWrongPasswordWithoutTouchingTheCache() throws Exception {
        String fetched = fetch("main", "").commit().sha();
        origin.write("apps/web/deploy.yaml", "kind: Deployment\nreplicas: 2\n").commit("Scale web");

        SourceException failure = catchThrowableOfType(SourceException.class, () -> source.fetch(new SourceRequest(
                url, GitCredentials.usernamePassword(USER, "wrong-Passw0rd-31".toCharArray()), "main", "")));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.AUTHENTICATION_FAILED);
        assertThat(failure).hasMessageStartingWith(url + ": authentication failed (")
                .hasMessageEndingWith("; check the credentials and that they may read this repository");
        assertThat(cachedBranch("main")).isEqualTo(fetched);
        assertThat(fetch("main", "").commit().sha()).as("the right password still works").isEqualTo(origin.head());
    }

    @Test
    void shouldReportABranchDeletedOnTheServerAndKeepItsLastCommitReadable() throws Exception {
        origin.branch("release");
        String released = fetch("release", "apps/web").commit().sha();
        deleteBranch(origin.repository(), "release");

        SourceException failure = catchThrowableOfType(SourceException.class, () -> fetch("release", "apps/web"));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.UNKNOWN_REVISION);
        assertThat(failure).hasMessage(url + ": revision \"release\" not found; check the branch or tag name");
        assertThat(fetch(released, "apps/web").commit().sha())
                .as("a rollback to the last synced commit still works").isEqualTo(released);
    }

    @Test
    void shouldUseTheNewCommitAfterAForcePushThatRewroteHistory() throws Exception {
        String base = origin.head();
        origin.write("apps/web/deploy.yaml", "kind: Deployment\nreplicas: 9\n").commit("Scale web to 9");
        String rewritten = fetch("main", "apps/web").commit().sha();
        // The author rewrites the last commit (an amend) and force-pushes it.
        resetBranch(origin.repository(), "main", base);
        origin.write("apps/web/deploy.yaml", "kind: Deployment\nreplicas: 3\n").commit("Scale web to 3");
        String amended = origin.head();

        SourceSnapshot snapshot = fetch("main", "apps/web");

        assertThat(snapshot.commit().sha()).isEqualTo(amended).isNotEqualTo(rewritten);
        assertThat(snapshot.commit().subject()).isEqualTo("Scale web to 3");
        assertThat(snapshot.read("apps/web/deploy.yaml")).asString().contains("replicas: 3");
        assertThat(cachedBranch("main")).isEqualTo(amended);
    }

    @Test
    void shouldSayTheBranchMovedWhenAForcePushLandsBetweenItsRefsAndItsPack() throws Exception {
        String base = origin.head();
        fetch("main", "");
        origin.write("apps/web/deploy.yaml", "kind: Deployment\nreplicas: 9\n").commit("Scale web to 9");
        String advertised = origin.head();
        server.beforeUpload(() -> {
            try {
                resetBranch(origin.repository(), "main", base); // the pushed commit is taken back
                server.beforeUpload(() -> { });
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        SourceException failure = catchThrowableOfType(SourceException.class, () -> fetch("main", ""));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.UNREACHABLE);
        assertThat(failure).hasMessage(url + ": the branch or tag moved while it was fetched (want " + advertised
                + " not valid), as a force push does; fetch again to read its new commit");
        assertThat(fetch("main", "").commit().sha()).as("the next fetch reads the new tip").isEqualTo(base);
    }

    @Test
    void shouldNameThePathAndCommitWhenTheEnvironmentsFolderWasRemoved() throws Exception {
        fetch("main", "apps/web");
        origin.write("apps/db/statefulset.yaml", "kind: StatefulSet\n").delete("apps/web").commit("Retire web");
        String shortSha = origin.head().substring(0, 7);

        SourceException failure = catchThrowableOfType(SourceException.class, () -> fetch("main", "apps/web"));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.PATH_NOT_FOUND);
        assertThat(failure).hasMessage(url + "@" + shortSha + ": path \"apps/web\" does not exist at this commit; "
                + "check the path, or push the folder to this revision");
    }

    private SourceSnapshot fetch(String revision, String path) throws SourceException {
        return source.fetch(new SourceRequest(url, credentials(), revision, path));
    }

    private static GitCredentials credentials() {
        return GitCredentials.usernamePassword(USER, PASSWORD.toCharArray());
    }

    /** Where the cache's copy of a branch points, read from its bare repository. */
    private String cachedBranch(String branch) throws IOException {
        try (Repository cached = new FileRepositoryBuilder().setGitDir(cache.repositoryDirectory(url).toFile())
                .setMustExist(true).build()) {
            return cached.exactRef("refs/heads/" + branch).getObjectId().name();
        }
    }

    private static void deleteBranch(Repository repository, String branch) throws IOException {
        RefUpdate delete = repository.updateRef("refs/heads/" + branch);
        delete.setForceUpdate(true);
        assertThat(delete.delete()).isEqualTo(RefUpdate.Result.FORCED);
    }

    private static void resetBranch(Repository repository, String branch, String commit) throws IOException {
        RefUpdate reset = repository.updateRef("refs/heads/" + branch);
        reset.setNewObjectId(ObjectId.fromString(commit));
        reset.setForceUpdate(true);
        assertThat(reset.forceUpdate()).isEqualTo(RefUpdate.Result.FORCED);
    }
}
