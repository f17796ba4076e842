package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.gitops.engine.testing.git.GitHttpTestServer;
import io.jenkins.plugins.gitops.engine.testing.git.TestGitRepo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetching over smart HTTP with Basic authentication, counting what goes over the wire: an unchanged
 * remote costs one request and no pack.
 */
class GitSourceHttpTest {

    private static final String USER = "ci-bot";
    private static final String PASSWORD = "s3cr3t-T0ken-value";

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
                .write("apps/web/deploy.yaml", "kind: Deployment\n")
                .commit("Add web")
                .tag("v1");
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
    void shouldFetchWithUsernameAndPassword() throws Exception {
        SourceSnapshot snapshot = source.fetch(authenticated("main", "apps/web"));

        assertThat(snapshot.commit().sha()).isEqualTo(origin.head());
        assertThat(snapshot.list("apps/web")).hasSize(1);
        assertThat(server.unauthorizedResponses()).isZero();
    }

    @Test
    void shouldRefreshUnchangedBranchWithOneRequestAndNoPack() throws Exception {
        source.fetch(authenticated("main", ""));
        server.resetCounters();

        SourceSnapshot snapshot = source.fetch(authenticated("main", ""));

        assertThat(snapshot.commit().sha()).isEqualTo(origin.head());
        assertThat(server.requests()).isEqualTo(1);
        assertThat(server.infoRefsRequests()).isEqualTo(1);
        assertThat(server.uploadPackRequests()).isZero();
        assertThat(server.packBytes()).isZero();
    }

    @Test
    void shouldRefreshUnchangedTagWithOneRequestAndNoPack() throws Exception {
        source.fetch(authenticated("v1", ""));
        server.resetCounters();

        source.fetch(authenticated("v1", ""));

        assertThat(server.requests()).isEqualTo(1);
        assertThat(server.uploadPackRequests()).isZero();
    }

    @Test
    void shouldNotContactServerForFullShaAlreadyInCache() throws Exception {
        source.fetch(authenticated("main", ""));
        server.resetCounters();

        SourceSnapshot snapshot = source.fetch(authenticated(origin.head(), ""));

        assertThat(snapshot.commit().sha()).isEqualTo(origin.head());
        assertThat(server.requests()).isZero();
    }

    @Test
    void shouldPickUpNewCommitWithOneNegotiation() throws Exception {
        source.fetch(authenticated("main", ""));
        origin.write("apps/web/deploy.yaml", "kind: Deployment\nreplicas: 3\n").commit("Scale web");
        server.resetCounters();

        SourceSnapshot snapshot = source.fetch(authenticated("main", ""));

        assertThat(snapshot.commit().sha()).isEqualTo(origin.head());
        assertThat(server.infoRefsRequests()).isEqualTo(1);
        assertThat(server.uploadPackRequests()).isEqualTo(1);
    }

    @Test
    void shouldNotDownloadAgainWhenBranchMovesBackToAKnownCommit() throws Exception {
        String first = origin.head();
        source.fetch(authenticated("main", ""));
        origin.write("apps/web/deploy.yaml", "kind: Deployment\nreplicas: 3\n").commit("Scale web");
        source.fetch(authenticated("main", ""));
        RefUpdate revert = origin.repository().updateRef("refs/heads/main");
        revert.setNewObjectId(ObjectId.fromString(first));
        revert.setForceUpdate(true);
        revert.forceUpdate();
        server.resetCounters();

        SourceSnapshot snapshot = source.fetch(authenticated("main", ""));

        assertThat(snapshot.commit().sha()).isEqualTo(first);
        assertThat(server.requests()).isEqualTo(1);
        assertThat(server.uploadPackRequests()).isZero();
    }

    @Test
    void shouldFetchShortShaNotYetInCacheFromAllBranches() throws Exception {
        source.fetch(authenticated("main", ""));
        origin.branch("feature").checkout("feature").write("feature.txt", "f").commit("Feature");
        String feature = origin.head();

        SourceSnapshot snapshot = source.fetch(authenticated(feature.substring(0, 10), ""));

        assertThat(snapshot.commit().sha()).isEqualTo(feature);
    }

    @Test
    void shouldResolveShortShaInCacheWithoutContactingServer() throws Exception {
        source.fetch(authenticated("main", ""));
        server.resetCounters();

        source.fetch(authenticated(origin.head().substring(0, 7), ""));

        assertThat(server.requests()).isZero();
    }

    @Test
    void shouldReportAuthenticationFailureForWrongPassword() {
        SourceRequest request = new SourceRequest(url,
                GitCredentials.usernamePassword(USER, "wrong-Passw0rd-42".toCharArray()), "main", "");

        SourceException failure = catchThrowableOfType(SourceException.class, () -> source.fetch(request));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.AUTHENTICATION_FAILED);
        assertThat(failure).hasMessageStartingWith(url + ": authentication failed (");
        assertThat(failure).hasMessageEndingWith("; check the credentials and that they may read this repository");
    }

    @Test
    void shouldNeverShowThePasswordInMessagesOrToString() {
        String wrongPassword = "wrong-Passw0rd-42";
        SourceRequest request = new SourceRequest(url,
                GitCredentials.usernamePassword(USER, wrongPassword.toCharArray()), "main", "");

        SourceException failure = catchThrowableOfType(SourceException.class, () -> source.fetch(request));

        assertThat(request.toString()).doesNotContain(wrongPassword);
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            assertThat(String.valueOf(cause.getMessage())).doesNotContain(wrongPassword);
            assertThat(cause.toString()).doesNotContain(wrongPassword);
        }
    }

    @Test
    void shouldAskForCredentialsWhenServerRequiresThemAndNoneAreGiven() {
        SourceException failure = catchThrowableOfType(SourceException.class,
                () -> source.fetch(SourceRequest.anonymous(url, "main", "")));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.AUTHENTICATION_FAILED);
        assertThat(failure).hasMessageStartingWith(url + ": authentication required (")
                .hasMessageEndingWith("; configure credentials for this repository");
    }

    @Test
    void shouldRejectPasswordInsideTheUrl() {
        String withPassword = url.replace("http://", "http://" + USER + ":" + PASSWORD + "@");

        SourceException failure = catchThrowableOfType(SourceException.class,
                () -> source.fetch(SourceRequest.anonymous(withPassword, "main", "")));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.INVALID_REQUEST);
        assertThat(failure.url()).isEqualTo(url);
        assertThat(failure).hasMessage(url + ": the URL contains a password; remove it from the URL and pass it as credentials");
        assertThat(failure.getMessage()).doesNotContain(PASSWORD);
    }

    @Test
    void shouldReportRepositoryNotFound() {
        String missing = server.url("missing");

        SourceException failure = catchThrowableOfType(SourceException.class,
                () -> source.fetch(new SourceRequest(missing, credentials(), "main", "")));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.REPOSITORY_NOT_FOUND);
        assertThat(failure).hasMessageStartingWith(missing + ": repository not found (");
    }

    @Test
    void shouldReportUnreachableHost() throws IOException {
        String closed = "http://127.0.0.1:" + closedPort() + "/shop.git";

        SourceException failure = catchThrowableOfType(SourceException.class,
                () -> source.fetch(new SourceRequest(closed, credentials(), "main", "")));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.UNREACHABLE);
        assertThat(failure).hasMessageStartingWith(closed + ": cannot reach the Git server (")
                .hasMessageEndingWith("; check the URL, the network and any proxy");
    }

    @Test
    void shouldKeepCredentialsOutOfTheCacheDirectoryName() throws Exception {
        source.fetch(authenticated("main", ""));

        Path repository = cache.repositoryDirectory(url.replace("http://", "http://" + USER + "@"));

        assertThat(repository).isEqualTo(cache.repositoryDirectory(url)).isDirectory();
        assertThat(repository.getFileName().toString()).startsWith("shop-").doesNotContain(USER, PASSWORD);
    }

    @Test
    void shouldNeverShowATokenFromTheQueryString() throws Exception {
        String token = "qs-T0ken%2Fvalue";
        for (String withToken : List.of(url + "?access_token=" + token,
                "http://127.0.0.1:" + closedPort() + "/shop.git?private_token=" + token)) {
            SourceException failure = catchThrowableOfType(SourceException.class,
                    () -> source.fetch(new SourceRequest(withToken, credentials(), "main", "")));

            assertThat(failure.getMessage()).contains("_token=****").doesNotContain(token, "qs-T0ken/value");
            assertThat(failure.url()).doesNotContain(token);
            assertThat(cache.repositoryDirectory(withToken).getFileName().toString()).doesNotContain("T0ken");
        }
    }

    private SourceRequest authenticated(String revision, String path) {
        return new SourceRequest(url, credentials(), revision, path);
    }

    private static GitCredentials credentials() {
        return GitCredentials.usernamePassword(USER, PASSWORD.toCharArray());
    }

    /** A loopback port nobody listens on: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
