package io.jenkins.plugins.gitops.engine.source;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * A stable, non-secret name for one set of {@link GitCredentials}, so the cache can tell whether a request
 * comes with the credentials the server already let in, without keeping the credentials.
 *
 * <p>The fingerprint is an HMAC-SHA256 of the credential material (kind, user name, password or token, SSH
 * private key and passphrase) under a random key made for each {@link RepositoryCache} and kept in memory
 * only: equal credentials give equal fingerprints within one cache, and a fingerprint that leaked (it never
 * leaves the process) could not be checked against guessed passwords without that key. Known hosts are not
 * part of it: they say whom the client trusts, not what the server lets it read.
 */
final class CredentialFingerprint {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKey key;

    CredentialFingerprint() {
        try {
            this.key = KeyGenerator.getInstance(ALGORITHM).generateKey(); // 256 random bits
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }

    /** The fingerprint of {@code credentials}: 64 hex digits, equal for equal credentials. */
    String of(GitCredentials credentials) {
        Mac mac = newMac();
        if (credentials instanceof GitCredentials.UsernamePassword password) {
            field(mac, "password");
            field(mac, password.username());
            char[] secret = password.secret();
            field(mac, secret);
            Arrays.fill(secret, '\0');
        } else if (credentials instanceof GitCredentials.SshKey ssh) {
            field(mac, "ssh-key");
            field(mac, ssh.username());
            field(mac, ssh.privateKey());
            char[] passphrase = ssh.passphrase();
            field(mac, passphrase == null ? new char[0] : passphrase);
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        } else {
            field(mac, "none");
        }
        return HexFormat.of().formatHex(mac.doFinal());
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }

    private static void field(Mac mac, String value) {
        field(mac, value.toCharArray());
    }

    /** One field, length first, so that ("ab", "c") and ("a", "bc") differ. */
    private static void field(Mac mac, char[] value) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.remaining()).flip());
        mac.update(bytes.duplicate());
        if (bytes.hasArray()) {
            Arrays.fill(bytes.array(), (byte) 0);
        }
    }
}
