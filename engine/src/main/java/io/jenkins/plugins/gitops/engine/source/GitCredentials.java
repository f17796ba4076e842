package io.jenkins.plugins.gitops.engine.source;

import java.util.Arrays;
import java.util.Objects;

/**
 * How to authenticate to a Git server. Plain values handed over by the caller (the plugin resolves
 * Jenkins credentials into one of these); the engine never looks credentials up itself.
 *
 * <p>{@code toString()} never shows a secret. Secrets are {@code char[]} so a caller may clear them after
 * use; the records copy them on the way in and out.
 */
public sealed interface GitCredentials extends java.io.Serializable
        permits GitCredentials.None, GitCredentials.UsernamePassword, GitCredentials.SshKey {

    static GitCredentials none() {
        return new None();
    }

    static GitCredentials usernamePassword(String username, char[] secret) {
        return new UsernamePassword(username, secret);
    }

    /** Anonymous access: public HTTPS repositories, {@code file://} and {@code git://}. */
    record None() implements GitCredentials {
        @Override
        public String toString() {
            return "GitCredentials.None";
        }
    }

    /**
     * HTTP(S) Basic authentication: a user name and a password or access token. Sent with the first
     * request (pre-emptively), so an authenticated refresh costs one request, not a 401 and a retry.
     */
    record UsernamePassword(String username, char[] secret) implements GitCredentials {

        public UsernamePassword {
            Objects.requireNonNull(username, "username");
            secret = Objects.requireNonNull(secret, "secret").clone();
        }

        @Override
        public char[] secret() {
            return secret.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof UsernamePassword that
                    && username.equals(that.username)
                    && Arrays.equals(secret, that.secret);
        }

        @Override
        public int hashCode() {
            return username.hashCode();
        }

        @Override
        public String toString() {
            return "UsernamePassword[username=" + username + ", secret=****]";
        }
    }

    /**
     * SSH public-key authentication. The private key is held in memory only (OpenSSH or PEM format) and
     * the host key is checked against {@code knownHosts} (OpenSSH {@code known_hosts} lines), unless
     * {@code acceptAnyHostKey} is set. Neither {@code ~/.ssh} nor an SSH agent is ever used.
     *
     * @param username the SSH login; when blank, the user of the URL ({@code git@host:...}) is used
     * @param privateKey the private key file's content
     * @param passphrase the key's passphrase, or {@code null} when the key is not encrypted
     * @param knownHosts {@code known_hosts} lines for the server, or {@code null}/empty
     * @param acceptAnyHostKey trust whatever host key the server presents (test set-ups only: this gives
     *     up protection against a man in the middle)
     */
    record SshKey(String username, String privateKey, char[] passphrase, String knownHosts,
            boolean acceptAnyHostKey) implements GitCredentials {

        public SshKey {
            username = username == null ? "" : username;
            Objects.requireNonNull(privateKey, "privateKey");
            passphrase = passphrase == null ? null : passphrase.clone();
            knownHosts = knownHosts == null ? "" : knownHosts;
        }

        /** A key whose server is checked against the given {@code known_hosts} lines. */
        public static SshKey withKnownHosts(String username, String privateKey, char[] passphrase,
                String knownHosts) {
            return new SshKey(username, privateKey, passphrase, knownHosts, false);
        }

        /** A key that trusts any server host key; for tests and closed networks only. */
        public static SshKey acceptingAnyHostKey(String username, String privateKey, char[] passphrase) {
            return new SshKey(username, privateKey, passphrase, "", true);
        }

        @Override
        public char[] passphrase() {
            return passphrase == null ? null : passphrase.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SshKey that
                    && username.equals(that.username)
                    && privateKey.equals(that.privateKey)
                    && Arrays.equals(passphrase, that.passphrase)
                    && knownHosts.equals(that.knownHosts)
                    && acceptAnyHostKey == that.acceptAnyHostKey;
        }

        @Override
        public int hashCode() {
            return Objects.hash(username, knownHosts, acceptAnyHostKey);
        }

        @Override
        public String toString() {
            return "SshKey[username=" + username + ", privateKey=****, passphrase="
                    + (passphrase == null ? "none" : "****") + ", hostKeys="
                    + (acceptAnyHostKey ? "accept any" : knownHosts.lines().count() + " known hosts lines") + "]";
        }
    }
}
