package io.jenkins.plugins.gitops.engine.testing.charts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Helm chart repository on loopback, as chart repositories are: static files over HTTP, an {@code index.yaml}
 * that lists the chart archives with their digests, and the archives. Optionally asks for basic authentication.
 * It counts requests, so that a test can tell whether the cache answered.
 */
public final class ChartRepositoryServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String[]> entries = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String requiredAuthorization;

    public ChartRepositoryServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>/charts}: the repository's URL. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/charts";
    }

    /** From now on, every request needs this user and password. */
    public ChartRepositoryServer requireBasicAuth(String user, String password) {
        requiredAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Adds a chart archive and lists it in index.yaml with its digest; returns the digest in hex. */
    public synchronized String publish(String name, String version, byte[] archive) {
        String file = name + "-" + version + ".tgz";
        files.put("/charts/" + file, archive);
        String digest = sha256(archive);
        entries.removeIf(entry -> entry[0].equals(name) && entry[1].equals(version));
        entries.add(new String[] {name, version, file, digest});
        writeIndex();
        return digest;
    }

    /** Replaces the archive of a listed version, index.yaml's digest included: a re-published chart. */
    public synchronized String republish(String name, String version, byte[] archive) {
        return publish(name, version, archive);
    }

    /** Serves {@code content} as index.yaml, whatever was published. */
    public void setIndex(String content) {
        files.put("/charts/index.yaml", content.getBytes(StandardCharsets.UTF_8));
    }

    public int requests() {
        return requests.get();
    }

    private void writeIndex() {
        StringBuilder index = new StringBuilder("apiVersion: v1\nentries:\n");
        entries.stream().map(entry -> entry[0]).distinct().forEach(name -> {
            index.append("  ").append(name).append(":\n");
            for (String[] entry : entries) {
                if (entry[0].equals(name)) {
                    index.append("  - apiVersion: v2\n    name: ").append(name).append("\n    version: ")
                            .append(entry[1]).append("\n    created: \"2026-01-01T00:00:00Z\"\n    digest: ")
                            .append(entry[3]).append("\n    urls:\n    - ").append(entry[2]).append('\n');
                }
            }
        });
        index.append("generated: \"2026-01-01T00:00:00Z\"\n");
        files.put("/charts/index.yaml", index.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            String authorization = requiredAuthorization;
            if (authorization != null && !authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"charts\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            byte[] body = files.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
