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
 * <p>A check can also be asked for (a push notification from the Git server). Such a request makes an
 * environment due whatever its interval, even one without periodic checks, unless it is disabled, Jenkins is
 * quieting down or a sync is running or queued; it waits until a check that started after it has run
 * ({@link #requestAfterCheck}).
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
        /** A check was asked for (a push notification) and none has answered it yet; the interval does not matter. */
        REQUESTED,
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
     * @param checkRequested when a check was last asked for (a push notification) that no check has answered
     *     yet; {@code null} for none
     */
    public record Candidate(String environmentId, Instant lastCheck, Duration interval, boolean disabled,
            boolean busy, Instant checkRequested) {

        public Candidate {
            Objects.requireNonNull(environmentId, "environmentId");
            Objects.requireNonNull(interval, "interval");
        }

        /** A candidate no one asked to check: only its interval counts. */
        public Candidate(String environmentId, Instant lastCheck, Duration interval, boolean disabled, boolean busy) {
            this(environmentId, lastCheck, interval, disabled, busy, null);
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
        boolean requested = candidate.checkRequested() != null;
        if (!requested && (candidate.interval().isZero() || candidate.interval().isNegative())) {
            return Due.NEVER;
        }
        if (quietingDown) {
            return Due.QUIETING_DOWN;
        }
        if (candidate.busy()) {
            return Due.BUSY; // a request waits: the running sync may have fetched before the push
        }
        if (requested) {
            return Due.REQUESTED;
        }
        Instant next = nextCheck(candidate.environmentId(), candidate.lastCheck(), candidate.interval());
        return next == null || !next.isAfter(now) ? Due.DUE : Due.NOT_YET;
    }

    /**
     * The identities of the environments to check now, at most {@code limit} of them: those asked for first
     * (earliest request first), then the most overdue (never-checked ones before all); the others wait for the
     * next round, still due.
     *
     * <p>When more are due than the limit allows, one place is kept for the environment that has waited
     * longest, whether asked for or periodic (due since its next check, or since its request if that came
     * first). Requests keep their quick answer, yet a steady stream of push notifications for more
     * environments than a round holds cannot starve the periodic checks: each round serves the longest
     * waiting, so every due environment is reached after at most as many rounds as there are environments
     * that waited longer. With a limit of 1 the rounds are therefore first come, first served.
     */
    public List<String> dueAmong(List<Candidate> candidates, Instant now, boolean quietingDown, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("at most " + limit + " checks at a time; allow at least 1");
        }
        List<Candidate> requested = new ArrayList<>();
        List<Candidate> due = new ArrayList<>();
        for (Candidate candidate : candidates) {
            Due verdict = due(candidate, now, quietingDown);
            if (verdict == Due.REQUESTED) {
                requested.add(candidate);
            } else if (verdict == Due.DUE) {
                due.add(candidate);
            }
        }
        requested.sort(Comparator.comparing(Candidate::checkRequested).thenComparing(Candidate::environmentId));
        due.sort(Comparator.comparing((Candidate c) -> nextCheck(c.environmentId(), c.lastCheck(), c.interval()),
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Candidate::environmentId));
        List<Candidate> ordered = new ArrayList<>(requested);
        ordered.addAll(due);
        if (ordered.size() <= limit) {
            return ordered.stream().map(Candidate::environmentId).toList();
        }
        Candidate longestWaiting = ordered.stream()
                .min(Comparator.comparing((Candidate c) -> waitingSince(c, now)).thenComparing(Candidate::environmentId))
                .orElseThrow();
        List<String> chosen = new ArrayList<>();
        int others = 0;
        for (Candidate candidate : ordered) {
            if (candidate == longestWaiting) {
                chosen.add(candidate.environmentId());
            } else if (others < limit - 1) {
                chosen.add(candidate.environmentId());
                others++;
            }
        }
        return chosen;
    }

    /**
     * Since when a due candidate waits for its check: its request, or its periodic due time if that came first
     * ({@link Instant#MIN} when it was never checked).
     */
    private Instant waitingSince(Candidate candidate, Instant now) {
        Instant since = candidate.checkRequested() != null ? candidate.checkRequested() : now;
        boolean periodic = !candidate.interval().isZero() && !candidate.interval().isNegative();
        if (periodic) {
            Instant next = nextCheck(candidate.environmentId(), candidate.lastCheck(), candidate.interval());
            if (next == null) {
                return Instant.MIN;
            }
            if (next.isBefore(since)) {
                since = next;
            }
        }
        return since;
    }

    /**
     * The request still waiting after a check: a check answers the request it saw when it started
     * ({@code answered}); one made while it ran ({@code current} later than {@code answered}) waits for the next
     * check, since the running check may have fetched before that push.
     *
     * @param answered the request pending when the check started; {@code null} for none
     * @param current the request pending now; {@code null} for none
     * @return the request to keep, or {@code null} when the check answered every request
     */
    public static Instant requestAfterCheck(Instant answered, Instant current) {
        if (current == null) {
            return null;
        }
        return answered != null && !current.isAfter(answered) ? null : current;
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
