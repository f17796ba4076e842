package io.jenkins.plugins.gitops;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.util.Secret;
import io.jenkins.plugins.gitops.engine.source.GitCredentials;
import java.util.List;

/**
 * Git credentials: a credentials ID, looked up in the environment's context, becomes the engine's plain
 * {@link GitCredentials}. Username/password (or token) for HTTPS, an SSH private key for SSH. The engine never
 * sees a Jenkins type and Jenkins never sees the secret outside this class.
 */
public final class GitCredentialsLookup {

    /** The kinds of credentials a Git environment accepts. */
    public static final CredentialsMatcher MATCHER = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class),
            CredentialsMatchers.instanceOf(SSHUserPrivateKey.class));

    private GitCredentialsLookup() {
    }

    public static List<DomainRequirement> requirements(String repositoryUrl) {
        return URIRequirementBuilder.fromUri(Util.fixEmptyAndTrim(repositoryUrl)).build();
    }

    /**
     * The engine's credentials for {@code credentialsId}, or {@link GitCredentials#none()} when it is blank.
     *
     * @param context the environment (credentials of its folders and the global ones are visible)
     * @param run the build that uses them (for credentials tracking), or {@code null} for a check
     * @param knownHosts OpenSSH {@code known_hosts} lines the SSH server's key is checked against
     * @throws AbortException naming the credentials ID (never a secret) when it is unknown or of the wrong kind
     */
    public static GitCredentials resolve(Item context, String repositoryUrl, @CheckForNull String credentialsId,
            @CheckForNull String knownHosts, @CheckForNull Run<?, ?> run) throws AbortException {
        String id = Util.fixEmptyAndTrim(credentialsId);
        if (id == null) {
            return GitCredentials.none();
        }
        StandardCredentials credentials = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItem(StandardCredentials.class, context, ACL.SYSTEM2,
                        requirements(repositoryUrl)),
                CredentialsMatchers.withId(id));
        if (credentials == null) {
            throw new AbortException(Messages.GitCredentialsLookup_notFound(id, context.getFullName()));
        }
        if (run != null) {
            CredentialsProvider.track(run, credentials);
        }
        if (credentials instanceof StandardUsernamePasswordCredentials password) {
            return GitCredentials.usernamePassword(password.getUsername(), password.getPassword().getPlainText().toCharArray());
        }
        if (credentials instanceof SSHUserPrivateKey key) {
            List<String> keys = key.getPrivateKeys();
            if (keys.isEmpty()) {
                throw new AbortException(Messages.GitCredentialsLookup_noPrivateKey(id));
            }
            Secret passphrase = key.getPassphrase();
            return GitCredentials.SshKey.withKnownHosts(key.getUsername(), keys.get(0),
                    passphrase == null || passphrase.getPlainText().isEmpty() ? null : passphrase.getPlainText().toCharArray(),
                    knownHosts == null ? "" : knownHosts);
        }
        throw new AbortException(Messages.GitCredentialsLookup_wrongKind(id));
    }
}
