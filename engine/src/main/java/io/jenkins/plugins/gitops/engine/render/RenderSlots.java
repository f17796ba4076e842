package io.jenkins.plugins.gitops.engine.render;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many rendering processes (Kustomize, Helm) may run at once in this JVM. Each one costs a process,
 * up to {@link RenderLimits#maxProcessMemoryBytes()} of memory and a CPU while it runs; without a bound,
 * many environments syncing together (or a hostile chart rendered by many of them) would exhaust the
 * machine. A render waits for a slot, within its own time limit.
 *
 * <p>{@link #shared()} is the one the renderers use by default: the bound is per process, so it is static
 * on purpose. Its size is the system property {@value #PROPERTY} (default: the number of processors,
 * at least 2).
 */
public final class RenderSlots {

    /** The system property that sizes {@link #shared()}. */
    public static final String PROPERTY = "io.jenkins.plugins.gitops.engine.render.RenderSlots.max";

    private static final RenderSlots SHARED = new RenderSlots(
            Integer.getInteger(PROPERTY, Math.max(2, Runtime.getRuntime().availableProcessors())));

    private final int size;
    private final Semaphore permits;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();

    /** @param size how many renders may run at once, at least 1 */
    public RenderSlots(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("render slots must be at least 1, not " + size + "; fix " + PROPERTY);
        }
        this.size = size;
        this.permits = new Semaphore(size, true);
    }

    /** The slots of this JVM, sized by {@value #PROPERTY}. */
    public static RenderSlots shared() {
        return SHARED;
    }

    /** A slot, held until closed. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits for a free slot, at most {@code wait}.
     *
     * @throws SlotTimeout when none became free in time
     */
    Slot acquire(Duration wait) throws InterruptedException, SlotTimeout {
        if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new SlotTimeout("waited " + ToolProcess.describe(wait) + " for one of the " + size
                    + " render slots, all busy with other renders; try again later, or allow more renders at once "
                    + "with the system property " + PROPERTY);
        }
        mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        return new Slot() {
            private boolean closed;

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    running.decrementAndGet();
                    permits.release();
                }
            }
        };
    }

    /** How many renders may run at once. */
    public int size() {
        return size;
    }

    /** The most renders that ever ran at once through these slots. */
    int mostRunning() {
        return mostRunning.get();
    }

    /** How many renders are waiting for a slot now (an estimate, for tests and diagnostics). */
    int waiting() {
        return permits.getQueueLength();
    }

    /** No slot became free in time; the message says so and how to allow more. */
    static final class SlotTimeout extends Exception {
        SlotTimeout(String message) {
            super(message);
        }
    }
}
