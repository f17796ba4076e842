package io.jenkins.plugins.gitops.engine.cli;

import io.jenkins.plugins.gitops.engine.pipeline.Verdict;
import io.jenkins.plugins.gitops.engine.report.SyncReport;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.cluster.RequestCounter.RequestCount;
import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.report.ReportContext;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import io.jenkins.plugins.gitops.engine.resource.Origin;
import io.jenkins.plugins.gitops.engine.source.CommitInfo;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.ChangeSetEntry;
import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text a person reads: header, aligned object lines, diffs where asked, totals, and the verdict last. */
class TextReportTest {

    private static final Instant START = Instant.parse("2025-11-03T10:15:30Z");
    private static final CommitInfo COMMIT = new CommitInfo("1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b", "1a2b3c4",
            "Ann Author", "ann@example.com", START, "Scale web to 2", "Scale web to 2\n");
    private static final String DIFF = """
            --- live Deployment/shop/web
            +++ desired Deployment/shop/web
            @@ -1,2 +1,2 @@
             spec:
            -  replicas: 5
            +  replicas: 2
            """;

    private static final ChangeSetEntry DRIFTED_DEPLOYMENT = new ChangeSetEntry(
            new ObjectRef("apps", "Deployment", "shop", "web"), "apps/v1", new Origin("apps/web/web.yaml", 1),
            Action.CONFIGURED, List.of(".spec.replicas"), DIFF,
            Health.progressing("Waiting for rollout to finish: 1 of 2 new replicas have been updated"), "");
    private static final ChangeSetEntry UNCHANGED_CONFIG_MAP = new ChangeSetEntry(
            new ObjectRef("", "ConfigMap", "shop", "web-settings"), "v1", new Origin("apps/web/config.yaml", 1),
            Action.UNCHANGED, List.of(), "", Health.healthy(""), "");

    @Test
    void shouldStartWithTheSourceTheRevisionAndTheTarget() {
        String text = print(preview(Outcome.OUT_OF_SYNC), TextReport.Layout.DIFF, Terminal.plain());

        assertThat(text).startsWith("""
                Source:      https://git.example.com/shop.git, path apps/web
                Revision:    main -> 1a2b3c4 "Scale web to 2" (Ann Author)
                Target:      https://k8s.example.com:6443, namespace shop, environment shop/apps/web
                """);
    }

    @Test
    void shouldPrintOneAlignedLinePerObject() {
        String text = print(preview(Outcome.OUT_OF_SYNC), TextReport.Layout.SYNC, Terminal.plain());

        assertThat(text).contains("""
                KIND        NAMESPACE  NAME          ACTION     HEALTH       MESSAGE
                Deployment  shop       web           configure  Progressing  changed .spec.replicas
                ConfigMap   shop       web-settings  unchanged  Healthy
                """);
    }

    @Test
    void shouldShowTheDiffUnderTheDriftedObjectOnlyInTheDiffLayout() {
        String withDiffs = print(preview(Outcome.OUT_OF_SYNC), TextReport.Layout.DIFF, Terminal.plain());
        String withoutDiffs = print(preview(Outcome.OUT_OF_SYNC), TextReport.Layout.SYNC, Terminal.plain());

        assertThat(withDiffs).contains("""
                Deployment  shop       web           configure  Progressing  changed .spec.replicas
                    --- live Deployment/shop/web
                    +++ desired Deployment/shop/web
                    @@ -1,2 +1,2 @@
                     spec:
                    -  replicas: 5
                    +  replicas: 2
                ConfigMap   shop       web-settings  unchanged  Healthy
                """);
        assertThat(withoutDiffs).doesNotContain("replicas: 5");
    }

    @Test
    void shouldEndAPreviewWithTotalsAndTheVerdict() {
        String text = print(preview(Outcome.OUT_OF_SYNC), TextReport.Layout.DIFF, Terminal.plain());

        assertThat(text).endsWith("""
                2 objects: 1 to configure, 1 unchanged
                Health: Progressing (2 objects: 1 Healthy, 1 Progressing)
                OutOfSync: 1 of 2 objects differs from Git at 1a2b3c4; gitops-sync sync applies the changes
                """);
    }

    @Test
    void shouldSpeakInThePastAfterASync() {
        SyncResult synced = new SyncResult(Mode.SYNC, List.of(DRIFTED_DEPLOYMENT, UNCHANGED_CONFIG_MAP),
                Outcome.SYNCED, "", Map.of(), new RequestCount(3, 1, 0));

        String text = print(synced, TextReport.Layout.SYNC, Terminal.plain());

        assertThat(text).contains("Deployment  shop       web           configured  Progressing")
                .contains("2 objects: 1 configured, 1 unchanged")
                .contains("4 API requests (1 write)")
                .endsWith("Synced to 1a2b3c4: 1 object changed; health Progressing (add --wait to wait for it)\n");
    }

    @Test
    void shouldNameTheFlagThatResolvesConflicts() {
        ChangeSetEntry conflict = DRIFTED_DEPLOYMENT.withAction(Action.CONFLICT, "Deployment/shop/web: apply conflict"
                + " on .spec.replicas with field manager \"kubectl-edit\"");
        SyncResult result = new SyncResult(Mode.SYNC, List.of(conflict, UNCHANGED_CONFIG_MAP), Outcome.CONFLICTS, "",
                Map.of(), RequestCount.NONE);

        String text = print(result, TextReport.Layout.SYNC, Terminal.plain());

        assertThat(text).as("the line names the object once")
                .contains("conflict   Progressing  apply conflict on .spec.replicas with field manager \"kubectl-edit\"")
                .contains("sync without --no-force-conflicts to take them back");
    }

    @Test
    void shouldSummariseTheStatusAndListOnlyObjectsThatDiffer() {
        String text = print(preview(Outcome.OUT_OF_SYNC), TextReport.Layout.STATUS, Terminal.plain());

        assertThat(text).contains("Deployment  shop       web   configure").doesNotContain("web-settings")
                .endsWith("""
                        Sync status: OutOfSync (1 of 2 objects differs from Git)
                        Health:      Progressing (2 objects: 1 Healthy, 1 Progressing)
                        Objects:     2 (1 to configure, 1 unchanged)
                        """);
    }

    @Test
    void shouldSayWhenTheClusterMatchesGit() {
        SyncResult inSync = new SyncResult(Mode.PREVIEW, List.of(UNCHANGED_CONFIG_MAP), Outcome.IN_SYNC, "", Map.of(),
                RequestCount.NONE);

        assertThat(print(inSync, TextReport.Layout.DIFF, Terminal.plain()))
                .endsWith("Synced: the cluster matches Git at 1a2b3c4\n");
    }

    @Test
    void shouldColourOnlyForATerminalThatAllowsIt() {
        String plain = print(preview(Outcome.OUT_OF_SYNC), TextReport.Layout.DIFF, Terminal.plain());
        String coloured = print(preview(Outcome.OUT_OF_SYNC), TextReport.Layout.DIFF, new Terminal(true, true));

        assertThat(plain).doesNotContain("\u001B[");
        assertThat(coloured).contains("\u001B[33mOutOfSync:\u001B[0m").contains("\u001B[31m-  replicas: 5\u001B[0m");
    }

    private static SyncResult preview(Outcome outcome) {
        return new SyncResult(Mode.PREVIEW, List.of(DRIFTED_DEPLOYMENT, UNCHANGED_CONFIG_MAP), outcome, "", Map.of(),
                RequestCount.NONE);
    }

    private static String print(SyncResult result, TextReport.Layout layout, Terminal terminal) {
        ReportContext context = new ReportContext("shop/apps/web", "https://k8s.example.com:6443", "shop",
                "https://git.example.com/shop.git", "apps/web", "main", COMMIT, SyncPolicy.defaults()
                        .withWaitForHealth(false, SyncPolicy.defaults().healthTimeout()),
                START, START.plusMillis(1500));
        StringWriter text = new StringWriter();
        new TextReport(new PrintWriter(text), terminal).print(new ReconcileRun(result, context,
                SyncReport.of(result, context), Verdict.of(result)), layout);
        return text.toString().replace(System.lineSeparator(), "\n");
    }
}
