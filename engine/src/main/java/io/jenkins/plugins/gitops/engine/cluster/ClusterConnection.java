package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * A connection to one cluster: a fabric8 client whose every request is counted, and the discovery cache
 * of that cluster. Keep one per cluster and reuse it across reconciles: discovery is then free.
 *
 * <p>Requests the API server does not complete (429, 5xx, no answer) are repeated as
 * {@link RequestRetries} says; {@link #connect(Config)} sets {@link RequestRetries#DEFAULT} whatever the
 * configuration (or the {@code kubernetes.request.retry.*} system properties) said, so that how long a
 * sync waits for a failing cluster is the engine's decision, documented in one place.
 */
public final class ClusterConnection implements AutoCloseable {

    private final KubernetesClient client;
    private final RequestCounter requests;
    private final WatchStreams watchStreams;
    private final RequestRetries retries;
    private final Discovery discovery;
    private volatile String serverVersion;
    private LiveStateCache liveStateCache;

    private ClusterConnection(KubernetesClient client, RequestCounter requests, WatchStreams watchStreams,
            RequestRetries retries) {
        this.client = client;
        this.requests = requests;
        this.watchStreams = watchStreams;
        this.retries = retries;
        this.discovery = new Discovery(client, retries);
    }

    /**
     * Connects with a ready fabric8 configuration (from a kubeconfig, a token, in-cluster...), with the
     * {@link RequestRetries#DEFAULT default retries}.
     */
    public static ClusterConnection connect(Config config) {
        return connect(config, RequestRetries.DEFAULT);
    }

    /** Connects as {@link #connect(Config)} does, with other retries; {@code config} is changed to carry them. */
    public static ClusterConnection connect(Config config, RequestRetries retries) {
        RequestCounter requests = new RequestCounter();
        WatchStreams watchStreams = new WatchStreams();
        KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(retries.applyTo(ClusterCaTrust.onlyTheClusterCa(config)))
                .withHttpClientBuilderConsumer(builder -> builder
                        .addOrReplaceInterceptor("gitops-sync-requests", requests)
                        .addOrReplaceInterceptor("gitops-sync-watch-streams", watchStreams))
                .build();
        return new ClusterConnection(client, requests, watchStreams, retries);
    }

    /**
     * Connects with a kubeconfig document.
     *
     * @param context the kubeconfig context to use, or {@code null} for its current context
     * @throws ClusterException when the kubeconfig names no usable context or a file that cannot be read
     */
    public static ClusterConnection fromKubeconfig(String kubeconfigYaml, String context) {
        return fromKubeconfig(kubeconfigYaml, context, null);
    }

    /**
     * Connects with a kubeconfig read from {@code file}, against which relative paths in it are resolved, as
     * {@code kubectl} resolves them; errors name the file.
     *
     * @param context the kubeconfig context to use, or {@code null} for its current context
     * @throws ClusterException when the kubeconfig names no usable context or a file that cannot be read
     */
    public static ClusterConnection fromKubeconfig(String kubeconfigYaml, String context, java.nio.file.Path file) {
        return connect(KubeconfigReader.read(kubeconfigYaml, context, file));
    }

    public KubernetesClient client() {
        return client;
    }

    public RequestCounter requests() {
        return requests;
    }

    /** Which watches stream now, for the live state cache. */
    WatchStreams watchStreams() {
        return watchStreams;
    }

    public RequestRetries retries() {
        return retries;
    }

    /** A failed request as a user should read it (status and message, or cause, and the attempts made). */
    public String describe(KubernetesClientException e) {
        return retries.describe(e);
    }

    public Discovery discovery() {
        return discovery;
    }

    public KubernetesSerialization serialization() {
        return client.getKubernetesSerialization();
    }

    /**
     * The API server's Kubernetes version ({@code v1.28.3}), asked once per connection; empty when the server does
     * not say (the caller then keeps its default). What Helm charts see as {@code .Capabilities.KubeVersion}.
     */
    public java.util.Optional<String> serverVersion() {
        String known = serverVersion;
        if (known == null) {
            try {
                var info = client.getKubernetesVersion();
                known = info == null || info.getGitVersion() == null ? "" : info.getGitVersion();
            } catch (KubernetesClientException e) {
                known = ""; // the steps after this one report the cluster's failure, naming it
            }
            serverVersion = known;
        }
        return known.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(known);
    }

    /**
     * Starts this connection's live state cache, one per connection and therefore per cluster and credentials
     * (a second call returns the first cache). The plugin starts it for the connections its periodic checks
     * use; the command line never does: a single run gains nothing from a watch.
     */
    public synchronized LiveStateCache startLiveStateCache(LiveStateCacheOptions options) {
        if (liveStateCache == null) {
            liveStateCache = new LiveStateCache(this, options, java.time.Clock.systemUTC());
        }
        return liveStateCache;
    }

    /** The live state cache, when {@link #startLiveStateCache} started one. */
    public synchronized java.util.Optional<LiveStateCache> liveStateCache() {
        return java.util.Optional.ofNullable(liveStateCache);
    }

    /** The API server URL, for messages. */
    public String serverUrl() {
        return client.getMasterUrl().toString();
    }

    @Override
    public void close() {
        LiveStateCache cache;
        synchronized (this) {
            cache = liveStateCache;
            liveStateCache = null;
        }
        if (cache != null) {
            cache.close();
        }
        client.close();
    }
}
