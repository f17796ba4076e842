package io.jenkins.plugins.gitops.testing;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;

/**
 * A real kube-apiserver (with etcd) for the plugin's tests, as the engine's integration tests use: started once per
 * test JVM by {@code io.fabric8:kube-api-test} (which finds the binaries the engine build provides, see
 * {@code docs/development.md}) and stopped when the JVM exits. It runs no controllers: a Deployment stays
 * Progressing, a ConfigMap is Healthy at once.
 */
public final class TestCluster {

    private static TestCluster started;

    private final KubeAPIServer server;
    private final String kubeconfig;
    private final KubernetesClient admin;

    private TestCluster(KubeAPIServer server) {
        this.server = server;
        Config config = Config.fromKubeconfig(server.getKubeConfigYaml());
        this.kubeconfig = inline(config);
        this.admin = new KubernetesClientBuilder().withConfig(config).build();
    }

    /**
     * The kubeconfig with its certificates and key inline, as users upload one: the plugin refuses a kubeconfig
     * that names files on the controller (kube-api-test's does).
     */
    private static String inline(Config config) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: test
                    cluster:
                      server: %s
                      certificate-authority-data: %s
                users:
                  - name: admin
                    user:
                      client-certificate-data: %s
                      client-key-data: %s
                contexts:
                  - name: test
                    context: {cluster: test, user: admin}
                current-context: test
                """.formatted(config.getMasterUrl(), data(config.getCaCertData(), config.getCaCertFile()),
                data(config.getClientCertData(), config.getClientCertFile()),
                data(config.getClientKeyData(), config.getClientKeyFile()));
    }

    private static String data(String inline, String file) {
        if (inline != null) {
            return inline;
        }
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " of kube-api-test's kubeconfig", e);
        }
    }

    /** The JVM's server, started on first use. */
    public static synchronized TestCluster get() {
        if (started == null) {
            KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                    .withApiServerFlag("--bind-address", "127.0.0.1") // nothing in a test needs it reachable elsewhere
                    .build());
            server.start();
            TestCluster cluster = new TestCluster(server);
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "stop kube-apiserver"));
            started = cluster;
        }
        return started;
    }

    /** A cluster-admin client, to look at and change the cluster behind the plugin's back. */
    public KubernetesClient admin() {
        return admin;
    }

    /** A new namespace of the given prefix, so that tests never see each other's objects. */
    public String newNamespace(String prefix) {
        String name = (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .create();
        return name;
    }

    /** Stores the server's kubeconfig as a global "Secret file" credential, as users give a cluster to Jenkins. */
    public void addKubeconfigCredentials(String id) throws IOException {
        SystemCredentialsProvider provider = SystemCredentialsProvider.getInstance();
        provider.getCredentials().add(new FileCredentialsImpl(CredentialsScope.GLOBAL, id,
                "kubeconfig of the test kube-apiserver", "kubeconfig",
                SecretBytes.fromBytes(kubeconfig.getBytes(StandardCharsets.UTF_8))));
        provider.save();
    }

    private void stop() {
        admin.close();
        server.stop();
    }
}
