package io.jenkins.plugins.gitops.engine.schedule;

import io.jenkins.plugins.gitops.engine.cluster.ObjectChangeListener;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Turns watch events into checks: the first change someone else made to an environment's objects asks for a check
 * of that environment after a short delay, and every further change in that delay joins it. A {@code kubectl
 * apply} of ten objects, or a rollout that touches an object several times, costs one check, not ten. The engine's
 * own writes coming back through the watch ask for nothing.
 */
public final class DriftDebouncer implements ObjectChangeListener {

    /** Runs a task after a delay; a {@link ScheduledExecutorService} in production, a hand-moved queue in tests. */
    @FunctionalInterface
    public interface Delay {
        void after(Duration delay, Runnable task);

        static Delay on(ScheduledExecutorService executor) {
            return (delay, task) -> executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private final Duration quietPeriod;
    private final Delay delay;
    private final Consumer<String> checkEnvironment;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    /**
     * @param quietPeriod how long changes to one environment are gathered before its check is asked for
     * @param checkEnvironment asks for the check, typically {@code id -> pool.request(id, CheckTrigger.DRIFT)}
     */
    public DriftDebouncer(Duration quietPeriod, Delay delay, Consumer<String> checkEnvironment) {
        this.quietPeriod = Objects.requireNonNull(quietPeriod, "quietPeriod");
        this.delay = Objects.requireNonNull(delay, "delay");
        this.checkEnvironment = Objects.requireNonNull(checkEnvironment, "checkEnvironment");
    }

    @Override
    public void changed(ObjectChange change) {
        if (!change.byOthers()) {
            return;
        }
        String environmentId = change.environmentId();
        if (pending.add(environmentId)) {
            delay.after(quietPeriod, () -> {
                pending.remove(environmentId);
                checkEnvironment.accept(environmentId);
            });
        }
    }
}
