package io.jenkins.plugins.gitops.engine.testing.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * A freshly generated SSH key pair for tests, with its private key as the text of an OpenSSH key file
 * ({@code -----BEGIN OPENSSH PRIVATE KEY-----}), optionally encrypted with a passphrase.
 *
 * @param keyPair the key pair, e.g. to authorize its public key on {@link GitSshTestServer}
 * @param privateKey the private key file's content
 * @param publicKeyLine the public key as one {@code authorized_keys} line ({@code ssh-ed25519 AAAA...})
 */
public record TestSshKeys(KeyPair keyPair, String privateKey, String publicKeyLine) {

    /** An unencrypted Ed25519 key, the kind {@code ssh-keygen} makes by default. */
    public static TestSshKeys generate() {
        return generate(null);
    }

    /** An Ed25519 key whose file is encrypted with {@code passphrase} (not encrypted when {@code null}). */
    public static TestSshKeys generate(String passphrase) {
        return of(generateKeyPair(KeyPairProvider.SSH_ED25519, 256), passphrase);
    }

    /** An ECDSA P-256 key pair; the test SSH server uses one as its host key. */
    static KeyPair generateHostKey() {
        return generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
    }

    private static KeyPair generateKeyPair(String type, int bits) {
        try {
            return KeyUtils.generateKeyPair(type, bits);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + type + " key", e);
        }
    }

    private static TestSshKeys of(KeyPair keyPair, String passphrase) {
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphrase != null) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setCipherName("AES");
            encryption.setCipherType("256");
            encryption.setCipherMode("CTR");
            encryption.setPassword(passphrase);
        }
        try {
            ByteArrayOutputStream privateKey = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(keyPair, "test@gitops-sync", encryption, privateKey);
            return new TestSshKeys(keyPair, privateKey.toString(StandardCharsets.US_ASCII),
                    PublicKeyEntry.toString(keyPair.getPublic()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the SSH key", e);
        }
    }
}
