package io.jenkins.plugins.gitops.engine.testing.kube;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain-HTTP proxy on a loopback port in front of the real API server, which answers chosen requests
 * itself with an error (429 with {@code Retry-After}, 503, 500...), as a throttling or failing API server
 * would, and forwards all others. The engine connects to {@link #url()} without credentials; the proxy
 * forwards with the administrator's (from the kubeconfig), over HTTPS.
 *
 * <p>Every request is recorded ({@link #count}), so a test can say exactly how often the engine tried.
 */
public final class FaultInjectingProxy implements AutoCloseable {

    private final HttpServer server;
    private final KubernetesClient upstream;
    private final String upstreamUrl;
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fault-injecting-proxy");
        thread.setDaemon(true);
        return thread;
    });

    private FaultInjectingProxy(HttpServer server, KubernetesClient upstream) {
        this.server = server;
        this.upstream = upstream;
        String master = upstream.getMasterUrl().toString();
        this.upstreamUrl = master.endsWith("/") ? master.substring(0, master.length() - 1) : master;
    }

    /** Starts a proxy to the server {@code admin} describes; forwarded requests are not retried by the proxy. */
    public static FaultInjectingProxy to(Config admin) {
        admin.setRequestRetryBackoffLimit(0);
        KubernetesClient upstream = new KubernetesClientBuilder().withConfig(admin).build();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            FaultInjectingProxy proxy = new FaultInjectingProxy(server, upstream);
            server.createContext("/", proxy::handle);
            server.setExecutor(proxy.threads);
            server.start();
            return proxy;
        } catch (IOException e) {
            upstream.close();
            throw new UncheckedIOException(e);
        }
    }

    /** The URL to give the engine: {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /**
     * Answers the next {@code times} requests with {@code method} whose path contains {@code pathPart} with
     * {@code status} instead of forwarding them; {@code times < 0} answers all of them.
     */
    public FaultInjectingProxy fail(String method, String pathPart, int status, int times) {
        faults.add(new Fault(method, pathPart, status, new AtomicInteger(times)));
        return this;
    }

    /** How many requests with {@code method} whose path contains {@code pathPart} arrived, answered or forwarded. */
    public long count(String method, String pathPart) {
        return received.stream().filter(r -> r.method().equals(method) && r.path().contains(pathPart)).count();
    }

    /** How many requests were answered by an injected fault. */
    public long injected() {
        return received.stream().filter(Received::injected).count();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        upstream.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String pathAndQuery = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            byte[] body = exchange.getRequestBody().readAllBytes();
            Fault fault = faults.stream().filter(f -> f.matches(method, exchange.getRequestURI().getRawPath()))
                    .findFirst().orElse(null);
            received.add(new Received(method, exchange.getRequestURI().getRawPath(), fault != null));
            if (fault != null) {
                answer(exchange, fault.status());
            } else {
                forward(exchange, method, pathAndQuery, body);
            }
        }
    }

    /** A Status as kube-apiserver writes it; 429 and 503 carry Retry-After: 1, as its priority and fairness does. */
    private static void answer(HttpExchange exchange, int status) throws IOException {
        String reason = switch (status) {
            case 429 -> "TooManyRequests";
            case 503 -> "ServiceUnavailable";
            default -> "InternalError";
        };
        byte[] json = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"injected by the test: " + reason + "\",\"reason\":\"" + reason + "\",\"code\":" + status + "}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (status == 429 || status == 503) {
            exchange.getResponseHeaders().set("Retry-After", "1");
        }
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    private void forward(HttpExchange exchange, String method, String pathAndQuery, byte[] body) throws IOException {
        HttpClient http = upstream.getHttpClient();
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        HttpRequest.Builder request = http.newHttpRequestBuilder().uri(upstreamUrl + pathAndQuery);
        if (!"GET".equals(method)) {
            request.method(method, contentType == null ? "application/json" : contentType,
                    new ByteArrayInputStream(body), (long) body.length);
        }
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        if (accept != null) {
            request.setHeader("Accept", accept);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.sendAsync(request.build(), byte[].class).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding " + method + " " + pathAndQuery, e);
        } catch (ExecutionException e) {
            throw new IOException("forwarding " + method + " " + pathAndQuery + " failed", e);
        }
        String responseType = response.header("Content-Type");
        if (responseType != null) {
            exchange.getResponseHeaders().set("Content-Type", responseType);
        }
        byte[] answer = Objects.requireNonNullElse(response.body(), new byte[0]);
        exchange.sendResponseHeaders(response.code(), answer.length == 0 ? -1 : answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    /** One rule: which requests, what to answer, how many more times. */
    private record Fault(String method, String pathPart, int status, AtomicInteger remaining) {
        boolean matches(String requestMethod, String path) {
            if (!method.equals(requestMethod) || !path.contains(pathPart)) {
                return false;
            }
            // Unlimited rules stay negative; limited ones take one use each, atomically.
            return remaining.get() < 0 || remaining.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0;
        }
    }

    private record Received(String method, String path, boolean injected) {
    }
}
