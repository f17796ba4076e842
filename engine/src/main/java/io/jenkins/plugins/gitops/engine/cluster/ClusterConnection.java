package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * A connection to one cluster: a fabric8 client whose every request is counted, and the discovery cache
 * of that cluster. Keep one per cluster and reuse it across reconciles: discovery is then free.
 */
public final class ClusterConnection implements AutoCloseable {

    private final KubernetesClient client;
    private final RequestCounter requests;
    private final Discovery discovery;

    private ClusterConnection(KubernetesClient client, RequestCounter requests) {
        this.client = client;
        this.requests = requests;
        this.discovery = new Discovery(client);
    }

    /** Connects with a ready fabric8 configuration (from a kubeconfig, a token, in-cluster...). */
    public static ClusterConnection connect(Config config) {
        RequestCounter requests = new RequestCounter();
        KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("gitops-sync-requests", requests))
                .build();
        return new ClusterConnection(client, requests);
    }

    /**
     * Connects with a kubeconfig document.
     *
     * @param context the kubeconfig context to use, or {@code null} for its current context
     */
    public static ClusterConnection fromKubeconfig(String kubeconfigYaml, String context) {
        Config config = context == null
                ? Config.fromKubeconfig(kubeconfigYaml)
                : Config.fromKubeconfig(context, kubeconfigYaml, null);
        return connect(config);
    }

    public KubernetesClient client() {
        return client;
    }

    public RequestCounter requests() {
        return requests;
    }

    public Discovery discovery() {
        return discovery;
    }

    public KubernetesSerialization serialization() {
        return client.getKubernetesSerialization();
    }

    /** The API server URL, for messages. */
    public String serverUrl() {
        return client.getMasterUrl().toString();
    }

    @Override
    public void close() {
        client.close();
    }
}
