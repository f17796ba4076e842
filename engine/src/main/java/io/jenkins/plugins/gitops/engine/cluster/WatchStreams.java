package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which watches are connected now, by API path, as seen on the wire. fabric8's informer says it is "watching"
 * while it retries a broken watch too, so a cache would go on answering from a store that no longer follows the
 * cluster (the API server is down, the network is cut); this tells the difference.
 *
 * <p>A watch is connected from its successful response (a WebSocket upgrade, fabric8's default, or a streaming
 * {@code 200}) until an attempt to watch that path fails to connect or is refused, or its streamed body ends. A
 * WebSocket that breaks is noticed when fabric8's reconnection fails (a second or so later), or not at all when it
 * succeeds at once: then the watch resumes where it stopped, or relists after {@code 410 Gone}.
 */
final class WatchStreams implements Interceptor {

    /** One path's state; the generation tells a stale "stream ended" from a newer stream's. */
    private record Connection(long generation, boolean connected) {
    }

    private final Map<String, Connection> byPath = new ConcurrentHashMap<>();

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        if (!isWatch(request)) {
            return;
        }
        String path = request.uri().getPath();
        boolean connected = response.code() == 101 || response.code() == 200;
        Connection now = byPath.compute(path, (p, before) -> new Connection(before == null ? 1 : before.generation() + 1,
                connected));
        if (connected && response.body() instanceof AsyncBody body) {
            body.done().whenComplete((ended, failure) -> byPath.computeIfPresent(path,
                    (p, current) -> current.generation() == now.generation() ? new Connection(now.generation(), false)
                            : current));
        }
    }

    @Override
    public void afterConnectionFailure(HttpRequest request, Throwable failure) {
        if (isWatch(request)) {
            byPath.compute(request.uri().getPath(),
                    (p, before) -> new Connection(before == null ? 1 : before.generation() + 1, false));
        }
    }

    /** Whether a watch of the collection at {@code path} ({@code /api/v1/configmaps}) is connected now. */
    boolean connected(String path) {
        Connection connection = byPath.get(path);
        return connection != null && connection.connected();
    }

    static boolean isWatch(HttpRequest request) {
        String query = request.uri().getRawQuery();
        return "GET".equals(request.method()) && query != null
                && (query.startsWith("watch=true") || query.contains("&watch=true"));
    }
}
