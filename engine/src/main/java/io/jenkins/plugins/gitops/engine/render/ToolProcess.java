package io.jenkins.plugins.gitops.engine.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Runs a rendering process (kustomize, kubectl, helm, the Helm child JVM) to completion, bounded: it waits
 * for a {@link RenderSlots slot}, runs with a memory cap (on Linux), is stopped with all its descendants
 * when it runs out of time or prints more than allowed, and its output is read as it streams, so no more
 * than the output limit is ever held. The error output is kept for the message, up to a few KiB.
 */
final class ToolProcess {

    private static final Logger LOGGER = Logger.getLogger(ToolProcess.class.getName());

    /** Enough of the error output for a message; tools put the cause first. */
    private static final int MAX_ERROR_CHARS = 4000;
    private static final int MAX_ERROR_BYTES = 4 * MAX_ERROR_CHARS;

    /** How a Go program, a JVM or the shell say they ran out of memory. */
    private static final Pattern OUT_OF_MEMORY = Pattern.compile(
            "out of memory|OutOfMemoryError|cannot allocate memory|Could not reserve enough space"
                    + "|insufficient memory|pthread_create failed", Pattern.CASE_INSENSITIVE);

    /** How often the processes a tool started are noted; a tool rarely starts any. */
    private static final Duration DESCENDANTS_POLL = Duration.ofMillis(250);

    /** Stopping a killed process takes milliseconds; this only bounds a machine in trouble. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    /**
     * What to run and within which bounds.
     *
     * @param command the program and its arguments
     * @param workingDirectory where it runs
     * @param environment the whole environment of the process, or {@code null} for this process's own
     * @param timeout how long it may run, slot wait included
     * @param maxOutputBytes the most standard output accepted
     * @param maxMemoryBytes the most memory (data segment) it may use, enforced on Linux
     */
    record Request(List<String> command, Path workingDirectory, Map<String, String> environment, Duration timeout,
            long maxOutputBytes, long maxMemoryBytes) {

        Request {
            command = List.copyOf(command);
            Objects.requireNonNull(workingDirectory, "workingDirectory");
            environment = environment == null ? null : Map.copyOf(environment);
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /** What the tool did. */
    record Outcome(int exitCode, byte[] output, String errorOutput) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** The tool ran longer than allowed, printed more than allowed, or ran out of memory; the message says which. */
    static final class ToolFailure extends Exception {
        ToolFailure(String message) {
            super(message);
        }
    }

    private ToolProcess() {
    }

    static Outcome run(Request request, RenderSlots slots) throws IOException, ToolFailure, InterruptedException {
        long deadline = System.nanoTime() + request.timeout().toNanos();
        try (RenderSlots.Slot slot = slots.acquire(request.timeout())) {
            return runInSlot(request, deadline);
        } catch (RenderSlots.SlotTimeout e) {
            throw new ToolFailure(e.getMessage());
        }
    }

    private static Outcome runInSlot(Request request, long deadline)
            throws IOException, ToolFailure, InterruptedException {
        LOGGER.fine(() -> "Running " + request.command() + " in " + request.workingDirectory());
        ProcessBuilder builder = new ProcessBuilder(withMemoryCap(request.command(), request.maxMemoryBytes()))
                .directory(request.workingDirectory().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        if (request.environment() != null) {
            builder.environment().clear();
            builder.environment().putAll(request.environment());
        }
        Process process = builder.start();
        StreamReader output = new StreamReader(process.getInputStream(), request.maxOutputBytes(), process, true);
        StreamReader errors = new StreamReader(process.getErrorStream(), MAX_ERROR_BYTES, process, false);
        Set<ProcessHandle> started = new HashSet<>();
        try {
            output.start();
            errors.start();
            boolean finished = waitNotingDescendants(process, deadline, started);
            if (output.overflowed()) {
                throw new ToolFailure("printed more than " + RenderLimits.describe(request.maxOutputBytes())
                        + " of manifests and was stopped (the output limit of a render); render less, or raise the "
                        + "limit (maxTotalBytes)");
            }
            if (!finished) {
                throw new ToolFailure("did not finish within " + describe(request.timeout()) + " and was stopped "
                        + "(the time limit of a render); check the input for a loop that never ends, or raise the "
                        + "timeout");
            }
            // The streams end when every process holding them has ended: bounded by the same deadline.
            output.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining(deadline))));
            errors.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining(deadline))));
            if (output.isAlive() || errors.isAlive()) {
                throw new ToolFailure("left a process running that kept its output open, and was stopped after "
                        + describe(request.timeout()) + " (the time limit of a render); check the input");
            }
            if (output.overflowed()) {
                throw new ToolFailure("printed more than " + RenderLimits.describe(request.maxOutputBytes())
                        + " of manifests and was stopped (the output limit of a render); render less, or raise the "
                        + "limit (maxTotalBytes)");
            }
            output.rethrow();
            String errorText = errors.text();
            if (process.exitValue() != 0 && OUT_OF_MEMORY.matcher(errorText).find()) {
                throw new ToolFailure("ran out of memory and was stopped: a render may use "
                        + RenderLimits.describe(request.maxMemoryBytes()) + " (the memory limit of a render); "
                        + "check that the input does not render far more than intended, or raise the limit "
                        + "(maxProcessMemoryBytes)");
            }
            return new Outcome(process.exitValue(), output.bytes(), errorText);
        } finally {
            destroyTree(process);
            // Those it started and left behind when it ended were adopted by another process: stop them too.
            started.forEach(ProcessHandle::destroyForcibly);
            output.interrupt();
            errors.interrupt();
        }
    }

    /**
     * Waits for the process until the deadline, noting every process it starts on the way, since those
     * that outlive it can no longer be found from it once it has ended.
     */
    private static boolean waitNotingDescendants(Process process, long deadline, Set<ProcessHandle> started)
            throws InterruptedException {
        while (true) {
            long slice = Math.min(remaining(deadline), DESCENDANTS_POLL.toNanos());
            if (process.waitFor(slice, TimeUnit.NANOSECONDS)) {
                return true;
            }
            if (remaining(deadline) == 0) {
                return false;
            }
            process.descendants().forEach(started::add);
        }
    }

    /** Stops the process and every process it started, and waits (briefly) until it is gone. */
    static void destroyTree(Process process) throws InterruptedException {
        Set<ProcessHandle> seen = new HashSet<>();
        List<ProcessHandle> found = new ArrayList<>(process.descendants().toList());
        process.destroyForcibly();
        // Kill from the top: a parent that is gone cannot start new children; then kill what they started meanwhile.
        while (!found.isEmpty()) {
            List<ProcessHandle> next = new ArrayList<>();
            for (ProcessHandle handle : found) {
                if (seen.add(handle)) {
                    List<ProcessHandle> children = handle.descendants().toList();
                    handle.destroyForcibly();
                    next.addAll(children);
                }
            }
            found = next;
        }
        process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * On Linux, the command run under {@code ulimit -d}: the data segment (heap and anonymous memory, what
     * grows when a program builds a huge output) is capped by the kernel, whatever the program. No core
     * dump either: a process stopped at its limit would otherwise write its memory to the disk. Where the
     * hard limit is already lower, that lower limit stays.
     */
    static List<String> withMemoryCap(List<String> command, long maxMemoryBytes) {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
        if (!linux || !Files.isExecutable(Path.of("/bin/sh"))) {
            return command;
        }
        List<String> capped = new ArrayList<>(List.of("/bin/sh", "-c",
                "ulimit -c 0; ulimit -d " + Math.max(1, maxMemoryBytes / 1024) + " 2>/dev/null; exec \"$@\"", "sh"));
        capped.addAll(command);
        return capped;
    }

    /** A timeout for messages: "300 ms", "45 seconds", "2 minutes". */
    static String describe(Duration timeout) {
        if (timeout.toMillis() < 1000) {
            return timeout.toMillis() + " ms";
        }
        if (timeout.toSeconds() % 60 != 0) {
            return timeout.toSeconds() + " seconds";
        }
        return timeout.toMinutes() == 1 ? "1 minute" : timeout.toMinutes() + " minutes";
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /**
     * Reads one stream of the process as it comes. Standard output: kept up to the limit; one byte more
     * stops the process tree at once. Error output: the head is kept, the rest read and dropped, so the
     * process never blocks on a full pipe.
     */
    private static final class StreamReader extends Thread {

        private final InputStream in;
        private final long limit;
        private final Process process;
        private final boolean stopWhenFull;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private volatile boolean overflowed;
        private volatile IOException failure;

        StreamReader(InputStream in, long limit, Process process, boolean stopWhenFull) {
            super("gitops-sync render " + (stopWhenFull ? "output" : "errors") + " of " + process.pid());
            setDaemon(true);
            this.in = in;
            this.limit = limit;
            this.process = process;
            this.stopWhenFull = stopWhenFull;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            try (InputStream stream = in) {
                int read;
                while ((read = stream.read(buffer)) >= 0) {
                    long room = Math.max(0, limit - total);
                    total += read;
                    synchronized (kept) {
                        kept.write(buffer, 0, (int) Math.min(read, room));
                    }
                    if (total > limit && stopWhenFull) {
                        overflowed = true;
                        destroyTree(process);
                        return;
                    }
                }
            } catch (IOException e) {
                if (process.isAlive()) {
                    failure = e;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        boolean overflowed() {
            return overflowed;
        }

        void rethrow() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }

        byte[] bytes() {
            synchronized (kept) {
                return kept.toByteArray();
            }
        }

        String text() {
            String text = new String(bytes(), StandardCharsets.UTF_8).strip();
            return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + " ...";
        }
    }
}
