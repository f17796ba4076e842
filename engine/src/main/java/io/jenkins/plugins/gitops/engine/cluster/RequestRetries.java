package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;

/**
 * How often the engine's client repeats a request the API server did not complete, and how a failure
 * reads once it gave up.
 *
 * <p>The retrying itself is fabric8's (7.3, {@code StandardHttpClient}): every request, reads and
 * writes alike, is sent again when the server answers 429 or any 5xx, or when no answer came at all (an
 * {@link java.io.IOException}: connection refused, reset, TLS failure). The wait doubles from
 * {@link #initialInterval()} on (capped at 32 times it). fabric8 reads a {@code Retry-After} header but
 * does not wait for it: only the doubling interval counts. Every other status (400, 403, 404, 409, 422...)
 * is returned at once: repeating would get the same answer.
 *
 * <p>Repeating a write is safe here: the engine writes by server-side apply, which is idempotent, and
 * deletes, where "not found" counts as done.
 *
 * <p>fabric8's own default is 10 retries from 100 ms, about 20 s of waiting before a dead server is
 * reported; the {@link #DEFAULT} waits about 4 s in all, long enough for a burst of throttling or an API
 * server restarting behind a load balancer, short enough that an unreachable cluster is reported promptly.
 *
 * @param retries how many times a failed request is repeated (so {@code retries + 1} attempts in all)
 * @param initialInterval the wait before the first repetition; each further one waits twice as long
 */
public record RequestRetries(int retries, Duration initialInterval) {

    /** 4 retries after 250 ms, 0.5 s, 1 s and 2 s: 5 attempts over about 3.75 s. */
    public static final RequestRetries DEFAULT = new RequestRetries(4, Duration.ofMillis(250));

    public RequestRetries {
        if (retries < 0) {
            throw new IllegalArgumentException("request retries: " + retries + " is negative; use 0 to never retry");
        }
        if (initialInterval.isNegative()) {
            throw new IllegalArgumentException("request retries: interval " + initialInterval + " is negative");
        }
    }

    /** Sets these retries on a fabric8 configuration (which is changed in place). */
    public Config applyTo(Config config) {
        config.setRequestRetryBackoffLimit(retries);
        config.setRequestRetryBackoffInterval(Math.toIntExact(initialInterval.toMillis()));
        return config;
    }

    /** Requests sent in all before a failure is reported: the first one and its retries. */
    public int attempts() {
        return retries + 1;
    }

    /** Whether fabric8 repeated the request that failed with {@code e} before giving up. */
    public static boolean wasRetried(KubernetesClientException e) {
        return !answered(e) || e.getCode() == 429 || e.getCode() >= 500;
    }

    /** Whether the API server answered at all (fabric8 uses -1 when it did not). */
    public static boolean answered(KubernetesClientException e) {
        return e.getCode() > 0;
    }

    /**
     * The failure as a user should read it: the HTTP status and the server's message, or the cause when
     * there was no answer; and, when the client repeated the request, how often. Never a credential: neither
     * fabric8's messages nor the API server's statuses carry one.
     */
    public String describe(KubernetesClientException e) {
        String what;
        if (answered(e)) {
            String reason = e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage() : e.getMessage();
            what = "HTTP " + e.getCode() + ": " + reason;
        } else {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            what = root == e ? "no answer: " + e.getMessage()
                    : "no answer: " + root.getClass().getSimpleName() + ": " + root.getMessage();
        }
        if (wasRetried(e) && retries > 0) {
            what += "; gave up after " + attempts() + " attempts";
        }
        return what;
    }
}
