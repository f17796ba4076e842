package io.jenkins.plugins.gitops.steps;

import hudson.model.Run;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Copies the console of a sync build into the Pipeline's log while the sync runs, one whole line at a time and
 * indented, so that {@code gitopsSync} shows the objects being applied and the waits as they happen, not only at
 * the end. Annotations are stripped ({@code AnnotatedLargeText#writeLogTo(long, java.io.OutputStream)}); blank
 * lines and the "Finished:" line are left out (the step says how the sync ended).
 */
final class SyncConsoleFollower {

    private final Run<?, ?> sync;
    private final PrintStream log;
    private final Charset charset;
    private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
    private long offset;

    SyncConsoleFollower(Run<?, ?> sync, PrintStream log) {
        this.sync = sync;
        this.log = log;
        this.charset = sync.getCharset();
    }

    /** Copies the whole lines written since the last call; a line still being written waits for the next one. */
    void copyNewLines() throws IOException {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        offset = sync.getLogText().writeLogTo(offset, chunk);
        for (byte b : chunk.toByteArray()) {
            if (b == '\n') {
                emit(partialLine.toString(charset));
                partialLine.reset();
            } else {
                partialLine.write(b);
            }
        }
    }

    /** Copies what is left once the sync has ended, the last line even without its line break. */
    void copyRest() throws IOException {
        copyNewLines();
        if (partialLine.size() > 0) {
            emit(partialLine.toString(charset));
            partialLine.reset();
        }
    }

    private void emit(String line) {
        String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (!text.isBlank() && !text.startsWith("Finished: ")) {
            log.println("  " + text);
        }
    }
}
