package io.jenkins.plugins.gitops.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The command line as a whole: its commands, its help, and exit code 2 for every mistake in the arguments. */
class GitOpsSyncCommandTest {

    @Test
    void shouldAskForACommandWhenNoneIsGiven() {
        CliRun run = Cli.run();

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("name a command: render, diff, sync, status or demo");
    }

    @Test
    void shouldListEveryCommandInItsHelp() {
        CliRun run = Cli.run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("render", "diff", "sync", "status", "demo", "Exit codes: 0 in sync");
    }

    @Test
    void shouldExitWithTwoOnAnUnknownOption() {
        CliRun run = Cli.run("diff", "--no-such-option");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void shouldExitWithTwoOnAnUnknownOutputFormat() {
        CliRun run = Cli.run("diff", "-o", "xml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("xml");
    }

    @Test
    void shouldExitWithTwoOnATimeoutThatIsNoDuration() {
        CliRun run = Cli.run("sync", "--timeout", "soon");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'soon' is not a duration; write it as 90s, 5m or 1h30m");
    }

    @Test
    void shouldExplainTheSyncOptionsInTheHelpOfSync() {
        CliRun run = Cli.run("sync", "--help");

        assertThat(run.out()).contains("--[no-]force-conflicts", "--wait", "--timeout", "--dry-run", "--prune", "--ignore",
                "--password-file", "--kubeconfig");
    }

    @Test
    void shouldNeverOfferAPasswordOption() {
        CliRun run = Cli.run("sync", "--help");

        assertThat(run.out()).doesNotContain("--password=", "--password <").contains("--password-file");
    }

    @Test
    void shouldPrintItsVersionOnEveryCommand() {
        CliRun run = Cli.run("status", "--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("gitops-sync ");
    }
}
