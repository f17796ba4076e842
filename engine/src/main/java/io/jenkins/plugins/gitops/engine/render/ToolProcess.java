package io.jenkins.plugins.gitops.engine.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a rendering tool (kustomize, kubectl, helm) to completion: with a timeout, its output bounded,
 * its error output kept for the message. Output goes to temporary files, so a tool that writes a lot
 * to both streams can never block on a full pipe.
 */
final class ToolProcess {

    private static final Logger LOGGER = Logger.getLogger(ToolProcess.class.getName());

    /** Enough of the error output for a message; tools put the cause first. */
    private static final int MAX_ERROR_CHARS = 4000;

    /** What the tool did. */
    record Outcome(int exitCode, byte[] output, String errorOutput) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** The tool ran longer than allowed, or printed more than allowed; the message says which. */
    static final class ToolFailure extends Exception {
        ToolFailure(String message) {
            super(message);
        }
    }

    private ToolProcess() {
    }

    /**
     * @param command the program and its arguments
     * @param workingDirectory where it runs
     * @param maxOutputBytes the most standard output accepted
     */
    static Outcome run(List<String> command, Path workingDirectory, Duration timeout, long maxOutputBytes)
            throws IOException, ToolFailure, InterruptedException {
        Path output = Files.createTempFile("gitops-render-", ".out");
        Path errors = Files.createTempFile("gitops-render-", ".err");
        Process process = null;
        try {
            LOGGER.fine(() -> "Running " + command + " in " + workingDirectory);
            process = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .redirectOutput(output.toFile())
                    .redirectError(errors.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ToolFailure("did not finish within " + describe(timeout) + " and was stopped; "
                        + "check the input, or raise the timeout");
            }
            if (Files.size(output) > maxOutputBytes) {
                throw new ToolFailure("printed more than " + RenderLimits.describe(maxOutputBytes)
                        + " of manifests, the limit; render less, or raise the limit");
            }
            return new Outcome(process.exitValue(), Files.readAllBytes(output), readErrors(errors));
        } finally {
            if (process != null && process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            deleteQuietly(output);
            deleteQuietly(errors);
        }
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

    private static String readErrors(Path errors) throws IOException {
        byte[] head;
        try (java.io.InputStream in = Files.newInputStream(errors)) {
            head = in.readNBytes(4 * MAX_ERROR_CHARS);
        }
        String text = new String(head, StandardCharsets.UTF_8).strip();
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + " ...";
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Only a temporary file is left behind; the render's outcome does not depend on it.
            LOGGER.log(Level.FINE, "Could not delete " + file, e);
        }
    }
}
