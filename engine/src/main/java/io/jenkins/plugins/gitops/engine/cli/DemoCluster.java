package io.jenkins.plugins.gitops.engine.cli;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The cluster the demo runs on, and the namespace it owns there. Either a throw-away Kubernetes API server
 * of its own (kube-apiserver and etcd on the loopback interface, started by {@code io.fabric8:kube-api-test}
 * from binaries {@link ApiServerBinaries} provides), which stores and serves objects like any cluster but
 * runs no controllers and no nodes; or a cluster the user has, where the demo creates a throw-away namespace
 * and deletes it at the end. Closing it removes what the demo made.
 *
 * <p>The demo writes no custom resources: the local server's version, built with a newer Go, fails on them.
 */
final class DemoCluster implements AutoCloseable {

    /** What {@code kubectl edit} records as the field manager of the fields it changes. */
    static final String KUBECTL_EDIT = "kubectl-edit";

    private final KubeAPIServer server;
    private final Path kubeconfig;
    private final KubernetesClient client;
    private final String namespace;
    private final boolean namespaceIsThrowAway;

    private DemoCluster(KubeAPIServer server, Path kubeconfig, KubernetesClient client, String namespace,
            boolean namespaceIsThrowAway) {
        this.server = server;
        this.kubeconfig = kubeconfig;
        this.client = client;
        this.namespace = namespace;
        this.namespaceIsThrowAway = namespaceIsThrowAway;
    }

    /**
     * Starts a local server from binaries already {@link ApiServerBinaries#provide() provided}, writes its
     * kubeconfig to {@code workspace/kubeconfig} and creates {@code namespace} in it.
     *
     * @param version the Kubernetes version, such as 1.20.2
     * @param testDir kube-api-test's folder, where the binaries are
     */
    static DemoCluster startLocal(String version, String testDir, Path workspace, String namespace)
            throws IOException {
        KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withApiServerVersion(version)
                .withTestDir(testDir)
                // The binaries are there (provided before); never try a download here.
                .withOfflineMode(true)
                // Loopback only: nobody else needs to reach a demo cluster.
                .withApiServerFlag("--bind-address", "127.0.0.1")
                // Leave the user's ~/.kube/config alone; the demo hands its own kubeconfig to each command.
                .withUpdateKubeConfig(false)
                .build());
        try {
            server.start();
        } catch (RuntimeException e) {
            stopQuietly(server, e);
            throw new CommandException("kube-apiserver " + version + " from " + testDir + " did not start ("
                    + e.getMessage() + "); run the demo with --verbose to see its logs, or on a cluster you have"
                    + " with --kubeconfig <file>", e);
        }
        try {
            String yaml = server.getKubeConfigYaml();
            Path kubeconfig = Files.writeString(workspace.resolve("kubeconfig"), yaml, StandardCharsets.UTF_8);
            KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(yaml)).build();
            DemoCluster cluster = new DemoCluster(server, kubeconfig, client, namespace, false);
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                    .build()).create();
            return cluster;
        } catch (IOException | RuntimeException e) {
            stopQuietly(server, e);
            throw e;
        }
    }

    /**
     * Connects to a cluster the user has, through {@code kubeconfig}, and creates a new namespace there whose
     * name starts with {@code namespacePrefix}; {@link #close()} deletes it.
     *
     * @throws CommandException when the kubeconfig cannot be read or the namespace cannot be created
     */
    static DemoCluster onExisting(Path kubeconfig, String context, String namespacePrefix) {
        if (!Files.isRegularFile(kubeconfig)) {
            throw new CommandException("--kubeconfig " + kubeconfig + ": does not exist; check the path");
        }
        KubernetesClient client;
        try {
            client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(context, kubeconfig.toFile()))
                    .build();
        } catch (KubernetesClientException e) {
            throw new CommandException("--kubeconfig " + kubeconfig + ": cannot be used (" + e.getMessage() + ")", e);
        }
        try {
            Namespace created = client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
                    .withGenerateName(namespacePrefix).endMetadata().build()).create();
            return new DemoCluster(null, kubeconfig.toAbsolutePath(), client, created.getMetadata().getName(), true);
        } catch (KubernetesClientException e) {
            client.close();
            throw new CommandException("--kubeconfig " + kubeconfig + ": the demo could not create its namespace"
                    + " " + namespacePrefix + "... at " + client.getMasterUrl() + " (" + e.getMessage() + "); the"
                    + " demo needs a cluster where you may create a namespace and, in it, ConfigMaps, Services and"
                    + " Deployments", e);
        }
    }

    /** Whether the demo started this cluster (else it is the user's, and only the namespace is the demo's). */
    boolean local() {
        return server != null;
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

    String namespace() {
        return namespace;
    }

    /**
     * Changes a live object as {@code kubectl edit} does: a strategic merge patch under the field manager
     * {@value #KUBECTL_EDIT}, which thereby becomes the owner of the fields it changed.
     */
    <T extends HasMetadata> void editAsKubectl(Resource<T> resource, String patch) {
        resource.patch(new PatchContext.Builder().withPatchType(PatchType.STRATEGIC_MERGE)
                .withFieldManager(KUBECTL_EDIT).build(), patch);
    }

    /** What {@link #close()} removes, for the demo's last line. */
    String removal() {
        return local() ? "Stopped the API server" : "Deleted the namespace " + namespace;
    }

    /**
     * Stops the local server, or deletes the throw-away namespace (the cluster removes its objects).
     *
     * @throws CommandException when the namespace cannot be deleted, saying how to delete it
     */
    @Override
    public void close() {
        try {
            if (namespaceIsThrowAway) {
                client.namespaces().withName(namespace).delete();
            }
        } catch (KubernetesClientException e) {
            throw new CommandException("the demo could not delete its namespace " + namespace + " at "
                    + client.getMasterUrl() + " (" + e.getMessage() + "); delete it with kubectl delete namespace "
                    + namespace, e);
        } finally {
            client.close();
            if (server != null) {
                server.stop();
            }
        }
    }

    /** kube-api-test's stop() fails on what start() never made (no etcd folder yet): keep the real failure. */
    private static void stopQuietly(KubeAPIServer server, Exception failure) {
        try {
            server.stop();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
