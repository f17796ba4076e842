package io.jenkins.plugins.gitops.engine.testing.kube;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real kube-apiserver (with etcd) for integration tests, started once per test JVM by
 * {@code io.fabric8:kube-api-test} and stopped when the JVM's tests are done, as flux's
 * {@code ssa/main_test.go} shares one envtest server per package.
 *
 * <p>Test methods and constructors may ask for:
 * <ul>
 *   <li>{@link KubernetesClient}: a cluster-admin client, closed after the test class;</li>
 *   <li>{@link TestNamespace}: a namespace of their own, so tests never see each other's objects;</li>
 *   <li>{@link ClusterConnection}: the engine's connection to the server, closed after the test;</li>
 *   <li>{@link ApiServerAccess}: the kubeconfig, to build clients with other settings, and the
 *       configuration of {@value ApiServerAccess#LIMITED_USER}, a user with no permission but API discovery
 *       until a test grants it some (the server authorizes with RBAC).</li>
 * </ul>
 *
 * <p>The Kubernetes version comes from {@code KUBE_API_TEST_API_SERVER_VERSION} (the build sets it);
 * where kube-api-test finds the binaries is described in {@code docs/development.md}.
 */
public final class RealApiServer implements ParameterResolver {

    private static final Logger LOGGER = Logger.getLogger(RealApiServer.class.getName());
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(RealApiServer.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KubernetesClient.class || type == TestNamespace.class || type == ApiServerAccess.class
                || type == ClusterConnection.class || type == TestCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ApiServerAccess access = context.getRoot().getStore(STORE)
                .getOrComputeIfAbsent(StartedServer.class, key -> StartedServer.start(), StartedServer.class)
                .access();
        Class<?> type = parameter.getParameter().getType();
        if (type == ApiServerAccess.class) {
            return access;
        }
        if (type == ClusterConnection.class) {
            return connection(context, access);
        }
        KubernetesClient client = context.getStore(STORE)
                .getOrComputeIfAbsent(ClassClient.class, key -> new ClassClient(access.newClient()), ClassClient.class)
                .client();
        if (type == KubernetesClient.class) {
            return client;
        }
        TestNamespace namespace = context.getStore(STORE).getOrComputeIfAbsent(
                TestNamespace.class, key -> TestNamespace.create(client), TestNamespace.class);
        return type == TestCluster.class ? new TestCluster(connection(context, access), client, namespace.name()) : namespace;
    }

    private static ClusterConnection connection(ExtensionContext context, ApiServerAccess access) {
        return context.getStore(STORE).getOrComputeIfAbsent(EngineConnection.class,
                key -> new EngineConnection(ClusterConnection.fromKubeconfig(access.kubeconfigYaml(), null)),
                EngineConnection.class).connection();
    }

    /**
     * What most reconcile tests need, in one parameter: the engine's connection, an administrator's client to
     * change the cluster behind the engine's back, and the test's own namespace.
     */
    public record TestCluster(ClusterConnection connection, KubernetesClient admin, String namespace) {
    }

    /** The server process, shared by every test class of the JVM; closed by JUnit at the very end. */
    private record StartedServer(KubeAPIServer server, ApiServerAccess access, Path tokenFile) implements AutoCloseable {

        static StartedServer start() {
            long started = System.nanoTime();
            // A static token for a user without certificate: tests give it the permissions they need.
            String token = UUID.randomUUID().toString();
            Path tokenFile;
            try {
                tokenFile = Files.createTempFile("kube-api-test-tokens", ".csv");
                Files.writeString(tokenFile, token + "," + ApiServerAccess.LIMITED_USER + "," + ApiServerAccess.LIMITED_USER + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                    // Loopback only: nothing in a test needs the API server to be reachable from elsewhere.
                    .withApiServerFlag("--bind-address", "127.0.0.1")
                    .withApiServerFlag("--token-auth-file", tokenFile.toString())
                    .build());
            server.start();
            LOGGER.info(() -> "kube-apiserver started in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            return new StartedServer(server, new ApiServerAccess(server.getKubeConfigYaml(), token), tokenFile);
        }

        @Override
        public void close() throws IOException {
            server.stop();
            Files.deleteIfExists(tokenFile);
        }
    }

    /** The engine's own connection (counted requests, discovery cache), closed after the test. */
    private record EngineConnection(ClusterConnection connection) implements AutoCloseable {
        @Override
        public void close() {
            connection.close();
        }
    }

    private record ClassClient(KubernetesClient client) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    /**
     * How to reach the shared server.
     *
     * @param kubeconfigYaml a kubeconfig for a cluster administrator (client certificate in group system:masters)
     * @param limitedUserToken the bearer token of {@value #LIMITED_USER}
     */
    public record ApiServerAccess(String kubeconfigYaml, String limitedUserToken) {

        /** A user the server knows by a static token, with no permission beyond API discovery. */
        public static final String LIMITED_USER = "gitops-limited";

        public KubernetesClient newClient() {
            return new KubernetesClientBuilder().withConfig(adminConfig()).build();
        }

        /** A fresh configuration of the administrator, to change (for example its URL) before connecting. */
        public Config adminConfig() {
            return Config.fromKubeconfig(kubeconfigYaml);
        }

        /** A fresh configuration of {@value #LIMITED_USER}: the server's URL and CA, the user's token, no certificate. */
        public Config limitedUserConfig() {
            Config admin = adminConfig();
            return new ConfigBuilder(Config.empty())
                    .withMasterUrl(admin.getMasterUrl())
                    .withCaCertFile(admin.getCaCertFile())
                    .withCaCertData(admin.getCaCertData())
                    .withOauthToken(limitedUserToken)
                    .build();
        }

        @Override
        public String toString() {
            return "ApiServerAccess[" + adminConfig().getMasterUrl() + "]"; // never the token
        }
    }

    /** A namespace created for one test (or one test class, when injected into a constructor). */
    public record TestNamespace(String name, KubernetesClient client) implements AutoCloseable {

        static TestNamespace create(KubernetesClient client) {
            String name = client.namespaces().resource(new NamespaceBuilder()
                            .withNewMetadata().withGenerateName("gitops-test-").endMetadata().build())
                    .create().getMetadata().getName();
            return new TestNamespace(name, client);
        }

        /** Namespaces are never finalised without kube-controller-manager; deleting them still hides them from lists. */
        @Override
        public void close() {
            client.namespaces().withName(name).delete();
        }
    }
}
