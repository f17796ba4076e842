package io.jenkins.plugins.gitops.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Phase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncReportTest {

    @Test
    void shouldStateWhatWhereAndUnderWhichPolicy() {
        ReportSummary summary = SyncReport.of(Reports.prunedSync(), Reports.context(Mode.SYNC)).summary();

        assertThat(summary.environment()).isEqualTo("shop/web-prod");
        assertThat(summary.target()).isEqualTo(new ReportSummary.Target("https://k8s.example.com:6443", "shop"));
        assertThat(summary.source()).isEqualTo(new ReportSummary.Source("https://git.example.com/shop/config.git", "apps/web"));
        assertThat(summary.policy()).isEqualTo(new ReportSummary.Policy(true, false, true, true, 300, "Background",
                "gitops-sync"));
        assertThat(summary.mode()).isEqualTo(Mode.SYNC);
    }

    @Test
    void shouldDescribeTheCommitWithItsJenkinsBuild() {
        ReportSummary.Revision revision = SyncReport.of(Reports.prunedSync(), Reports.context(Mode.SYNC)).summary().revision();

        assertThat(revision.requested()).isEqualTo("main");
        assertThat(revision.commit()).isEqualTo(new ReportSummary.Commit("3f1c2b7a9d4e5f60718293a4b5c6d7e8f9012345",
                "3f1c2b7", "Ann Example", Instant.parse("2025-05-31T16:02:11Z"), "Bump web to 1.4", "shop/web#42"));
    }

    @Test
    void shouldHaveNoRevisionForALocalFolder() {
        ReportSummary summary = SyncReport.of(Reports.preview(), Reports.localFolderContext()).summary();

        assertThat(summary.revision()).isNull();
        assertThat(summary.source()).isEqualTo(new ReportSummary.Source("/home/ann/config", ""));
    }

    @Test
    void shouldNeverCarryCredentialsFromUrls() {
        ReportContext context = new ReportContext("e", "https://admin:hunter22@k8s.example.com", "ns",
                "https://oauth2:glpat-Xy12@git.example.com/shop.git", "", "main", null, SyncPolicy.defaults(),
                Reports.START, Reports.END);

        ReportSummary summary = SyncReport.of(Reports.preview(), context).summary();

        assertThat(summary.target().server()).isEqualTo("https://k8s.example.com");
        assertThat(summary.source().repository()).isEqualTo("https://git.example.com/shop.git");
        assertThat(context.source()).as("the context itself, for text reports").doesNotContain("glpat");
    }

    @Test
    void shouldKeepAUserNameThatIsNoSecretAndLocalFolders() {
        assertThat(UrlCredentials.strip("git@github.com:shop/config.git")).isEqualTo("git@github.com:shop/config.git");
        assertThat(UrlCredentials.strip("/srv/config@2")).isEqualTo("/srv/config@2");
        assertThat(UrlCredentials.strip("ssh://git@host/a@b.git")).isEqualTo("ssh://host/a@b.git");
        assertThat(UrlCredentials.strip("https://u:p@ss@host/x")).isEqualTo("https://host/x");
    }

    @Test
    void shouldStateOutcomeTimesAndCosts() {
        ReportSummary summary = SyncReport.of(Reports.prunedSync(), Reports.context(Mode.SYNC)).summary();

        assertThat(summary.outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(summary.failure()).isEmpty();
        assertThat(summary.startTime()).isEqualTo(Reports.START);
        assertThat(summary.endTime()).isEqualTo(Reports.END);
        assertThat(summary.durationMs()).isEqualTo(2345);
        assertThat(summary.phaseTimingsMs()).containsExactly(Map.entry(Phase.RESOLVE, 12L), Map.entry(Phase.LIVE_STATE, 85L),
                Map.entry(Phase.DIFF, 9L), Map.entry(Phase.APPLY, 240L), Map.entry(Phase.PRUNE, 31L),
                Map.entry(Phase.HEALTH, 1200L));
        assertThat(summary.requests()).isEqualTo(new ReportSummary.Requests(4, 2, 0, 6));
    }

    @Test
    void shouldCountEveryActionAndHealthStatusZerosIncluded() {
        ReportSummary.Totals totals = SyncReport.of(Reports.prunedSync(), Reports.context(Mode.SYNC)).summary().totals();

        assertThat(totals.objects()).isEqualTo(4);
        assertThat(totals.actions()).containsExactly(Map.entry(Action.CREATED, 0), Map.entry(Action.CONFIGURED, 1),
                Map.entry(Action.RECREATED, 0), Map.entry(Action.HANDED_OVER, 0), Map.entry(Action.UNCHANGED, 2), Map.entry(Action.PRUNED, 1), Map.entry(Action.SKIPPED, 0),
                Map.entry(Action.CONFLICT, 0), Map.entry(Action.FAILED, 0), Map.entry(Action.HOOK, 0));
        assertThat(totals.health()).as("the pruned object has no health").containsEntry(HealthStatus.HEALTHY, 3)
                .containsEntry(HealthStatus.PROGRESSING, 0).hasSize(6);
    }

    @Test
    void shouldStateTheWorstHealthAndTheFailure() {
        SyncResult failed = Reports.failedSync();

        ReportSummary summary = SyncReport.of(failed, Reports.context(Mode.SYNC)).summary();

        assertThat(summary.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(summary.failure()).startsWith("ConfigMap/shop/b_invalid: apply failed");
        assertThat(summary.health()).isEqualTo(HealthStatus.PROGRESSING);
    }

    @Test
    void shouldDescribeEachObjectWithItsOrigin() {
        List<ReportObject> objects = SyncReport.of(Reports.prunedSync(), Reports.context(Mode.SYNC)).objects();

        assertThat(objects).extracting(ReportObject::subject).containsExactly("ClusterRole/web-reader",
                "Deployment/shop/web", "Service/shop/web", "ConfigMap/shop/old-settings");
        assertThat(objects.get(1)).isEqualTo(new ReportObject("apps", "v1", "Deployment", "shop", "web",
                "apps/web/deployment.yaml", 1, Action.CONFIGURED, new ReportObject.ObjectHealth(HealthStatus.HEALTHY, ""),
                "", List.of(".spec.replicas"), Reports.WEB_DIFF));
        assertThat(objects.get(0)).as("cluster-scoped, rendered by Helm: no namespace, no line")
                .extracting(ReportObject::group, ReportObject::version, ReportObject::namespace, ReportObject::line)
                .containsExactly("rbac.authorization.k8s.io", "v1", null, null);
        assertThat(objects.get(2)).extracting(ReportObject::group, ReportObject::version, ReportObject::line)
                .containsExactly("", "v1", 3);
        assertThat(objects.get(3)).as("no longer in Git: no file, no health")
                .extracting(ReportObject::file, ReportObject::line, ReportObject::health, ReportObject::action)
                .containsExactly(null, null, null, Action.PRUNED);
    }

    @Test
    void shouldCutALongDiffAtALineBreakAndSayHowMuchWasLeftOut() {
        String diff = "--- live\n+++ desired\n" + "+  line of forty characters, give or take\n".repeat(100);
        SyncResult result = Reports.result(Mode.PREVIEW, Outcome.OUT_OF_SYNC, "",
                List.of(Reports.web(Action.CONFIGURED, diff, "")));

        String cut = SyncReport.of(result, Reports.context(Mode.PREVIEW), 1000).objects().get(0).diff();

        String kept = cut.substring(0, cut.indexOf("... "));
        assertThat(kept).hasSizeLessThanOrEqualTo(1000).endsWith("\n");
        assertThat(diff).startsWith(kept);
        assertThat(cut).endsWith("... " + (diff.length() - kept.length())
                + " more characters left out (a report keeps at most 1000 characters of each diff)\n");
    }

    @Test
    void shouldCutADiffOfOneVeryLongLineInsideIt() {
        String diff = "+ " + "x".repeat(5000) + "\n";

        String cut = DiffTruncation.cut(diff, 1000);

        assertThat(cut).startsWith("+ xxx").contains("\n... 4003 more characters left out");
        assertThat(cut.indexOf('\n')).isEqualTo(1000);
    }

    @Test
    void shouldNotSplitACharacterWhenCutting() {
        String diff = "a".repeat(999) + "😀".repeat(600);

        String cut = DiffTruncation.cut(diff, 1000);

        assertThat(cut.substring(0, cut.indexOf('\n'))).isEqualTo("a".repeat(999));
    }

    @Test
    void shouldLeaveADiffThatFitsAsItIs() {
        assertThat(SyncReport.of(Reports.prunedSync(), Reports.context(Mode.SYNC)).objects().get(1).diff())
                .isEqualTo(Reports.WEB_DIFF);
    }

    @Test
    void shouldRefuseADiffLimitTooSmallForAnyDiff() {
        assertThatThrownBy(() -> SyncReport.of(Reports.preview(), Reports.context(Mode.PREVIEW), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sync report: a diff limit of 10 characters is too small; use at least 200");
    }

    @Test
    void shouldRefuseAContextThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> new ReportContext("e", "https://k", "ns", "/src", "", null, null, SyncPolicy.defaults(),
                Reports.END, Reports.START))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("report context: end 2025-06-01T10:15:30.123Z is before start");
    }

    @Test
    void shouldBeTheSameWhenBuiltTwiceFromOneResult() {
        SyncResult result = Reports.prunedSync();

        assertThat(SyncReport.of(result, Reports.context(Mode.SYNC))).isEqualTo(SyncReport.of(result, Reports.context(Mode.SYNC)));
    }

    @Test
    void shouldCountWhatAPreviewWouldChangeAndAnExtraObjectLeftAloneAsOutOfSync() {
        SyncReport report = SyncReport.of(Reports.preview(), Reports.context(Mode.PREVIEW));

        // as Argo CD counts it: an extra object that pruning leaves in place still differs from Git
        assertThat(report.outOfSync()).extracting(ReportObject::subject)
                .containsExactly("Deployment/shop/web", "Service/shop/web", "ConfigMap/shop/old-settings");
    }

    @Test
    void shouldCountNothingAsOutOfSyncAfterASyncThatWroteEverything() {
        SyncReport report = SyncReport.of(Reports.prunedSync(), Reports.context(Mode.SYNC));

        assertThat(report.outOfSync()).isEmpty();
    }

    @Test
    void shouldCountWhatAFailedSyncDidNotReachAsOutOfSync() {
        SyncReport report = SyncReport.of(Reports.failedSync(), Reports.context(Mode.SYNC));

        assertThat(report.outOfSync()).extracting(ReportObject::subject)
                .containsExactly("ConfigMap/shop/b_invalid", "Service/shop/web");
    }

    @Test
    void shouldCountDegradedAndMissingObjectsAsUnhealthyButNotPrunedOnes() {
        SyncResult result = Reports.result(Mode.SYNC, Outcome.UNHEALTHY, "", List.of(
                Reports.web(Action.CONFIGURED, "", "").withHealth(Health.degraded("0/2 replicas available")),
                Reports.service(Action.UNCHANGED),
                Reports.extra(Action.PRUNED, "").withHealth(Health.degraded("gone"))));

        SyncReport report = SyncReport.of(result, Reports.context(Mode.SYNC));

        assertThat(report.unhealthy()).extracting(ReportObject::subject).containsExactly("Deployment/shop/web");
    }
}
