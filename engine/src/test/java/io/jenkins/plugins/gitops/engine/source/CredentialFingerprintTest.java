package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Fingerprints tell credentials apart without holding them. */
class CredentialFingerprintTest {

    private static final String SECRET = "fingerprint-Secret-4711";

    private final CredentialFingerprint fingerprint = new CredentialFingerprint();

    @Test
    void shouldGiveEqualCredentialsTheSameFingerprint() {
        assertThat(fingerprint.of(password("ci", SECRET))).isEqualTo(fingerprint.of(password("ci", SECRET)));
        assertThat(fingerprint.of(GitCredentials.none())).isEqualTo(fingerprint.of(GitCredentials.none()));
    }

    @Test
    void shouldTellCredentialsApartByEveryPartThatGrantsAccess() {
        assertThat(fingerprint.of(password("ci", SECRET)))
                .isNotEqualTo(fingerprint.of(password("ci", SECRET + "x")))
                .isNotEqualTo(fingerprint.of(password("cj", SECRET)))
                .isNotEqualTo(fingerprint.of(password("c", "i" + SECRET)))
                .isNotEqualTo(fingerprint.of(GitCredentials.none()));
        assertThat(fingerprint.of(GitCredentials.SshKey.acceptingAnyHostKey("git", "key", SECRET.toCharArray())))
                .isNotEqualTo(fingerprint.of(GitCredentials.SshKey.acceptingAnyHostKey("git", "key", null)))
                .isNotEqualTo(fingerprint.of(GitCredentials.SshKey.acceptingAnyHostKey("git", "other key", null)));
    }

    @Test
    void shouldNotDependOnKnownHosts() {
        assertThat(fingerprint.of(GitCredentials.SshKey.acceptingAnyHostKey("git", "key", null)))
                .isEqualTo(fingerprint.of(GitCredentials.SshKey.withKnownHosts("git", "key", null, "host ssh-ed25519 AAAA")));
    }

    @Test
    void shouldNeitherHoldTheSecretNorMatchAnotherCachesFingerprint() {
        String print = fingerprint.of(password("ci", SECRET));

        assertThat(print).hasSize(64).doesNotContain(SECRET).doesNotContain("ci");
        assertThat(new CredentialFingerprint().of(password("ci", SECRET))).isNotEqualTo(print);
    }

    private static GitCredentials password(String user, String secret) {
        return GitCredentials.usernamePassword(user, secret.toCharArray());
    }
}
