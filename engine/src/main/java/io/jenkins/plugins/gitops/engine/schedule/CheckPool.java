package io.jenkins.plugins.gitops.engine.schedule;

import io.jenkins.plugins.gitops.engine.sync.CheckSchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs environments' checks on a bounded number of workers, continuously: a check starts as soon as it is due
 * and a worker is free, not once per round. "At most N concurrent checks" is therefore what it says, and a pool
 * of N workers keeps up with about {@code N × interval / check duration} environments.
 *
 * <p>When more checks are due than workers are free, who goes first is data, not luck:
 * <ul>
 *   <li>checks someone waits for ({@link CheckTrigger#PUSH}, {@link CheckTrigger#DRIFT}) before periodic ones,
 *       earliest request first; periodic ones most overdue first;</li>
 *   <li>but every other start goes to whoever has waited longest, asked for or not, so that a stream of pushes
 *       or drift events cannot starve periodic checks: they get at least half the workers.</li>
 * </ul>
 * When the pool cannot keep up, checks start late; {@link #lateness()} says by how much, per environment and
 * overall, so the dashboard and the log can show it instead of environments silently going unchecked.
 *
 * <p>A check asked for while the environment's check runs waits for the next one: the running check may have
 * fetched before that push. A periodic check is timed from when the previous one started, so checks stay evenly
 * spaced whatever they cost.
 *
 * <p>The pool owns no thread and no timer: the caller gives it an executor (with at least {@code maxConcurrent}
 * threads) and calls {@link #dispatch()} now and then (every second, say, and {@link #nextDue()} says when the
 * next periodic check is due); a finished check dispatches the next by itself. Tests drive it with a clock and an
 * executor of their own, without sleeping.
 */
public final class CheckPool {

    private static final Logger LOGGER = Logger.getLogger(CheckPool.class.getName());

    /** The work of one check (fetch, render, compare, decide); runs on a worker thread. */
    @FunctionalInterface
    public interface Check {
        void run(String environmentId, CheckTrigger trigger);
    }

    /**
     * Whether an environment's check may start now: not when it is disabled, a sync of it runs or is queued (its
     * result is the check), or the controller is quieting down. A refused check stays due.
     */
    @FunctionalInterface
    public interface StartGate {
        StartGate ALWAYS = environmentId -> true;

        boolean mayStart(String environmentId);
    }

    /** One environment as the pool tracks it; guarded by the pool's lock. */
    private static final class Entry {
        final String id;
        Duration interval;
        Instant lastCheck;
        final Instant registered;
        Instant askedAt;
        CheckTrigger askedBy;
        boolean running;
        Duration lastLateness = Duration.ZERO;

        Entry(String id, Duration interval, Instant lastCheck, Instant registered) {
            this.id = id;
            this.interval = interval;
            this.lastCheck = lastCheck;
            this.registered = registered;
        }

        boolean periodic() {
            return !interval.isZero() && !interval.isNegative();
        }
    }

    /** A check chosen to start: the environment and why. */
    private record Start(Entry entry, CheckTrigger trigger) {
    }

    private final CheckSchedule schedule;
    private final int maxConcurrent;
    private final Duration onTimeTolerance;
    private final Clock clock;
    private final Executor workers;
    private final Check check;
    private final StartGate gate;
    private final Map<String, Entry> entries = new HashMap<>();
    private int running;
    private boolean longestWaitingNext;
    private long periodicStarted;
    private long periodicOnTime;

    /**
     * @param schedule each environment's jitter
     * @param maxConcurrent how many checks run at the same time, at most
     * @param onTimeTolerance how late a periodic check may start and still count as on time (the caller's
     *     dispatch period, typically)
     * @param workers runs the checks; needs {@code maxConcurrent} threads to run them all at once
     */
    public CheckPool(CheckSchedule schedule, int maxConcurrent, Duration onTimeTolerance, Clock clock, Executor workers,
            StartGate gate, Check check) {
        if (maxConcurrent <= 0) {
            throw new IllegalArgumentException("at most " + maxConcurrent + " checks at a time; allow at least 1");
        }
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.maxConcurrent = maxConcurrent;
        this.onTimeTolerance = Objects.requireNonNull(onTimeTolerance, "onTimeTolerance");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.check = Objects.requireNonNull(check, "check");
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    /**
     * Adds an environment, or updates its interval; a request still pending is kept.
     *
     * @param interval how often it is checked; zero or negative for only when asked
     * @param lastCheck when it was last checked or synced (kept across restarts); {@code null} when never, which
     *     makes it due at once
     */
    public synchronized void register(String environmentId, Duration interval, Instant lastCheck) {
        Entry entry = entries.get(environmentId);
        if (entry == null) {
            entries.put(environmentId, new Entry(environmentId, interval, lastCheck, clock.instant()));
        } else {
            entry.interval = interval;
            if (lastCheck != null && (entry.lastCheck == null || lastCheck.isAfter(entry.lastCheck))) {
                entry.lastCheck = lastCheck;
            }
        }
    }

    /** Forgets an environment (deleted or disabled); a check of it that runs goes on. */
    public synchronized void remove(String environmentId) {
        entries.remove(environmentId);
    }

    /** The environments the pool knows. */
    public synchronized int size() {
        return entries.size();
    }

    /**
     * Asks for a check of a known environment as soon as a worker is free, whatever its interval; asking again
     * before it started keeps the first request's place. Then dispatches.
     */
    public void request(String environmentId, CheckTrigger trigger) {
        if (!trigger.isAskedFor()) {
            throw new IllegalArgumentException("a periodic check is due by its interval, not asked for");
        }
        synchronized (this) {
            Entry entry = entries.get(environmentId);
            if (entry == null) {
                return;
            }
            if (entry.askedAt == null) {
                entry.askedAt = clock.instant();
                entry.askedBy = trigger;
            }
        }
        dispatch();
    }

    /** Records a check (or sync) that ran elsewhere, as a sync does: the next periodic check is timed from it. */
    public synchronized void checkedElsewhere(String environmentId, Instant at) {
        Entry entry = entries.get(environmentId);
        if (entry != null && (entry.lastCheck == null || at.isAfter(entry.lastCheck))) {
            entry.lastCheck = at;
        }
    }

    /** When the earliest periodic check not yet due falls due; empty when none is waiting for its time. */
    public synchronized Optional<Instant> nextDue() {
        Instant now = clock.instant();
        return entries.values().stream().filter(e -> !e.running && e.periodic() && e.askedAt == null)
                .map(this::dueAt).filter(due -> due.isAfter(now)).min(Comparator.naturalOrder());
    }

    /** Starts due checks on free workers, most urgent first; returns how many it started. */
    public int dispatch() {
        List<Start> starts = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            List<Entry> asked = new ArrayList<>();
            List<Entry> periodic = new ArrayList<>();
            for (Entry entry : entries.values()) {
                if (entry.running) {
                    continue;
                }
                if (entry.askedAt != null) {
                    asked.add(entry);
                } else if (entry.periodic() && !dueAt(entry).isAfter(now)) {
                    periodic.add(entry);
                }
            }
            asked.sort(Comparator.comparing((Entry e) -> e.askedAt).thenComparing(e -> e.id));
            periodic.sort(Comparator.comparing(this::dueAt).thenComparing(e -> e.id));
            List<Entry> ordered = new ArrayList<>(asked);
            ordered.addAll(periodic);
            while (running < maxConcurrent && !ordered.isEmpty()) {
                Entry next = choose(ordered, !asked.isEmpty() && !periodic.isEmpty());
                ordered.remove(next);
                if (!gate.mayStart(next.id)) {
                    continue;
                }
                starts.add(start(next, now));
            }
        }
        for (Start start : starts) {
            workers.execute(() -> runCheck(start));
        }
        return starts.size();
    }

    /** The head of the queue, or, every other time when both kinds wait, whoever has waited longest. */
    private Entry choose(List<Entry> ordered, boolean bothKindsWait) {
        if (!bothKindsWait) {
            return ordered.get(0);
        }
        boolean longestWaiting = longestWaitingNext;
        longestWaitingNext = !longestWaitingNext;
        if (!longestWaiting) {
            return ordered.get(0);
        }
        return ordered.stream().min(Comparator.comparing(this::waitingSince).thenComparing(e -> e.id)).orElseThrow();
    }

    private Start start(Entry entry, Instant now) {
        entry.running = true;
        running++;
        CheckTrigger trigger;
        if (entry.askedAt != null) {
            trigger = entry.askedBy;
            entry.askedAt = null;
            entry.askedBy = null;
        } else {
            trigger = CheckTrigger.PERIODIC;
            Duration late = Duration.between(lateSince(entry), now);
            entry.lastLateness = late.isNegative() ? Duration.ZERO : late;
            periodicStarted++;
            if (entry.lastLateness.compareTo(onTimeTolerance) <= 0) {
                periodicOnTime++;
            }
        }
        entry.lastCheck = now;
        return new Start(entry, trigger);
    }

    private void runCheck(Start start) {
        try {
            check.run(start.entry().id, start.trigger());
        } catch (RuntimeException e) {
            // The check records its own failures; this only keeps one broken check from stopping the pool.
            LOGGER.log(Level.WARNING, "Check of " + start.entry().id + " failed", e);
        } finally {
            synchronized (this) {
                start.entry().running = false;
                running--;
            }
            dispatch();
        }
    }

    /** When an environment's periodic check is due: its last check + interval + jitter, or when it was added. */
    private Instant dueAt(Entry entry) {
        Instant next = schedule.nextCheck(entry.id, entry.lastCheck, entry.interval);
        return next == null ? entry.registered : next;
    }

    /**
     * Since when a periodic check is late: its due time, but never before the pool knew the environment, as the time
     * Jenkins was down (or the environment disabled) is not this pool's lateness. Order still follows {@link #dueAt}.
     */
    private Instant lateSince(Entry entry) {
        Instant due = dueAt(entry);
        return due.isBefore(entry.registered) ? entry.registered : due;
    }

    /** Since when a waiting environment waits: its request, or its periodic due time if that came first. */
    private Instant waitingSince(Entry entry) {
        Instant since = entry.askedAt;
        if (entry.periodic()) {
            Instant due = dueAt(entry);
            if (since == null || due.isBefore(since)) {
                since = due;
            }
        }
        return since;
    }

    /** How late periodic checks start, now. */
    public synchronized Lateness lateness() {
        Instant now = clock.instant();
        Map<String, Duration> perEnvironment = new HashMap<>();
        for (Entry entry : entries.values()) {
            Duration late = entry.lastLateness;
            if (!entry.running && entry.periodic()) {
                Duration waiting = Duration.between(lateSince(entry), now);
                if (waiting.compareTo(late) > 0) {
                    late = waiting;
                }
            }
            perEnvironment.put(entry.id, late);
        }
        return Lateness.of(perEnvironment, periodicStarted, periodicOnTime);
    }

    /** Checks running now. */
    public synchronized int running() {
        return running;
    }
}
