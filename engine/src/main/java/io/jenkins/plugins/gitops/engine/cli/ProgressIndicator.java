package io.jenkins.plugins.gitops.engine.cli;

import io.jenkins.plugins.gitops.engine.sync.SyncListener;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows what a command is doing while it runs, on standard error so that standard output stays the
 * report. On a terminal, one line redraws itself with a spinner, the latest step and the time it has
 * taken, and disappears when the command is done; it appears only once a step takes longer than
 * {@value #QUIET_MILLIS} ms, so quick commands print nothing extra. With {@code --verbose} every step is
 * printed as a line of its own (anywhere, also in CI logs).
 */
final class ProgressIndicator implements SyncListener, AutoCloseable {

    /** Steps quicker than this never show the spinner, so it does not flicker. */
    private static final long QUIET_MILLIS = 500;
    private static final long TICK_MILLIS = 125;
    private static final char[] FRAMES = {'|', '/', '-', '\\'};

    private final PrintWriter err;
    private final Terminal terminal;
    private final boolean verbose;
    private final ScheduledExecutorService ticker;
    private String step = "";
    private long stepStarted = System.nanoTime();
    private int frame;
    private int drawnWidth;

    ProgressIndicator(PrintWriter err, Terminal terminal, boolean verbose) {
        this.err = err;
        this.terminal = terminal;
        this.verbose = verbose;
        if (terminal.interactive()) {
            ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "gitops-sync-progress");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::redraw, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    @Override
    public synchronized void event(String line) {
        if (verbose) {
            erase();
            err.println(terminal.dim("  " + line));
            err.flush();
        }
        step = line;
        stepStarted = System.nanoTime();
    }

    /** Prints a line that must stay (a warning), above the spinner line. */
    synchronized void print(String line) {
        erase();
        err.println(line);
        err.flush();
    }

    private synchronized void redraw() {
        long millis = (System.nanoTime() - stepStarted) / 1_000_000;
        if (step.isEmpty() || millis < QUIET_MILLIS) {
            return;
        }
        String text = FRAMES[frame++ % FRAMES.length] + " " + step + " (" + millis / 1000 + "s)";
        int width = 100;
        if (text.length() > width) {
            text = text.substring(0, width - 3) + "...";
        }
        String padding = " ".repeat(Math.max(0, drawnWidth - text.length()));
        err.print("\r" + terminal.dim(text) + padding);
        err.flush();
        drawnWidth = text.length();
    }

    private void erase() {
        if (drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
        }
    }

    /** Stops the spinner and clears its line, so the report starts on a clean line. */
    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        step = "";
        erase();
    }
}
