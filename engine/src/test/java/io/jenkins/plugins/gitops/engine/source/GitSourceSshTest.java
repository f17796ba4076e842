package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.gitops.engine.testing.git.GitSshTestServer;
import io.jenkins.plugins.gitops.engine.testing.git.TestGitRepo;
import io.jenkins.plugins.gitops.engine.testing.git.TestSshKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching over SSH with a private key held in memory, checked against given known hosts. */
class GitSourceSshTest {

    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path originDir;

    @TempDir
    Path cacheDir;

    private final TestSshKeys authorizedKey = TestSshKeys.generate();
    private TestGitRepo origin;
    private GitSshTestServer server;
    private RepositoryCache cache;
    private GitSource source;
    private String url;

    @BeforeEach
    void serveRepository() throws IOException {
        origin = TestGitRepo.in(originDir).write("apps/web/deploy.yaml", "kind: Deployment\n").commit("Add web");
        server = GitSshTestServer.start().authorize("git", authorizedKey.keyPair().getPublic());
        url = server.serve("shop", origin.repository());
        cache = new RepositoryCache(cacheDir);
        source = new GitSource(cache, Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() throws IOException {
        cache.close();
        server.close();
        origin.close();
    }

    @Test
    void shouldFetchWithAuthorizedKeyAndKnownHostKey() throws Exception {
        GitCredentials key = GitCredentials.SshKey.withKnownHosts("git", authorizedKey.privateKey(), null,
                server.knownHostsLine());

        SourceSnapshot snapshot = source.fetch(new SourceRequest(url, key, "main", "apps/web"));

        assertThat(snapshot.commit().sha()).isEqualTo(origin.head());
        assertThat(snapshot.read("apps/web/deploy.yaml")).asString().isEqualTo("kind: Deployment\n");
    }

    @Test
    void shouldFetchWithPassphraseProtectedKey() throws Exception {
        TestSshKeys encrypted = TestSshKeys.generate(PASSPHRASE);
        server.authorize("git", encrypted.keyPair().getPublic());
        GitCredentials key = GitCredentials.SshKey.withKnownHosts("git", encrypted.privateKey(),
                PASSPHRASE.toCharArray(), server.knownHostsLine());

        SourceSnapshot snapshot = source.fetch(new SourceRequest(url, key, "main", ""));

        assertThat(snapshot.commit().sha()).isEqualTo(origin.head());
    }

    @Test
    void shouldRefreshUnchangedBranchWithOneSshCommand() throws Exception {
        GitCredentials key = GitCredentials.SshKey.acceptingAnyHostKey("git", authorizedKey.privateKey(), null);
        source.fetch(new SourceRequest(url, key, "main", ""));

        source.fetch(new SourceRequest(url, key, "main", ""));

        assertThat(server.uploadPackCommands()).isEqualTo(2);
    }

    @Test
    void shouldRefuseKeyTheServerDoesNotKnow() {
        TestSshKeys stranger = TestSshKeys.generate();
        GitCredentials key = GitCredentials.SshKey.withKnownHosts("git", stranger.privateKey(), null,
                server.knownHostsLine());

        SourceException failure = catchThrowableOfType(SourceException.class,
                () -> source.fetch(new SourceRequest(url, key, "main", "")));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.AUTHENTICATION_FAILED);
        assertThat(failure).hasMessageStartingWith("ssh://127.0.0.1:" + server.port() + "/shop.git: authentication failed (");
        assertThat(failure.getMessage()).doesNotContain(stranger.privateKey().lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void shouldRefuseServerWhoseHostKeyIsNotKnown() {
        String otherHostKey = "[127.0.0.1]:" + server.port() + " " + TestSshKeys.generate().publicKeyLine();
        GitCredentials key = GitCredentials.SshKey.withKnownHosts("git", authorizedKey.privateKey(), null, otherHostKey);

        SourceException failure = catchThrowableOfType(SourceException.class,
                () -> source.fetch(new SourceRequest(url, key, "main", "")));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.AUTHENTICATION_FAILED);
        assertThat(failure).hasMessageContaining("is not in the known hosts")
                .hasMessageEndingWith("; add the server's host key to the known hosts of the credentials");
        assertThat(server.uploadPackCommands()).isZero();
    }

    @Test
    void shouldReportWrongPassphraseWithoutShowingIt() {
        TestSshKeys encrypted = TestSshKeys.generate(PASSPHRASE);
        String wrongPassphrase = "wrong passphrase 1234";
        GitCredentials key = GitCredentials.SshKey.withKnownHosts("git", encrypted.privateKey(),
                wrongPassphrase.toCharArray(), server.knownHostsLine());

        SourceException failure = catchThrowableOfType(SourceException.class,
                () -> source.fetch(new SourceRequest(url, key, "main", "")));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.AUTHENTICATION_FAILED);
        assertThat(failure).hasMessageContaining("the SSH private key cannot be read");
        assertThat(failure.getMessage()).doesNotContain(wrongPassphrase);
        assertThat(key.toString()).doesNotContain(wrongPassphrase).doesNotContain("OPENSSH PRIVATE KEY");
    }

    @Test
    void shouldRefuseSshUrlWithoutKeyCredentials() {
        SourceException failure = catchThrowableOfType(SourceException.class,
                () -> source.fetch(SourceRequest.anonymous(url, "main", "")));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.INVALID_REQUEST);
        assertThat(failure).hasMessageContaining("an SSH URL needs SSH key credentials");
    }

    @Test
    void shouldNeverReadTheUsersSshDirectory() throws Exception {
        GitCredentials key = GitCredentials.SshKey.withKnownHosts("git", authorizedKey.privateKey(), null,
                server.knownHostsLine());

        source.fetch(new SourceRequest(url, key, "main", ""));

        try (var files = Files.list(cacheDir.resolve("ssh"))) {
            assertThat(files).isEmpty(); // nothing learned, nothing written: known hosts stay in memory
        }
    }
}
