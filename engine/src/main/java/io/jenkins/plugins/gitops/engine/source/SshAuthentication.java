package io.jenkins.plugins.gitops.engine.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * An SSH client set up from one {@link GitCredentials.SshKey} and nothing else: the key is parsed in
 * memory, host keys are checked by a {@link HostKeyVerifier}, and the SSH home is an empty folder, so
 * no {@code ~/.ssh} key, config or known_hosts file and no SSH agent is ever used.
 */
final class SshAuthentication implements AutoCloseable {

    private final SshdSessionFactory sessionFactory;
    private final HostKeyVerifier hostKeys;

    private SshAuthentication(SshdSessionFactory sessionFactory, HostKeyVerifier hostKeys) {
        this.sessionFactory = sessionFactory;
        this.hostKeys = hostKeys;
    }

    static SshAuthentication of(GitCredentials.SshKey key, Path emptyHome, RepositoryUrl url) throws SourceException {
        List<KeyPair> keys = parseKeys(key, url);
        HostKeyVerifier hostKeys;
        try {
            hostKeys = new HostKeyVerifier(key.knownHosts(), key.acceptAnyHostKey());
            Files.createDirectories(emptyHome);
        } catch (IOException e) {
            throw new SourceException(SourceException.Reason.INVALID_REQUEST, url.redacted(), url.redacted()
                    + ": the known hosts cannot be read (" + e.getMessage() + "); give OpenSSH known_hosts lines", e);
        }
        SshdSessionFactory factory = new SshdSessionFactoryBuilder()
                .setHomeDirectory(emptyHome.toFile())
                .setSshDirectory(emptyHome.toFile())
                .setConfigStoreFactory((home, configFile, localUser) -> null)
                .setDefaultIdentities(sshDirectory -> List.of())
                .setDefaultKeysProvider(sshDirectory -> keys)
                .setDefaultKnownHostsFiles(sshDirectory -> List.of())
                .setServerKeyDatabase((home, sshDirectory) -> hostKeys)
                .setPreferredAuthentications("publickey")
                .setConnectorFactory(null)
                .build(null);
        return new SshAuthentication(factory, hostKeys);
    }

    SshdSessionFactory sessionFactory() {
        return sessionFactory;
    }

    /** Why the server's host key was refused, or {@code null} when it was not. */
    String hostKeyRefusal() {
        return hostKeys.refusal();
    }

    private static List<KeyPair> parseKeys(GitCredentials.SshKey key, RepositoryUrl url) throws SourceException {
        char[] passphrase = key.passphrase();
        FilePasswordProvider password = passphrase == null || passphrase.length == 0 ? FilePasswordProvider.EMPTY
                : FilePasswordProvider.of(new String(passphrase));
        List<KeyPair> keys = new ArrayList<>();
        try (ByteArrayInputStream in = new ByteArrayInputStream(key.privateKey().getBytes(StandardCharsets.UTF_8))) {
            Iterable<KeyPair> parsed = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("SSH private key"),
                    in, password);
            if (parsed != null) {
                parsed.forEach(keys::add);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // The parser's message never quotes key material, but it says little; keep it as the cause only.
            String hint = passphrase == null ? "check that it is an OpenSSH or PEM private key, and give its passphrase if it has one"
                    : "check the key and its passphrase";
            throw new SourceException(SourceException.Reason.AUTHENTICATION_FAILED, url.redacted(),
                    url.redacted() + ": the SSH private key cannot be read (" + e.getClass().getSimpleName() + "); " + hint, e);
        }
        if (keys.isEmpty()) {
            throw new SourceException(SourceException.Reason.AUTHENTICATION_FAILED, url.redacted(),
                    url.redacted() + ": the SSH private key is empty or in an unknown format; give the content of an OpenSSH or PEM private key file");
        }
        return keys;
    }

    @Override
    public void close() {
        sessionFactory.close();
    }
}
