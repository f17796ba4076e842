package io.jenkins.plugins.gitops.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.cluster.RequestCounter.RequestCount;
import io.jenkins.plugins.gitops.engine.pipeline.Verdict;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exit codes as {@code kubectl diff} has them: scripts depend on these never changing. */
class ExitCodesTest {

    @ParameterizedTest(name = "{0} exits with {1}")
    @CsvSource({
        "IN_SYNC, 0",
        "SYNCED, 0",
        "OUT_OF_SYNC, 1",
        "UNHEALTHY, 1",
        "CONFLICTS, 1",
        "FAILED, 2",
        "ABORTED, 2"})
    void shouldMapEachOutcomeToItsExitCode(Outcome outcome, int exitCode) {
        SyncResult result = new SyncResult(Mode.SYNC, List.of(), outcome, "", Map.of(), RequestCount.NONE);

        assertThat(ExitCodes.of(Verdict.of(result)).code()).isEqualTo(exitCode);
    }
}
