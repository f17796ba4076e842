package io.jenkins.plugins.gitops.engine.cluster;

/**
 * A failure to talk to the cluster or to understand what it serves. The message names where (the API
 * server URL, a kind, an object), what went wrong and what to do; it never contains a credential.
 */
public class ClusterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the API server answered 403: the credentials may not do what was asked. The cluster itself is
     * reachable, so a caller can go on with what it may do, and must not assume anything about the rest.
     */
    public boolean isForbidden() {
        return getCause() instanceof io.fabric8.kubernetes.client.KubernetesClientException failed && failed.getCode() == 403;
    }
}
