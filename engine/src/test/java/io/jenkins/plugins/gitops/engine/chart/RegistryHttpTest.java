package io.jenkins.plugins.gitops.engine.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The authentication and redirect rules of {@link RegistryHttp}, against loopback servers that speak the protocol
 * as ghcr.io and Docker Hub do (a Bearer challenge naming a token realm): the docker-registry of the integration
 * tests offers basic authentication only.
 */
class RegistryHttpTest {

    private final List<HttpServer> servers = new ArrayList<>();
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        servers.forEach(server -> server.stop(0));
    }

    private HttpServer server() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
        servers.add(server);
        return server;
    }

    private static String base(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void fetchesABearerTokenFromTheRealmTheChallengeNames() throws Exception {
        HttpServer registry = server();
        String basic = "Basic " + Base64.getEncoder().encodeToString("ann:pat".getBytes(StandardCharsets.UTF_8));
        registry.createContext("/token", exchange -> {
            seen.add("token " + exchange.getRequestURI().getQuery() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            answer(exchange, basic.equals(exchange.getRequestHeaders().getFirst("Authorization")) ? 200 : 401,
                    "{\"token\":\"t-123\",\"expires_in\":300}");
        });
        registry.createContext("/v2/org/web/tags/list", exchange -> {
            if (!"Bearer t-123".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + base(registry) + "/token\","
                        + "service=\"registry.test\",scope=\"repository:org/web:pull\"");
                answer(exchange, 401, "");
                return;
            }
            answer(exchange, 200, "{\"tags\":[\"1.0.0\"]}");
        });
        URI tags = URI.create(base(registry) + "/v2/org/web/tags/list");

        RegistryHttp.Response response = new RegistryHttp(URI.create(base(registry)), new ChartCredentials("ann", "pat",
                null), Duration.ofSeconds(10), false).get(tags, "application/json", 1024);
        RegistryHttp.Response anonymous = new RegistryHttp(URI.create(base(registry)), ChartCredentials.anonymous(),
                Duration.ofSeconds(10), false).get(tags, "application/json", 1024);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).contains("1.0.0");
        assertThat(seen.get(0)).isEqualTo("token service=registry.test&scope=repository:org/web:pull " + basic);
        assertThat(anonymous.status()).as("the realm refuses anonymous tokens").isEqualTo(401);
    }

    @Test
    void followsARedirectToAnotherHostWithoutTheCredentials() throws Exception {
        HttpServer storage = server();
        storage.createContext("/blob", exchange -> {
            seen.add("storage " + exchange.getRequestHeaders().getFirst("Authorization"));
            answer(exchange, 200, "archive");
        });
        HttpServer repository = server();
        repository.createContext("/charts/web-1.0.0.tgz", exchange -> {
            seen.add("repository " + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getResponseHeaders().add("Location", base(storage) + "/blob");
            answer(exchange, 302, "");
        });

        RegistryHttp.Response response = new RegistryHttp(URI.create(base(repository) + "/charts"),
                new ChartCredentials("ann", "pat", null), Duration.ofSeconds(10), true)
                .get(URI.create(base(repository) + "/charts/web-1.0.0.tgz"), null, 1024);

        assertThat(response.bodyText()).isEqualTo("archive");
        assertThat(seen).containsExactly("repository Basic " + Base64.getEncoder()
                .encodeToString("ann:pat".getBytes(StandardCharsets.UTF_8)), "storage null");
    }

    @Test
    void stopsReadingABodyBeyondTheLimit() throws Exception {
        HttpServer repository = server();
        repository.createContext("/big", exchange -> answer(exchange, 200, "x".repeat(5000)));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RegistryHttp(URI.create(base(repository)),
                ChartCredentials.anonymous(), Duration.ofSeconds(10), false).get(URI.create(base(repository) + "/big"),
                null, 1000)).isInstanceOf(RegistryHttp.TooLargeException.class).hasMessageEndingWith(
                "/big answers with more than 1000 bytes, the limit");
    }
}
