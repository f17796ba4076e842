package io.jenkins.plugins.gitops.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * When a waiting step gives up: an instant on the wall clock, not a countdown, so that it is saved with the
 * step and a restart of Jenkins neither resets nor stretches it (the time Jenkins was down counts, as it does for
 * the {@code timeout} step). No timeout means no deadline.
 */
final class StepDeadline implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * The wall clock deadlines are read from. Tests move it forward to let a deadline pass while Jenkins is down,
     * without waiting minutes.
     */
    static volatile Clock clock = Clock.systemUTC();

    /** Epoch milliseconds; {@link Long#MAX_VALUE} when there is no timeout. */
    private final long epochMillis;

    private StepDeadline(long epochMillis) {
        this.epochMillis = epochMillis;
    }

    /** {@code minutes} from now, or none when {@code minutes} is {@code null}. */
    static StepDeadline inMinutes(@CheckForNull Integer minutes) {
        return new StepDeadline(minutes == null ? Long.MAX_VALUE
                : clock.millis() + TimeUnit.MINUTES.toMillis(minutes));
    }

    boolean hasPassed() {
        return clock.millis() >= epochMillis;
    }

    /** Milliseconds until the deadline (0 once passed, {@link Long#MAX_VALUE} when there is none). */
    long millisLeft() {
        return epochMillis == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, epochMillis - clock.millis());
    }

    @Override
    public String toString() {
        return epochMillis == Long.MAX_VALUE ? "no deadline" : "deadline " + Instant.ofEpochMilli(epochMillis);
    }
}
