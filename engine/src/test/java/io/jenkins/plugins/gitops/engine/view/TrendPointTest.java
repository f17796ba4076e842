package io.jenkins.plugins.gitops.engine.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.report.ReportSummary;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrendPointTest {

    private static final Instant START = Instant.parse("2025-06-01T10:15:30Z");
    private static final Instant END = Instant.parse("2025-06-01T10:15:32Z");

    static ReportSummary summary(Mode mode, Outcome outcome, HealthStatus worst, Map<Action, Integer> actions,
            Map<HealthStatus, Integer> health) {
        int objects = actions.values().stream().mapToInt(Integer::intValue).sum();
        return new ReportSummary("shop/web-prod", new ReportSummary.Target("https://k8s.example.com:6443", "shop"),
                new ReportSummary.Source("https://github.com/shop/config.git", "apps/web"),
                new ReportSummary.Revision("main", new ReportSummary.Commit("3f1c2b7a9d4e5f60718293a4b5c6d7e8f9012345",
                        "3f1c2b7", "Ann Example", START, "Bump web to 1.4", null)),
                new ReportSummary.Policy(true, false, false, true, 300, "Background", "gitops-sync"),
                mode, outcome, worst, outcome == Outcome.FAILED ? "render failed" : "", START, END, 2000, Map.of(),
                new ReportSummary.Requests(10, 2, 1, 13), new ReportSummary.Totals(objects, actions, health));
    }

    @Test
    void shouldCountWhatAPreviewWouldChange() {
        TrendPoint point = TrendPoint.of(summary(Mode.PREVIEW, Outcome.OUT_OF_SYNC, HealthStatus.DEGRADED,
                Map.of(Action.UNCHANGED, 4, Action.CONFIGURED, 2, Action.CREATED, 1, Action.SKIPPED, 1),
                Map.of(HealthStatus.HEALTHY, 4, HealthStatus.DEGRADED, 1, HealthStatus.MISSING, 1)));

        assertThat(point).isEqualTo(new TrendPoint(END, END, "3f1c2b7", 4, 2, SyncStatus.OUT_OF_SYNC,
                HealthStatus.DEGRADED, false, 1));
    }

    @Test
    void shouldCountWhatStillDiffersAfterASync() {
        TrendPoint point = TrendPoint.of(summary(Mode.SYNC, Outcome.CONFLICTS, HealthStatus.HEALTHY,
                Map.of(Action.UNCHANGED, 4, Action.CONFIGURED, 2, Action.CONFLICT, 1),
                Map.of(HealthStatus.HEALTHY, 7)));

        assertThat(point.sync()).isTrue();
        assertThat(point.outOfSync()).isEqualTo(1);
        assertThat(point.syncStatus()).isEqualTo(SyncStatus.OUT_OF_SYNC);
    }

    @Test
    void shouldSaySyncedAfterASyncThatAppliedEverything() {
        TrendPoint point = TrendPoint.of(summary(Mode.SYNC, Outcome.SYNCED, HealthStatus.HEALTHY,
                Map.of(Action.UNCHANGED, 4, Action.CONFIGURED, 2, Action.PRUNED, 1), Map.of(HealthStatus.HEALTHY, 6)));

        assertThat(point.outOfSync()).isZero();
        assertThat(point.syncStatus()).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void shouldNotClaimHealthForAReconcileThatFailedBeforeAnyObject() {
        TrendPoint point = TrendPoint.of(summary(Mode.PREVIEW, Outcome.FAILED, HealthStatus.HEALTHY, Map.of(),
                Map.of()));

        assertThat(point.syncStatus()).isEqualTo(SyncStatus.ERROR);
        assertThat(point.health()).isEqualTo(HealthStatus.UNKNOWN);
    }

    @Test
    void shouldCountADryRunAsACheck() {
        TrendPoint point = TrendPoint.of(summary(Mode.DRY_RUN, Outcome.SYNCED, HealthStatus.HEALTHY,
                Map.of(Action.CONFIGURED, 1), Map.of(HealthStatus.HEALTHY, 1)));

        assertThat(point.sync()).isFalse();
        assertThat(point.outOfSync()).isEqualTo(1);
    }

    @Test
    void shouldRefuseNegativeCounts() {
        assertThatThrownBy(() -> TrendPoint.check(END, "3f1c2b7", -1, 0, SyncStatus.SYNCED, HealthStatus.HEALTHY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trend point: object counts cannot be negative (out of sync -1, unhealthy 0)");
    }
}
