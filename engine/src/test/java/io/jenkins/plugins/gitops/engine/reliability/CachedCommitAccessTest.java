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
import io.jenkins.plugins.gitops.engine.testing.git.GitSshTestServer;
import io.jenkins.plugins.gitops.engine.testing.git.TestGitRepo;
import io.jenkins.plugins.gitops.engine.testing.git.TestSshKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Git cache is shared per repository URL, but access is not: a commit already in the cache is served
 * without asking the server only to credentials the server let in before; anyone else is checked with one
 * request, and refused exactly as the server refuses them, even for a full commit SHA.
 */
class CachedCommitAccessTest {

    private static final String USER = "ci-bot";
    private static final String PASSWORD = "right-Passw0rd-for-ci";
    private static final String OTHER_USER = "deployer";
    private static final String OTHER_PASSWORD = "other-Passw0rd-for-deployer";

    @TempDir
    Path originDir;

    @TempDir
    Path cacheDir;

    private TestGitRepo origin;
    private GitHttpTestServer server;
    private RepositoryCache cache;
    private GitSource source;
    private String url;
    private String commit;

    @BeforeEach
    void fillTheCacheWithTheRightCredentials() throws Exception {
        origin = TestGitRepo.in(originDir).write("apps/web/deploy.yaml", "kind: Deployment\n").commit("Add web");
        commit = origin.head();
        server = GitHttpTestServer.start().requireBasicAuth(USER, PASSWORD);
        url = server.serve("private", origin.repository());
        cache = new RepositoryCache(cacheDir);
        source = new GitSource(cache, Duration.ofSeconds(20));
        source.fetch(new SourceRequest(url, password(USER, PASSWORD), "main", ""));
        server.resetCounters();
    }

    @AfterEach
    void stop() {
        cache.close();
        server.close();
        origin.close();
    }

    @Test
    void shouldRefuseAWrongPasswordEvenForAFullShaAlreadyInTheCache() {
        SourceException failure = catchThrowableOfType(SourceException.class,
                () -> source.fetch(new SourceRequest(url, password(USER, "wrong-Passw0rd-77"), commit, "")));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.AUTHENTICATION_FAILED);
        assertThat(failure).hasMessageStartingWith(url + ": authentication failed (")
                .hasMessageEndingWith("; check the credentials and that they may read this repository");
        assertThat(server.unauthorizedResponses()).as("the server was asked, and said no").isPositive();
        assertThat(server.uploadPackRequests()).as("no pack, no negotiation").isZero();
    }

    @Test
    void shouldRefuseACallerWithoutCredentialsForAFullShaAlreadyInTheCache() {
        SourceException failure = catchThrowableOfType(SourceException.class,
                () -> source.fetch(SourceRequest.anonymous(url, commit, "")));

        assertThat(failure.reason()).as(failure.getMessage()).isEqualTo(SourceException.Reason.AUTHENTICATION_FAILED);
        assertThat(failure).hasMessageStartingWith(url + ": authentication required (")
                .hasMessageEndingWith("; configure credentials for this repository");
    }

    @Test
    void shouldRefuseAWrongPasswordForAnAbbreviatedShaAlreadyInTheCache() {
        SourceException failure = catchThrowableOfType(SourceException.class, () -> source.fetch(
                new SourceRequest(url, password(USER, "wrong-Passw0rd-77"), commit.substring(0, 8), "")));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.AUTHENTICATION_FAILED);
    }

    @Test
    void shouldServeACachedShaToTheCredentialsThatFilledTheCacheWithoutAnyRequest() throws Exception {
        SourceSnapshot snapshot = source.fetch(new SourceRequest(url, password(USER, PASSWORD), commit, ""));

        assertThat(snapshot.commit().sha()).isEqualTo(commit);
        assertThat(server.requests()).isZero();
    }

    @Test
    void shouldKeepTheNoOpBranchRefreshAtOneRequest() throws Exception {
        source.fetch(new SourceRequest(url, password(USER, PASSWORD), "main", ""));

        assertThat(server.requests()).isEqualTo(1);
        assertThat(server.uploadPackRequests()).isZero();
    }

    @Test
    void shouldCheckOtherValidCredentialsOnceWithOneRequestAndThenServeThemFromTheCache() throws Exception {
        server.alsoAcceptBasicAuth(OTHER_USER, OTHER_PASSWORD);
        SourceRequest other = new SourceRequest(url, password(OTHER_USER, OTHER_PASSWORD), commit, "apps/web");

        SourceSnapshot first = source.fetch(other);
        int requestsForTheCheck = server.requests();
        source.fetch(other);

        assertThat(first.commit().sha()).isEqualTo(commit);
        assertThat(requestsForTheCheck).as("one ref advertisement, no pack").isEqualTo(1);
        assertThat(server.infoRefsRequests()).isEqualTo(1);
        assertThat(server.uploadPackRequests()).isZero();
        assertThat(server.requests()).as("the second time, nothing").isEqualTo(1);
    }

    @Test
    void shouldRefuseCredentialsTheServerNoLongerAcceptsEvenThoughTheyFilledTheCache() {
        server.requireBasicAuth(USER, "rotated-Passw0rd-2");
        SourceRequest old = new SourceRequest(url, password(USER, PASSWORD), "main", "");
        catchThrowableOfType(SourceException.class, () -> source.fetch(old));

        SourceException failure = catchThrowableOfType(SourceException.class,
                () -> source.fetch(new SourceRequest(url, password(USER, PASSWORD), commit, "")));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.AUTHENTICATION_FAILED);
    }

    @Test
    void shouldCheckEveryCallerAgainAfterARestart() throws Exception {
        cache.close();
        try (RepositoryCache restarted = new RepositoryCache(cacheDir)) {
            new GitSource(restarted).fetch(new SourceRequest(url, password(USER, PASSWORD), commit, ""));
            SourceException failure = catchThrowableOfType(SourceException.class, () -> new GitSource(restarted)
                    .fetch(new SourceRequest(url, password(USER, "wrong-Passw0rd-77"), commit, "")));

            assertThat(server.infoRefsRequests()).as("the right password is checked once").isEqualTo(1);
            assertThat(server.uploadPackRequests()).as("the objects came from the cache").isZero();
            assertThat(failure.reason()).isEqualTo(SourceException.Reason.AUTHENTICATION_FAILED);
        }
    }

    @Test
    void shouldRefuseAnSshKeyTheServerDoesNotKnowForACommitFetchedWithAnother() throws IOException {
        TestSshKeys authorized = TestSshKeys.generate();
        TestSshKeys stranger = TestSshKeys.generate();
        try (GitSshTestServer ssh = GitSshTestServer.start().authorize("git", authorized.keyPair().getPublic())) {
            String sshUrl = ssh.serve("private", origin.repository());
            source.fetch(new SourceRequest(sshUrl, key(authorized, ssh), "main", ""));

            SourceException failure = catchThrowableOfType(SourceException.class,
                    () -> source.fetch(new SourceRequest(sshUrl, key(stranger, ssh), commit, "")));

            assertThat(failure.reason()).isEqualTo(SourceException.Reason.AUTHENTICATION_FAILED);
            assertThat(failure).hasMessageStartingWith(sshUrl.replace("git@", "") + ": authentication failed (");
            assertThat(ssh.uploadPackCommands()).as("the stranger never got a pack").isEqualTo(1);
        }
    }

    private static GitCredentials password(String user, String password) {
        return GitCredentials.usernamePassword(user, password.toCharArray());
    }

    private static GitCredentials key(TestSshKeys keys, GitSshTestServer server) {
        return GitCredentials.SshKey.withKnownHosts("git", keys.privateKey(), null, server.knownHostsLine());
    }
}
