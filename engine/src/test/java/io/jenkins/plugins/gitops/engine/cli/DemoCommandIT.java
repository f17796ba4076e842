package io.jenkins.plugins.gitops.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code gitops-sync demo} from start to end: it starts its own API server (beside the one the other
 * integration tests share), and must finish having found and healed the drift it made.
 */
class DemoCommandIT {

    private static final Pattern REMOVED = Pattern.compile("Stopped the API server and removed (\\S+)\\.\n$");

    /** One run for both checks: each run starts an API server of its own. */
    @Test
    void shouldHealTheDriftItMakesAndLeaveNothingBehind() {
        CliRun run = Cli.run("demo");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Step 1/7: Start a Kubernetes API server", "kube-apiserver 1.20.2",
                        "(exit code 1: drift found)", "(exit code 1: conflicts)", "Sync status: Synced")
                .contains("Healed: the drift was found and healed");
        assertThat(run.err()).isEmpty();
        Matcher removed = REMOVED.matcher(run.out());
        assertThat(removed.find()).as("names its temporary folder").isTrue();
        assertThat(Path.of(removed.group(1))).doesNotExist();
    }
}
