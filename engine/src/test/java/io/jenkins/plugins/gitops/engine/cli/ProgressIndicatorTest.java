package io.jenkins.plugins.gitops.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Progress goes to standard error: a spinner line on a terminal, lines with --verbose, else nothing. */
class ProgressIndicatorTest {

    private final StringWriter err = new StringWriter();

    @Test
    void shouldPrintNothingWhenNobodyWatches() {
        try (ProgressIndicator progress = new ProgressIndicator(new PrintWriter(err), Terminal.plain(), false)) {
            progress.event("Fetching https://git.example.com/shop.git (main)");
        }

        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldPrintEveryStepWhenVerbose() {
        try (ProgressIndicator progress = new ProgressIndicator(new PrintWriter(err), Terminal.plain(), true)) {
            progress.event("Fetching https://git.example.com/shop.git (main)");
            progress.event("Rendering apps/web");
        }

        assertThat(err.toString().lines()).containsExactly(
                "  Fetching https://git.example.com/shop.git (main)", "  Rendering apps/web");
    }

    @Test
    void shouldSpinOnASlowStepAndEraseTheLineWhenDone() throws InterruptedException {
        try (ProgressIndicator progress = new ProgressIndicator(new PrintWriter(err), new Terminal(true, false),
                false)) {
            progress.event("Waiting for 1 object to become healthy");
            Thread.sleep(900);
        }

        String shown = err.toString();
        assertThat(shown).contains("\r| Waiting for 1 object to become healthy (0s)");
        assertThat(shown).as("the spinner line is cleared at the end").endsWith("\r");
        assertThat(shown).doesNotContain("\n");
    }
}
