package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chart's {@code lookup} against the process's own kubeconfig: the process that renders (a fresh JVM,
 * as the CLI or Jenkins) has {@code KUBECONFIG} pointing at a cluster that would answer with kube-system's
 * Secrets. The cluster must receive no request, and {@code lookup} must find nothing, as with
 * {@code helm template}.
 */
class HelmLookupIsolationTest {

    private static final String LOOKUP_TEMPLATE = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: looked-up
            data:
              list: {{ lookup "v1" "Secret" "kube-system" "" | toJson | quote }}
              one: {{ lookup "v1" "Secret" "kube-system" "admin-token" | toJson | quote }}
              apps: {{ lookup "apps/v1" "Deployment" "" "" | toJson | quote }}
            """;

    @TempDir
    Path tempDir;

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer cluster;

    @BeforeEach
    void startCluster() throws IOException {
        cluster = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        cluster.createContext("/", this::answerAsAClusterWithSecrets);
        cluster.start();
    }

    @AfterEach
    void stopCluster() {
        cluster.stop(0);
    }

    @Test
    void shouldNeverAskTheClusterOfTheProcesssKubeconfig() throws Exception {
        Path repository = Files.createDirectories(tempDir.resolve("repo/charts/peek/templates"));
        Files.writeString(repository.resolveSibling("Chart.yaml"), "apiVersion: v2\nname: peek\nversion: 1.0.0\n");
        Files.writeString(repository.resolve("configmap.yaml"), LOOKUP_TEMPLATE);
        Path kubeconfig = Files.writeString(tempDir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: controller
                  cluster:
                    server: http://127.0.0.1:%d
                contexts:
                - name: controller
                  context:
                    cluster: controller
                    user: controller
                users:
                - name: controller
                  user:
                    token: the-controllers-own-token
                current-context: controller
                """.formatted(cluster.getAddress().getPort()));

        ProcessBuilder fresh = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RenderInFreshJvm.class.getName(),
                tempDir.resolve("repo").toString(), "charts/peek")
                .redirectErrorStream(true);
        fresh.environment().put("KUBECONFIG", kubeconfig.toString());
        Process render = fresh.start();
        String output = new String(render.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(render.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(render.exitValue()).as(output).isZero();
        assertThat(output.strip()).isEqualTo("{\"list\":\"{}\",\"one\":\"{}\",\"apps\":\"{}\"}");
        assertThat(requests).isEmpty();
    }

    /** Discovery lists Secrets; kube-system holds one; everything is recorded. */
    private void answerAsAClusterWithSecrets(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        String path = exchange.getRequestURI().getPath();
        String body;
        if (path.equals("/api/v1")) {
            body = "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"v1\",\"resources\":["
                    + "{\"name\":\"secrets\",\"singularName\":\"secret\",\"namespaced\":true,\"kind\":\"Secret\","
                    + "\"verbs\":[\"get\",\"list\"]}]}";
        } else if (path.startsWith("/api/v1/namespaces/kube-system/secrets")) {
            String secret = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"admin-token\","
                    + "\"namespace\":\"kube-system\"},\"data\":{\"token\":\"c3RvbGVu\"}}";
            body = path.endsWith("/admin-token") ? secret
                    : "{\"apiVersion\":\"v1\",\"kind\":\"SecretList\",\"metadata\":{},\"items\":[" + secret + "]}";
        } else {
            body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\","
                    + "\"code\":404}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(body.contains("\"code\":404") ? 404 : 200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
