package io.jenkins.plugins.gitops.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * Waits for a condition that something in the background makes true (the periodic check, a watch, a queued sync),
 * with a generous deadline instead of a fixed sleep: a loaded machine only makes the wait longer.
 */
public final class Eventually {

    /** Long enough for a loaded CI machine; a working plugin needs seconds. */
    public static final Duration DEADLINE = Duration.ofMinutes(3);

    private Eventually() {
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} after {@link #DEADLINE}. */
    public static void until(String what, Callable<Boolean> condition) throws Exception {
        until(what, condition, () -> "");
    }

    /** As {@link #until(String, Callable)}; a failure also says what {@code state} describes at that moment. */
    public static void until(String what, Callable<Boolean> condition, Callable<String> state) throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!Boolean.TRUE.equals(condition.call())) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not within " + DEADLINE.toSeconds() + " s: " + what + " " + state.call());
            }
            Thread.sleep(200); // a poll interval, not a synchronization: the deadline bounds the wait
        }
    }
}
