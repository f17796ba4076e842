package io.jenkins.plugins.gitops.run;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.gitops.engine.cluster.RequestCounter.RequestCount;
import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.pipeline.LoadedFiles;
import io.jenkins.plugins.gitops.engine.pipeline.PipelineRun;
import io.jenkins.plugins.gitops.engine.pipeline.Verdict;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import io.jenkins.plugins.gitops.engine.source.CommitInfo;
import io.jenkins.plugins.gitops.engine.source.LocalDirectoryTree;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.ChangeSetEntry;
import io.jenkins.plugins.gitops.engine.sync.CheckDecision.Observation;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.view.SyncStatus;
import io.jenkins.plugins.gitops.item.EnvironmentStatus;
import io.jenkins.plugins.gitops.reconcile.EnvironmentReconcile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin translates the engine's verdict and never recomputes it: the build's result is the verdict's, and the
 * environment's badge after a sync that left an extra object (prune off) is OutOfSync, while no check would sync
 * again for it.
 */
class VerdictInJenkinsTest {

    @TempDir
    Path folder;

    private static final String SHA = "1111111111111111111111111111111111111111";

    @Test
    void shouldTakeTheBuildResultFromTheVerdict() {
        assertThat(SyncRun.resultOf(verdict(Outcome.SYNCED))).isEqualTo(Result.SUCCESS);
        assertThat(SyncRun.resultOf(verdict(Outcome.IN_SYNC))).isEqualTo(Result.SUCCESS);
        assertThat(SyncRun.resultOf(verdict(Outcome.CONFLICTS))).isEqualTo(Result.UNSTABLE);
        assertThat(SyncRun.resultOf(verdict(Outcome.UNHEALTHY))).isEqualTo(Result.UNSTABLE);
        assertThat(SyncRun.resultOf(verdict(Outcome.FAILED))).isEqualTo(Result.FAILURE);
        assertThat(SyncRun.resultOf(verdict(Outcome.ABORTED))).isEqualTo(Result.ABORTED);
        assertThat(SyncRun.resultOf(Verdict.stopped())).isEqualTo(Result.FAILURE);
    }

    @Test
    void shouldShowOutOfSyncAfterASyncThatLeftAnExtraObjectWithoutAskingForAnotherSync() throws Exception {
        ChangeSetEntry kept = new ChangeSetEntry(new ObjectRef("", "ConfigMap", "shop", "old"), "v1", null,
                Action.SKIPPED, List.of(), "", null, "not pruned: pruning is off for this environment");
        ChangeSetEntry applied = new ChangeSetEntry(new ObjectRef("", "ConfigMap", "shop", "settings"), "v1", null,
                Action.UNCHANGED, List.of(), "", Health.healthy(""), "");
        SyncResult result = new SyncResult(Mode.SYNC, List.of(applied, kept), Outcome.IN_SYNC, "", Map.of(),
                RequestCount.NONE);
        PipelineRun run = new PipelineRun(null, new LoadedFiles(new LocalDirectoryTree(folder), "", "https://git.example.com/shop.git",
                "main", new CommitInfo(SHA, "1111111", "Ann", "ann@example.com", Instant.EPOCH,
                        "subject", "subject")), "https://k8s.example.com",
                "shop", result, null, null, "", List.of(), null, Verdict.of(result));

        Observation seen = new EnvironmentReconcile.Outcome(run).observation();
        EnvironmentStatus status = EnvironmentStatus.of(Instant.EPOCH, seen, "1111111", "subject");

        assertThat(SyncRun.resultOf(run.verdict())).isEqualTo(Result.SUCCESS);
        assertThat(status.getSyncStatus()).isEqualTo(SyncStatus.OUT_OF_SYNC);
        assertThat(seen.drift()).as("a check would not sync again for it").isFalse();
        assertThat(seen.health()).isEqualTo(HealthStatus.HEALTHY);
    }

    private static Verdict verdict(Outcome outcome) {
        return Verdict.of(new SyncResult(Mode.SYNC, List.of(), outcome, "", Map.of(), RequestCount.NONE));
    }
}
