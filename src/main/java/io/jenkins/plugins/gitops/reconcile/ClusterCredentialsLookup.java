package io.jenkins.plugins.gitops.reconcile;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.ACL;
import io.fabric8.kubernetes.client.Config;
import io.jenkins.plugins.gitops.Messages;
import io.jenkins.plugins.gitops.engine.cluster.KubeconfigSafety;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Cluster credentials: a credentials ID, looked up in the environment's context, becomes a fabric8
 * {@link Config} for the engine's {@code ClusterConnection}. A secret file holds a kubeconfig; a secret text
 * holds a bearer token (and then the server URL is required). The server URL and CA certificate of the
 * environment, when set, take precedence over the kubeconfig's.
 */
public final class ClusterCredentialsLookup {

    public static final CredentialsMatcher MATCHER = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(FileCredentials.class),
            CredentialsMatchers.instanceOf(StringCredentials.class));

    /**
     * A resolved cluster access: the client configuration and a key that identifies it in the
     * {@link ClusterConnectionPool} (server, credentials ID, and a digest of the credentials and CA, never the
     * secret itself), and what it is made of, for a run on an agent (the secret: never shown).
     */
    public record Access(Config config, String poolKey, ClusterMaterial material) {
    }

    private ClusterCredentialsLookup() {
    }

    public static List<DomainRequirement> requirements(String serverUrl) {
        return URIRequirementBuilder.fromUri(Util.fixEmptyAndTrim(serverUrl)).build();
    }

    /**
     * The namespace is not part of the access: one connection serves every namespace of a cluster (the engine
     * passes the environment's namespace with each reconcile).
     *
     * @param run the build that uses the credentials (for tracking), or {@code null} for a check
     * @throws AbortException naming the field or credentials ID when something is missing or unreadable
     */
    /**
     * The administrator's escape hatch, read at each use: {@code -Dio.jenkins.plugins.gitops.allowKubeconfigCommands=true}
     * lets kubeconfigs run their {@code exec} plugins and read files on the controller (a Jenkins where only
     * administrators may create credentials, and the cloud's own login plugins are installed).
     */
    static final String ALLOW_CONTROLLER_SIDE_EFFECTS = "io.jenkins.plugins.gitops.allowKubeconfigCommands";

    public static Access resolve(Item context, @CheckForNull String serverUrl, @CheckForNull String credentialsId,
            @CheckForNull String caCertificate, @CheckForNull Run<?, ?> run) throws AbortException {
        String server = Util.fixEmptyAndTrim(serverUrl);
        String id = Util.fixEmptyAndTrim(credentialsId);
        String ca = Util.fixEmptyAndTrim(caCertificate);
        if (id == null) {
            throw new AbortException(Messages.ClusterCredentialsLookup_noCredentials());
        }
        StandardCredentials credentials = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItem(StandardCredentials.class, context, ACL.SYSTEM2,
                        requirements(server)),
                CredentialsMatchers.withId(id));
        if (credentials == null) {
            throw new AbortException(Messages.ClusterCredentialsLookup_notFound(id, context.getFullName()));
        }
        if (run != null) {
            CredentialsProvider.track(run, credentials);
        }
        ClusterMaterial material;
        if (credentials instanceof FileCredentials file) {
            String kubeconfig = readKubeconfig(file, id);
            // before fabric8 reads it: reading runs an exec plugin, and file fields read the controller's disk
            List<String> sideEffects = KubeconfigSafety.sideEffects(kubeconfig);
            if (!sideEffects.isEmpty() && !Boolean.getBoolean(ALLOW_CONTROLLER_SIDE_EFFECTS)) {
                throw new AbortException(Messages.ClusterCredentialsLookup_controllerSideEffects(id,
                        String.join(", ", sideEffects)));
            }
            material = ClusterMaterial.ofKubeconfig(kubeconfig, server, ca);
        } else if (credentials instanceof StringCredentials token) {
            if (server == null) {
                throw new AbortException(Messages.ClusterCredentialsLookup_tokenNeedsServer(id));
            }
            material = ClusterMaterial.ofToken(token.getSecret().getPlainText(), server, ca);
        } else {
            throw new AbortException(Messages.ClusterCredentialsLookup_wrongKind(id));
        }
        Config config;
        try {
            config = material.toConfig();
        } catch (RuntimeException e) {
            // fabric8's message may quote the document; it is not passed on
            throw new AbortException(Messages.ClusterCredentialsLookup_badKubeconfig(id, e.getClass().getSimpleName()));
        }
        String key = String.join("\n", String.valueOf(server), id, digest(material.secret() + "\n" + ca));
        return new Access(config, key, material);
    }

    private static String readKubeconfig(FileCredentials file, String id) throws AbortException {
        try (InputStream in = file.getContent()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AbortException(Messages.ClusterCredentialsLookup_unreadable(id, e.getMessage()));
        }
    }

    private static String digest(String material) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(material.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }
}
