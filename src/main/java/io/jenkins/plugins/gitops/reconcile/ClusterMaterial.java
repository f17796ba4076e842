package io.jenkins.plugins.gitops.reconcile;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a cluster's client configuration is made of: the secret material of the environment's cluster credentials
 * (a kubeconfig or a bearer token) and the environment's server URL and CA certificate, which take precedence over
 * the kubeconfig's. Plain values, so that an agent can make the same {@link Config} as the controller
 * ({@link ClusterCredentialsLookup} reads them; {@link AgentPipeline} carries them over the agent's channel).
 *
 * <p>{@code toString()} never shows the secret.
 *
 * @param kubeconfig the kubeconfig document, or {@code null} for a token
 * @param token the bearer token, or {@code null} for a kubeconfig
 * @param serverUrl the API server's URL, or {@code null} for the kubeconfig's
 * @param caCertificate PEM certificates of the API server's certificate authority, or {@code null}
 */
public record ClusterMaterial(@CheckForNull String kubeconfig, @CheckForNull String token, @CheckForNull String serverUrl,
        @CheckForNull String caCertificate) implements Serializable {

    private static final long serialVersionUID = 1L;

    static ClusterMaterial ofKubeconfig(String kubeconfig, @CheckForNull String serverUrl,
            @CheckForNull String caCertificate) {
        return new ClusterMaterial(kubeconfig, null, serverUrl, caCertificate);
    }

    static ClusterMaterial ofToken(String token, String serverUrl, @CheckForNull String caCertificate) {
        return new ClusterMaterial(null, token, serverUrl, caCertificate);
    }

    /** The secret part, for the connection pool's digest; never shown. */
    String secret() {
        return kubeconfig != null ? kubeconfig : String.valueOf(token);
    }

    /**
     * The client configuration.
     *
     * @throws RuntimeException when the kubeconfig cannot be read (fabric8's message may quote it: never show it)
     */
    Config toConfig() {
        ConfigBuilder builder = kubeconfig != null ? new ConfigBuilder(Config.fromKubeconfig(kubeconfig))
                : new ConfigBuilder(Config.empty()).withOauthToken(token);
        if (serverUrl != null) {
            builder.withMasterUrl(serverUrl);
        }
        if (caCertificate != null) {
            builder.withCaCertData(Base64.getEncoder().encodeToString(caCertificate.getBytes(StandardCharsets.UTF_8)));
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return "ClusterMaterial[" + (kubeconfig != null ? "kubeconfig" : "token") + ", server=" + serverUrl + "]";
    }
}
