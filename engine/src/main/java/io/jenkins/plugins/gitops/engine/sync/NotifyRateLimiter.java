package io.jenkins.plugins.gitops.engine.sync;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How often push notifications are accepted: a token bucket per key (a repository, a caller's address) that
 * holds up to {@code burst} tokens and gains one every {@code refillInterval}. Each accepted notification takes
 * a token; a key without one is refused until its next token arrives ({@link #retryAfter}).
 *
 * <p>Each bucket is kept as the one instant at which it will be full again (the "theoretical arrival time" of
 * the generic cell rate algorithm), which is the same as counting tokens, without rounding. A bucket that is
 * full again is the same as no bucket, so it may be forgotten; at most {@code maxKeys} buckets are kept: when
 * a new key arrives at the limit, full buckets are forgotten first, then the least recently used. Memory stays
 * bounded however many keys callers invent; the price is that a flood of new keys can make the limiter forget
 * an older key's debt early.
 *
 * <p>Thread-safe.
 */
public final class NotifyRateLimiter {

    private final int burst;
    private final Duration refillInterval;
    private final int maxKeys;
    private final InstantSource clock;
    /** Per key, when its bucket is full again; in access order, so the first entry is the least recently used. */
    private final LinkedHashMap<String, Instant> fullAt = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param burst how many notifications a key may send at once; at least 1
     * @param refillInterval how long a key waits for each further token; positive
     * @param maxKeys how many keys are remembered at most; at least 1
     * @param clock the time; {@link InstantSource#system()} outside tests
     */
    public NotifyRateLimiter(int burst, Duration refillInterval, int maxKeys, InstantSource clock) {
        if (burst < 1) {
            throw new IllegalArgumentException("rate limit burst " + burst + " refuses every notification; allow at least 1");
        }
        Objects.requireNonNull(refillInterval, "refillInterval");
        if (refillInterval.isZero() || refillInterval.isNegative()) {
            throw new IllegalArgumentException("rate limit refill interval " + refillInterval + " is not positive");
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("rate limiter remembering " + maxKeys + " keys limits nothing; allow at least 1");
        }
        this.burst = burst;
        this.refillInterval = refillInterval;
        this.maxKeys = maxKeys;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Takes a token of {@code key}'s bucket; {@code false}, taking nothing, when it has none left. */
    public synchronized boolean tryAcquire(String key) {
        Objects.requireNonNull(key, "key");
        Instant now = clock.instant();
        Instant full = fullAt.get(key);
        Instant start = full == null || full.isBefore(now) ? now : full;
        Instant after = start.plus(refillInterval);
        // after - now is the debt in refill intervals; a full bucket of `burst` tokens allows `burst` of them
        if (after.isAfter(now.plus(refillInterval.multipliedBy(burst)))) {
            return false;
        }
        if (full == null) {
            makeRoom(now);
        }
        fullAt.put(key, after);
        return true;
    }

    /** How long {@code key} waits for its next token: {@link Duration#ZERO} when it has one now. */
    public synchronized Duration retryAfter(String key) {
        Instant now = clock.instant();
        Instant full = fullAt.get(key);
        if (full == null) {
            return Duration.ZERO;
        }
        // a token is available as soon as the debt is at most (burst - 1) intervals
        Instant nextToken = full.minus(refillInterval.multipliedBy(burst - 1L));
        return nextToken.isAfter(now) ? Duration.between(now, nextToken) : Duration.ZERO;
    }

    /** How many keys are remembered now. */
    public synchronized int size() {
        return fullAt.size();
    }

    private void makeRoom(Instant now) {
        if (fullAt.size() < maxKeys) {
            return;
        }
        fullAt.values().removeIf(full -> !full.isAfter(now));
        Iterator<Map.Entry<String, Instant>> leastRecentlyUsed = fullAt.entrySet().iterator();
        while (fullAt.size() >= maxKeys && leastRecentlyUsed.hasNext()) {
            leastRecentlyUsed.next();
            leastRecentlyUsed.remove();
        }
    }
}
