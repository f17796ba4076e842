package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts every HTTP request the engine's client sends to the API server, by kind of request. Reports
 * and benchmarks quote these numbers; they are counted here, on the wire, never estimated.
 */
public final class RequestCounter implements Interceptor {

    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong dryRuns = new AtomicLong();
    private final AtomicLong watches = new AtomicLong();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        String method = request.method();
        if (WatchStreams.isWatch(request)) {
            watches.incrementAndGet(); // long-lived, counted apart: a watch is not a read per check
        } else if ("GET".equals(method) || "HEAD".equals(method)) {
            reads.incrementAndGet();
        } else if (isDryRun(request)) {
            dryRuns.incrementAndGet();
        } else {
            writes.incrementAndGet();
        }
    }

    /** Watches opened (or resumed) so far, by the live state cache; not part of {@link #snapshot()}. */
    public long watchesStarted() {
        return watches.get();
    }

    private static boolean isDryRun(HttpRequest request) {
        String query = request.uri().getRawQuery();
        return query != null && query.contains("dryRun=All");
    }

    /** The counts so far; subtract two snapshots to count one phase. */
    public RequestCount snapshot() {
        return new RequestCount(reads.get(), writes.get(), dryRuns.get());
    }

    /** Requests by kind: reads (GET, including LIST and discovery, but no watch), writes, and server-side dry runs. */
    public record RequestCount(long reads, long writes, long dryRuns) {

        public static final RequestCount NONE = new RequestCount(0, 0, 0);

        public long total() {
            return reads + writes + dryRuns;
        }

        public RequestCount minus(RequestCount earlier) {
            return new RequestCount(reads - earlier.reads, writes - earlier.writes, dryRuns - earlier.dryRuns);
        }

        @Override
        public String toString() {
            return total() + " requests (" + reads + " reads, " + writes + " writes, " + dryRuns + " dry runs)";
        }
    }
}
