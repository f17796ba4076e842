package io.jenkins.plugins.gitops.steps;

import hudson.model.Run;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.NoSuchFileException;

/**
 * Copies the console of a sync build into the Pipeline's log while the sync runs, one whole line at a time and
 * indented, so that {@code gitopsSync} shows the objects being applied and the waits as they happen, not only at
 * the end. Annotations are stripped ({@code AnnotatedLargeText#writeLogTo(long, java.io.OutputStream)}); blank
 * lines and the "Finished:" line are left out (the step says how the sync ended).
 *
 * <p>{@code gitopsSync} copies on a timer tick, not from a thread of its own, and keeps {@link #resumeOffset()}
 * with its saved state: after a restart a new follower goes on from there (the line being written when Jenkins
 * stopped is copied whole, once).
 *
 * <p>Copying never fails the step: a console not written yet is simply empty, and one that cannot be read is
 * said once in the Pipeline log (the sync goes on and its own page has the whole console).
 */
final class SyncConsoleFollower {

    private final Run<?, ?> sync;
    private final PrintStream log;
    private final Charset charset;
    private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
    private long offset;
    private boolean broken;

    /** Copies from {@code offset} (0 for the start of the console, or an earlier {@link #resumeOffset()}). */
    SyncConsoleFollower(Run<?, ?> sync, PrintStream log, long offset) {
        this.sync = sync;
        this.log = log;
        this.charset = sync.getCharset();
        this.offset = offset;
    }

    /** Where the console's first line not copied yet starts: what a follower after a restart starts from. */
    long resumeOffset() {
        return offset - partialLine.size();
    }

    /** Copies the whole lines written since the last call; a line still being written waits for the next one. */
    void copyNewLines() {
        if (broken) {
            return;
        }
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        try {
            offset = sync.getLogText().writeLogTo(offset, chunk);
        } catch (FileNotFoundException | NoSuchFileException e) {
            return; // the build has not opened its console yet
        } catch (IOException e) {
            broken = true;
            log.println(Messages.GitOpsSyncStep_logUnreadable(sync.getFullDisplayName(), e.getMessage()));
            return;
        }
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
    void copyRest() {
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
