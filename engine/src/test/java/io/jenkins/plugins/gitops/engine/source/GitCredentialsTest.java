package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Credentials can be logged and put in reports: their text never shows a secret. */
class GitCredentialsTest {

    private static final String PRIVATE_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";

    @Test
    void shouldHidePasswordInToString() {
        GitCredentials credentials = GitCredentials.usernamePassword("ci-bot", "ghp_Secret123".toCharArray());

        assertThat(credentials.toString()).isEqualTo("UsernamePassword[username=ci-bot, secret=****]");
        assertThat(new SourceRequest("https://git.example.com/x.git", credentials, "main", "").toString())
                .doesNotContain("ghp_Secret123");
    }

    @Test
    void shouldHidePrivateKeyAndPassphraseInToString() {
        GitCredentials credentials = GitCredentials.SshKey.withKnownHosts("git", PRIVATE_KEY, "my passphrase".toCharArray(),
                "github.com ssh-ed25519 AAAA\n");

        assertThat(credentials.toString())
                .doesNotContain("b3BlbnNzaC1rZXktdjEAAAAA").doesNotContain("my passphrase")
                .isEqualTo("SshKey[username=git, privateKey=****, passphrase=****, hostKeys=1 known hosts lines]");
    }

    @Test
    void shouldCopySecretSoCallerMayClearItsArray() {
        char[] secret = "ghp_Secret123".toCharArray();
        GitCredentials.UsernamePassword credentials = new GitCredentials.UsernamePassword("ci-bot", secret);

        java.util.Arrays.fill(secret, '\0');

        assertThat(credentials.secret()).containsExactly("ghp_Secret123".toCharArray());
    }

    @Test
    void shouldMaskSecretsShouldALibraryEchoThem() {
        GitCredentials credentials = GitCredentials.usernamePassword("ci-bot", "ghp_Secret123".toCharArray());

        assertThat(TransportFailures.redact("login ghp_Secret123 refused", credentials)).isEqualTo("login **** refused");
    }
}
