package io.jenkins.plugins.gitops.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.cluster.RequestCounter.RequestCount;
import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.report.ReportContext;
import io.jenkins.plugins.gitops.engine.report.SyncReport;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import io.jenkins.plugins.gitops.engine.resource.Origin;
import io.jenkins.plugins.gitops.engine.source.CommitInfo;
import io.jenkins.plugins.gitops.engine.source.FileTree;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.ChangeSetEntry;
import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Phase;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineRunJsonTest {

    private static final CommitInfo COMMIT = new CommitInfo("3f1c2b7a9d4e5f60718293a4b5c6d7e8f9012345", "3f1c2b7",
            "Ann Example", "ann@example.com", Instant.parse("2025-05-31T16:02:11Z"), "Bump web to 1.4",
            "Bump web to 1.4\n");
    private static final Instant START = Instant.parse("2025-06-01T10:15:30.123Z");

    @Test
    void shouldReadBackWhatTheCallerReadsWhenTheRunReachedTheCluster() throws IOException {
        SyncResult result = new SyncResult(Mode.SYNC, List.of(
                new ChangeSetEntry(new ObjectRef("apps", "Deployment", "shop", "web"), "apps/v1",
                        new Origin("apps/web/deployment.yaml", 1), Action.CONFIGURED, List.of(".spec.replicas"),
                        "-  replicas: 5\n+  replicas: 2\n", Health.progressing("1 of 2 replicas updated"), ""),
                new ChangeSetEntry(new ObjectRef("", "ConfigMap", "shop", "old"), "v1", null, Action.SKIPPED,
                        List.of(), "", null, "not pruned: pruning is off for this environment")),
                Outcome.SYNCED, "", Map.of(Phase.APPLY, Duration.ofMillis(240), Phase.SOURCE, Duration.ofMillis(31)),
                new RequestCount(4, 1, 0));
        ReportContext context = new ReportContext("shop/web-prod", "https://k8s.example.com:6443", "shop",
                "https://git.example.com/shop/config.git", "apps/web", "main", COMMIT, SyncPolicy.defaults(), START,
                START.plusMillis(271));
        PipelineRun run = new PipelineRun(null, new LoadedFiles(new Folder(), "apps/web",
                "https://git.example.com/shop/config.git", "main", COMMIT), "https://k8s.example.com:6443", "shop",
                result, SyncReport.of(result, context), context, "", List.of(), null, Verdict.of(result));

        PipelineRun read = PipelineRunJson.read(PipelineRunJson.write(run), 1_000_000);

        assertThat(read.commit()).isEqualTo(COMMIT);
        assertThat(read.result()).isEqualTo(result);
        assertThat(read.report()).isEqualTo(run.report());
        assertThat(read.verdict()).isEqualTo(run.verdict());
        assertThat(read.context()).isEqualTo(context);
        assertThat(read.files().location()).isEqualTo("https://git.example.com/shop/config.git");
    }

    @Test
    void shouldReadBackTheFailureWhenTheRunStoppedBeforeTheCluster() throws IOException {
        PipelineRun run = new PipelineRun(PipelineRun.Step.RENDER, new LoadedFiles(new Folder(), "apps/web",
                "https://git.example.com/shop/config.git", "main", COMMIT), "https://k8s.example.com:6443", "shop",
                null, null, null, "rendering failed with 1 problem", List.of("apps/web/a.yaml:3: not YAML"), null,
                Verdict.stopped());

        PipelineRun read = PipelineRunJson.read(PipelineRunJson.write(run), 1_000_000);

        assertThat(read.stoppedAt()).isEqualTo(PipelineRun.Step.RENDER);
        assertThat(read.failure()).isEqualTo("rendering failed with 1 problem");
        assertThat(read.details()).containsExactly("apps/web/a.yaml:3: not YAML");
        assertThat(read.verdict()).isEqualTo(Verdict.stopped());
        assertThat(read.result()).isNull();
    }

    @Test
    void shouldRefuseADocumentLongerThanTheLimit() {
        String json = PipelineRunJson.write(new PipelineRun(PipelineRun.Step.SOURCE, null, null, null, null, null, null,
                "x".repeat(500), List.of(), null, Verdict.stopped()));

        assertThatThrownBy(() -> PipelineRunJson.read(json, 100)).isInstanceOf(IOException.class)
                .hasMessageContaining("more than the 100 accepted");
    }

    @Test
    void shouldRefuseADocumentWithoutAVerdict() {
        assertThatThrownBy(() -> PipelineRunJson.read("{\"failure\":\"all is well\"}", 100))
                .isInstanceOf(IOException.class).hasMessageContaining("no verdict");
    }

    @Test
    void shouldRefuseAValueTheRecordsRefuse() {
        String json = PipelineRunJson.write(new PipelineRun(PipelineRun.Step.SOURCE, null, null, null, null, null, null,
                "Git failed", List.of(), null, Verdict.stopped())).replace("\"outcome\":\"FAILED\"", "\"outcome\":null");

        assertThatThrownBy(() -> PipelineRunJson.read(json, 1_000_000)).isInstanceOf(IOException.class)
                .hasMessageContaining("outcome");
    }

    /** Files this test never reads. */
    private static final class Folder implements FileTree {

        @Override
        public String description() {
            return "a folder";
        }

        @Override
        public List<FileEntry> list(String directory) {
            return List.of();
        }

        @Override
        public boolean isDirectory(String path) {
            return false;
        }

        @Override
        public byte[] read(String path) throws IOException {
            throw new IOException("not read");
        }

        @Override
        public java.nio.file.Path materialize() throws IOException {
            throw new IOException("not read");
        }
    }
}
