package io.jenkins.plugins.gitops.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.sync.CheckSchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The check pool driven by a clock and an executor the test moves by hand: no thread, no sleep. A "worker"
 * is a queued check; finishing one ({@link Workers#finishOldest()}) runs it, which frees its worker.
 */
class CheckPoolTest {

    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(3);

    private final MovableClock clock = new MovableClock(START);
    private final Workers workers = new Workers();
    private final Map<String, CheckTrigger> triggers = new HashMap<>();
    private final Set<String> busy = new HashSet<>();

    private CheckPool pool(int maxConcurrent, Duration jitter) {
        return new CheckPool(new CheckSchedule(jitter), maxConcurrent, Duration.ofSeconds(1), clock, workers,
                id -> !busy.contains(id), (id, trigger) -> {
                    workers.ran.add(id);
                    triggers.put(id, trigger);
                });
    }

    @Test
    void shouldRunAtMostMaxConcurrentChecksAndStartTheNextAsSoonAsOneEnds() {
        CheckPool pool = pool(2, Duration.ZERO);
        for (int i = 0; i < 5; i++) {
            pool.register("env-" + i, INTERVAL, null);
        }

        assertThat(pool.dispatch()).isEqualTo(2);
        assertThat(pool.running()).isEqualTo(2);
        assertThat(pool.dispatch()).as("no free worker").isZero();

        workers.finishOldest();
        assertThat(pool.running()).as("the finished check handed its worker to the next at once").isEqualTo(2);
        workers.finishAll();
        assertThat(workers.ran).hasSize(5);
        assertThat(pool.running()).isZero();
    }

    @Test
    void shouldKeepEveryEnvironmentOnItsIntervalWhenThePoolCan() {
        CheckPool pool = pool(4, Duration.ofSeconds(30));
        for (int i = 0; i < 100; i++) {
            pool.register("env-" + i, INTERVAL, START.minus(INTERVAL).plusSeconds(i)); // due spread over 100 s
        }
        // Ten minutes, a dispatch each second, each check taking one second: 4 workers keep up with 100 environments.
        for (int second = 0; second < 600; second++) {
            pool.dispatch();
            clock.advance(Duration.ofSeconds(1));
            workers.finishAll();
        }

        Lateness lateness = pool.lateness();
        assertThat(lateness.checksStarted()).isGreaterThan(300);
        assertThat(lateness.onTimeRatio()).isEqualTo(1.0);
        assertThat(lateness.max()).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldNotCountTheTimeBeforeThePoolKnewAnEnvironmentAsLateness() {
        CheckPool pool = pool(1, Duration.ZERO);
        // last checked two hours ago, before Jenkins restarted: due at once, but not late by two hours
        pool.register("env-a", INTERVAL, START.minus(Duration.ofHours(2)));
        pool.register("env-b", INTERVAL, START.minus(Duration.ofHours(2)));
        pool.dispatch();
        clock.advance(Duration.ofSeconds(5));

        Lateness lateness = pool.lateness();
        assertThat(lateness.of("env-a")).isEqualTo(Duration.ZERO);
        assertThat(lateness.of("env-b")).as("waiting since the pool knew it").isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldMeasureLatenessWhenThePoolCannotKeepUp() {
        CheckPool pool = pool(1, Duration.ZERO);
        for (int i = 0; i < 10; i++) {
            pool.register("env-" + i, INTERVAL, START.minus(INTERVAL)); // all due now
        }
        pool.dispatch(); // one worker: env-0 starts, nine wait
        clock.advance(Duration.ofMinutes(1));

        Lateness lateness = pool.lateness();
        assertThat(lateness.of("env-0")).isEqualTo(Duration.ZERO);
        assertThat(lateness.of("env-9")).as("still waiting, a minute overdue").isEqualTo(Duration.ofMinutes(1));
        assertThat(lateness.max()).isEqualTo(Duration.ofMinutes(1));
        assertThat(lateness.p99()).isEqualTo(Duration.ofMinutes(1));

        workers.finishOldest(); // env-1 starts a minute late
        assertThat(pool.lateness().checksStarted()).isEqualTo(2);
        assertThat(pool.lateness().checksOnTime()).isEqualTo(1);
        assertThat(pool.lateness().onTimeRatio()).isEqualTo(0.5);
    }

    @Test
    void shouldStartTheMostOverdueFirst() {
        CheckPool pool = pool(1, Duration.ZERO);
        pool.register("recent", INTERVAL, START.minus(INTERVAL));
        pool.register("oldest", INTERVAL, START.minus(INTERVAL).minusSeconds(90));
        pool.register("middle", INTERVAL, START.minus(INTERVAL).minusSeconds(30));

        pool.dispatch();
        workers.finishAll();

        assertThat(workers.ran).containsExactly("oldest", "middle", "recent");
    }

    @Test
    void shouldStartAskedForChecksBeforePeriodicOnesWithoutStarvingThem() {
        CheckPool pool = pool(1, Duration.ZERO);
        pool.register("periodic", INTERVAL, START.minus(INTERVAL).minusSeconds(60));
        for (int i = 0; i < 6; i++) {
            pool.register("pushed-" + i, Duration.ZERO, null);
        }
        pool.register("blocker", Duration.ZERO, null);
        pool.request("blocker", CheckTrigger.PUSH); // takes the only worker
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 6; i++) {
            pool.request("pushed-" + i, i % 2 == 0 ? CheckTrigger.PUSH : CheckTrigger.DRIFT);
        }

        workers.finishAll();

        assertThat(workers.ran).as("a push goes before an overdue periodic check, but the next start goes to"
                + " whoever waited longest: the periodic check, not six more pushes")
                .containsExactly("blocker", "periodic", "pushed-0", "pushed-1", "pushed-2", "pushed-3", "pushed-4",
                        "pushed-5");
        assertThat(triggers).containsEntry("periodic", CheckTrigger.PERIODIC).containsEntry("pushed-1", CheckTrigger.DRIFT);
    }

    @Test
    void shouldRunAnAskedForCheckAgainWhenAskedWhileItRan() {
        CheckPool pool = pool(2, Duration.ZERO);
        pool.register("env", INTERVAL, START);
        pool.request("env", CheckTrigger.DRIFT);
        assertThat(pool.running()).isEqualTo(1);

        pool.request("env", CheckTrigger.DRIFT); // a second change while the check runs
        assertThat(pool.running()).as("never two checks of one environment").isEqualTo(1);
        workers.finishOldest();

        assertThat(pool.running()).as("the change seen during the check gets its own check").isEqualTo(1);
        workers.finishAll();
        assertThat(workers.ran).containsExactly("env", "env");
    }

    @Test
    void shouldLeaveABusyEnvironmentDueAndTimeItsNextCheckFromItsSync() {
        CheckPool pool = pool(1, Duration.ZERO);
        pool.register("env", INTERVAL, START.minus(INTERVAL));
        busy.add("env");
        assertThat(pool.dispatch()).isZero();

        busy.remove("env");
        pool.checkedElsewhere("env", START); // its sync ended now
        assertThat(pool.dispatch()).as("the sync was the check").isZero();
        assertThat(pool.nextDue()).contains(START.plus(INTERVAL));

        clock.advance(INTERVAL);
        assertThat(pool.dispatch()).isEqualTo(1);
    }

    @Test
    void shouldTimePeriodicChecksFromWhenTheyStartedSoTheyStayEvenlySpaced() {
        CheckPool pool = pool(1, Duration.ZERO);
        pool.register("env", INTERVAL, START.minus(INTERVAL));
        pool.dispatch();
        clock.advance(Duration.ofSeconds(50)); // a slow check
        workers.finishAll();

        assertThat(pool.nextDue()).contains(START.plus(INTERVAL));
    }

    @Test
    void shouldKeepGoingWhenACheckThrows() {
        CheckPool pool = new CheckPool(new CheckSchedule(Duration.ZERO), 1, Duration.ofSeconds(1), clock, workers,
                CheckPool.StartGate.ALWAYS, (id, trigger) -> {
                    workers.ran.add(id);
                    throw new IllegalStateException("broken " + id);
                });
        pool.register("a", INTERVAL, null);
        pool.register("b", INTERVAL, null);

        pool.dispatch();
        workers.finishAll();

        assertThat(workers.ran).containsExactlyInAnyOrder("a", "b");
        assertThat(pool.running()).isZero();
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Queued checks, run when the test says they finish. */
    final class Workers implements Executor {
        private final Deque<Runnable> queued = new ArrayDeque<>();
        final List<String> ran = new ArrayList<>();

        @Override
        public void execute(Runnable command) {
            queued.add(command);
        }

        void finishOldest() {
            Runnable next = queued.poll();
            if (next != null) {
                next.run();
            }
        }

        void finishAll() {
            while (!queued.isEmpty()) {
                finishOldest();
            }
        }
    }
}
