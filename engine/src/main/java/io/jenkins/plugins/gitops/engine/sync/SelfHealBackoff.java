package io.jenkins.plugins.gitops.engine.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long self-heal waits before it tries again to revert drift that its last syncs could not remove (a field
 * another manager owns while "force conflicts" is off, an object the API server refuses). Without it every check
 * would start a sync that changes nothing, and the history would fill with them. The wait doubles with each
 * self-heal sync in a row that left drift behind, from {@code first} up to {@code max}; it never stops for
 * good, because what blocked the sync (another manager, a quota) may go away.
 *
 * <p>A new revision, a user's sync or a self-heal sync that left no drift ends the run of failures; the caller
 * counts them.
 *
 * @param first the wait after the first self-heal sync that left drift behind
 * @param max the longest wait
 */
public record SelfHealBackoff(Duration first, Duration max) {

    public SelfHealBackoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("self-heal backoff: need 0 <= first <= max, got first " + first
                    + " and max " + max);
        }
    }

    /** 5 minutes after the first failed self-heal sync, doubling up to an hour. */
    public static SelfHealBackoff defaults() {
        return new SelfHealBackoff(Duration.ofMinutes(5), Duration.ofHours(1));
    }

    /**
     * The wait after {@code failures} self-heal syncs in a row that left drift behind: none for 0, then
     * {@code first}, twice that, four times, ... at most {@code max}.
     */
    public Duration delayAfter(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        Duration delay = first;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /**
     * Whether self-heal may sync at {@code now}.
     *
     * @param failures self-heal syncs in a row that left drift behind
     * @param lastAttempt when the last of them ended; {@code null} when there was none
     */
    public boolean allows(int failures, Instant lastAttempt, Instant now) {
        if (failures <= 0 || lastAttempt == null) {
            return true;
        }
        return !now.isBefore(lastAttempt.plus(delayAfter(failures)));
    }
}
