package io.jenkins.plugins.gitops.engine.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * When an environment's next periodic check is due: its last check plus its interval plus a jitter that is
 * fixed per environment, so that environments configured alike spread over the interval instead of all
 * hitting Git and the API servers in the same minute, and so that one environment is checked at the same
 * offset every time (its checks stay evenly spaced).
 *
 * <p>The jitter of an environment is a hash of its identity, scaled into {@code [0, maxJitter)};
 * {@code maxJitter} is capped at the interval, so a check is never pushed past twice its interval.
 *
 * @param maxJitter the largest delay added to an environment's interval; {@link Duration#ZERO} for none
 */
public record CheckSchedule(Duration maxJitter) {

    /** Why an environment is or is not checked now. */
    public enum Due {
        /** The interval (plus jitter) has passed, or the environment was never checked. */
        DUE,
        /** The interval has not passed yet. */
        NOT_YET,
        /** The environment is disabled: nothing checks or syncs it. */
        DISABLED,
        /** Jenkins is quieting down (preparing for a restart): no new work starts. */
        QUIETING_DOWN,
        /** A sync of the environment is running or queued; its result is the check. */
        BUSY,
        /** The environment has no periodic check (its interval is zero). */
        NEVER
    }

    /**
     * One environment as the scheduler sees it.
     *
     * @param environmentId the environment's identity (its full name in Jenkins)
     * @param lastCheck when it was last checked or synced; {@code null} when never
     * @param interval how often it is checked; {@link Duration#ZERO} or negative for never
     * @param disabled whether the environment is disabled
     * @param busy whether a sync of it is running or queued
     */
    public record Candidate(String environmentId, Instant lastCheck, Duration interval, boolean disabled,
            boolean busy) {

        public Candidate {
            Objects.requireNonNull(environmentId, "environmentId");
            Objects.requireNonNull(interval, "interval");
        }
    }

    public CheckSchedule {
        Objects.requireNonNull(maxJitter, "maxJitter");
        if (maxJitter.isNegative()) {
            throw new IllegalArgumentException("check jitter " + maxJitter + " is negative; use 0 for no jitter");
        }
    }

    /** The fixed delay this environment's checks get, in {@code [0, min(maxJitter, interval))}. */
    public Duration jitterOf(String environmentId, Duration interval) {
        long bound = Math.min(maxJitter.toMillis(), Math.max(interval.toMillis(), 0));
        if (bound <= 0) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(Math.floorMod(hash(environmentId), bound));
    }

    /** When the check after {@code lastCheck} is due; {@code null} for an environment never checked (due now). */
    public Instant nextCheck(String environmentId, Instant lastCheck, Duration interval) {
        if (lastCheck == null) {
            return null;
        }
        return lastCheck.plus(interval).plus(jitterOf(environmentId, interval));
    }

    /**
     * Whether {@code candidate} is to be checked at {@code now}.
     *
     * @param quietingDown whether Jenkins is preparing for a restart
     */
    public Due due(Candidate candidate, Instant now, boolean quietingDown) {
        if (candidate.disabled()) {
            return Due.DISABLED;
        }
        if (candidate.interval().isZero() || candidate.interval().isNegative()) {
            return Due.NEVER;
        }
        if (quietingDown) {
            return Due.QUIETING_DOWN;
        }
        if (candidate.busy()) {
            return Due.BUSY;
        }
        Instant next = nextCheck(candidate.environmentId(), candidate.lastCheck(), candidate.interval());
        return next == null || !next.isAfter(now) ? Due.DUE : Due.NOT_YET;
    }

    /**
     * The identities of the environments to check now, most overdue first (never-checked ones before all),
     * at most {@code limit} of them; the others wait for the next round, still due.
     */
    public List<String> dueAmong(List<Candidate> candidates, Instant now, boolean quietingDown, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("at most " + limit + " checks at a time; allow at least 1");
        }
        List<Candidate> due = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (due(candidate, now, quietingDown) == Due.DUE) {
                due.add(candidate);
            }
        }
        due.sort(Comparator.comparing((Candidate c) -> nextCheck(c.environmentId(), c.lastCheck(), c.interval()),
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Candidate::environmentId));
        return due.stream().limit(limit).map(Candidate::environmentId).toList();
    }

    private static long hash(String environmentId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(environmentId.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                value = (value << 8) | (digest[i] & 0xff);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }
}
