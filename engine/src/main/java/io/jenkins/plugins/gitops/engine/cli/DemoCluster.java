package io.jenkins.plugins.gitops.engine.cli;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A throw-away Kubernetes API server for the demo: kube-apiserver and etcd on the loopback interface,
 * started by {@code io.fabric8:kube-api-test} (which finds the binaries in {@code ~/.kubeapitest} or
 * downloads them). It stores and serves objects like any cluster, but runs no controllers and no
 * nodes: nothing ever rolls a Deployment out.
 *
 * <p>The demo writes no custom resources: this server version, built with a newer Go, fails on them.
 */
final class DemoCluster implements AutoCloseable {

    /** What {@code kubectl edit} records as the field manager of the fields it changes. */
    static final String KUBECTL_EDIT = "kubectl-edit";

    private final KubeAPIServer server;
    private final Path kubeconfig;
    private final KubernetesClient client;

    private DemoCluster(KubeAPIServer server, Path kubeconfig, KubernetesClient client) {
        this.server = server;
        this.kubeconfig = kubeconfig;
        this.client = client;
    }

    /**
     * Starts the server and writes its kubeconfig to {@code workspace/kubeconfig}.
     *
     * @param version the Kubernetes version, such as 1.20.2
     */
    static DemoCluster start(String version, Path workspace) throws IOException {
        KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withApiServerVersion(version)
                // Loopback only: nobody else needs to reach a demo cluster.
                .withApiServerFlag("--bind-address", "127.0.0.1")
                // Leave the user's ~/.kube/config alone; the demo hands its own kubeconfig to each command.
                .withUpdateKubeConfig(false)
                .build());
        try {
            server.start();
        } catch (RuntimeException e) {
            server.stop();
            throw new CommandException("kube-apiserver " + version + " did not start (" + e.getMessage() + ");"
                    + " kube-api-test looks for it in ~/.kubeapitest and downloads it when missing, so check the"
                    + " network, or set KUBE_API_TEST_API_SERVER_VERSION to a version you have", e);
        }
        String yaml = server.getKubeConfigYaml();
        Path kubeconfig = workspace.resolve("kubeconfig");
        Files.writeString(kubeconfig, yaml, StandardCharsets.UTF_8);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(yaml)).build();
        return new DemoCluster(server, kubeconfig, client);
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    String serverUrl() {
        return client.getMasterUrl().toString();
    }

    KubernetesClient client() {
        return client;
    }

    void createNamespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .create();
    }

    /**
     * Changes a live object as {@code kubectl edit} does: a strategic merge patch under the field manager
     * {@value #KUBECTL_EDIT}, which thereby becomes the owner of the fields it changed.
     */
    <T extends HasMetadata> void editAsKubectl(Resource<T> resource, String patch) {
        resource.patch(new PatchContext.Builder().withPatchType(PatchType.STRATEGIC_MERGE)
                .withFieldManager(KUBECTL_EDIT).build(), patch);
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.stop();
        }
    }
}
