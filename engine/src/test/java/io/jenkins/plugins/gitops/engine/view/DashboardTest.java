package io.jenkins.plugins.gitops.engine.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.view.Dashboard.Column;
import io.jenkins.plugins.gitops.engine.view.Dashboard.Query;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DashboardTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private static DashboardRow row(String name, SyncStatus status, HealthStatus health, Instant lastSync, int drift) {
        return new DashboardRow("team/" + name, name, "job/team/job/" + name + "/", "https://k8s.example.com:6443",
                "ns-" + name, status, health, "1a2b3c4", lastSync, NOW, drift, false,
                status == SyncStatus.ERROR ? "fetch failed" : "");
    }

    /**
     * 500 environments in five clusters, with every status, health and a spread of sync times and drift, shuffled
     * so that no order comes for free.
     */
    private static List<DashboardRow> fleet() {
        List<DashboardRow> rows = new ArrayList<>();
        SyncStatus[] statuses = SyncStatus.values();
        HealthStatus[] healths = HealthStatus.values();
        for (int i = 0; i < 500; i++) {
            String name = String.format(Locale.ROOT, "%s-%03d", i % 2 == 0 ? "web" : "Api", i);
            rows.add(new DashboardRow("fleet/" + name, name, "job/fleet/job/" + name + "/",
                    "https://deploy:t0ken@cluster-" + i % 5 + ".example.com:6443", "ns-" + i % 7,
                    statuses[i % statuses.length], healths[i % healths.length], String.format("%07x", i * 7919),
                    i % 11 == 0 ? null : NOW.minus(Duration.ofMinutes(i * 37L % 1000)), NOW, i % 13, i % 17 == 0,
                    statuses[i % statuses.length] == SyncStatus.ERROR ? "render failed" : ""));
        }
        Collections.shuffle(rows, new Random(42));
        return rows;
    }

    @Test
    void shouldSortByNameIgnoringCase() {
        Dashboard dashboard = new Dashboard(List.of(row("beta", SyncStatus.SYNCED, HealthStatus.HEALTHY, NOW, 0),
                row("Alpha", SyncStatus.SYNCED, HealthStatus.HEALTHY, NOW, 0),
                row("gamma", SyncStatus.SYNCED, HealthStatus.HEALTHY, NOW, 0)));

        assertThat(dashboard.select(Query.all())).extracting(DashboardRow::displayName)
                .containsExactly("Alpha", "beta", "gamma");
        assertThat(dashboard.select(Query.all().sortedBy(Column.NAME, true))).extracting(DashboardRow::displayName)
                .containsExactly("gamma", "beta", "Alpha");
    }

    @Test
    void shouldPutErrorsFirstThenOutOfSyncThenUnknownThenSynced() {
        Dashboard dashboard = new Dashboard(List.of(row("a", SyncStatus.SYNCED, HealthStatus.HEALTHY, NOW, 0),
                row("b", SyncStatus.UNKNOWN, HealthStatus.HEALTHY, NOW, 0),
                row("c", SyncStatus.OUT_OF_SYNC, HealthStatus.HEALTHY, NOW, 0),
                row("d", SyncStatus.ERROR, HealthStatus.HEALTHY, NOW, 0),
                row("e", SyncStatus.OUT_OF_SYNC, HealthStatus.HEALTHY, NOW, 0)));

        assertThat(dashboard.select(Query.all().sortedBy(Column.STATUS, false))).extracting(DashboardRow::displayName)
                .containsExactly("d", "c", "e", "b", "a");
        assertThat(dashboard.select(Query.all().sortedBy(Column.STATUS, true))).extracting(DashboardRow::displayName)
                .containsExactly("a", "b", "c", "e", "d");
    }

    @Test
    void shouldRankAnEnvironmentWithALastErrorAmongTheErrors() {
        DashboardRow failedSync = new DashboardRow("team/x", "x", "", "", "", SyncStatus.SYNCED, HealthStatus.HEALTHY,
                "", NOW, NOW, 0, false, "Deployment/shop/web: apply failed");
        Dashboard dashboard = new Dashboard(List.of(row("a", SyncStatus.OUT_OF_SYNC, HealthStatus.HEALTHY, NOW, 2),
                failedSync));

        assertThat(dashboard.select(Query.all().sortedBy(Column.STATUS, false))).first().isEqualTo(failedSync);
    }

    @Test
    void shouldSortByHealthWorstFirst() {
        Dashboard dashboard = new Dashboard(List.of(row("a", SyncStatus.SYNCED, HealthStatus.HEALTHY, NOW, 0),
                row("b", SyncStatus.SYNCED, HealthStatus.DEGRADED, NOW, 0),
                row("c", SyncStatus.SYNCED, HealthStatus.PROGRESSING, NOW, 0),
                row("d", SyncStatus.SYNCED, null, NOW, 0)));

        assertThat(dashboard.select(Query.all().sortedBy(Column.HEALTH, false))).extracting(DashboardRow::displayName)
                .containsExactly("d", "b", "c", "a");
    }

    @Test
    void shouldSortByLastSyncMostRecentFirstAndNeverSyncedLastEitherWay() {
        Dashboard dashboard = new Dashboard(List.of(row("never", SyncStatus.UNKNOWN, HealthStatus.UNKNOWN, null, 0),
                row("old", SyncStatus.SYNCED, HealthStatus.HEALTHY, NOW.minusSeconds(7200), 0),
                row("recent", SyncStatus.SYNCED, HealthStatus.HEALTHY, NOW.minusSeconds(60), 0)));

        assertThat(dashboard.select(Query.all().sortedBy(Column.LAST_SYNC, false)))
                .extracting(DashboardRow::displayName).containsExactly("recent", "old", "never");
        assertThat(dashboard.select(Query.all().sortedBy(Column.LAST_SYNC, true)))
                .extracting(DashboardRow::displayName).containsExactly("old", "recent", "never");
    }

    @Test
    void shouldSortByDriftMostDriftedFirstThenByName() {
        Dashboard dashboard = new Dashboard(List.of(row("b", SyncStatus.OUT_OF_SYNC, HealthStatus.HEALTHY, NOW, 3),
                row("c", SyncStatus.OUT_OF_SYNC, HealthStatus.HEALTHY, NOW, 9),
                row("a", SyncStatus.OUT_OF_SYNC, HealthStatus.HEALTHY, NOW, 3)));

        assertThat(dashboard.select(Query.all().sortedBy(Column.DRIFT, false))).extracting(DashboardRow::displayName)
                .containsExactly("c", "a", "b");
        assertThat(dashboard.select(Query.all().sortedBy(Column.DRIFT, true))).extracting(DashboardRow::displayName)
                .containsExactly("a", "b", "c");
    }

    @Test
    void shouldSortFiveHundredEnvironmentsByEachColumnWithNamesBreakingTies() {
        List<DashboardRow> fleet = fleet();
        Dashboard dashboard = new Dashboard(fleet);
        Comparator<DashboardRow> byName = Comparator.comparing(r -> r.displayName().toLowerCase(Locale.ROOT));

        assertThat(dashboard.select(Query.all())).hasSize(500).isSortedAccordingTo(byName);
        assertThat(dashboard.select(Query.all().sortedBy(Column.STATUS, false))).isSortedAccordingTo(
                Comparator.comparing((DashboardRow r) -> r.syncStatus(), Comparator.reverseOrder()).thenComparing(byName));
        assertThat(dashboard.select(Query.all().sortedBy(Column.HEALTH, false))).isSortedAccordingTo(
                Comparator.comparing((DashboardRow r) -> r.health(), Comparator.reverseOrder()).thenComparing(byName));
        assertThat(dashboard.select(Query.all().sortedBy(Column.DRIFT, false))).isSortedAccordingTo(
                Comparator.comparingInt(DashboardRow::driftedObjects).reversed().thenComparing(byName));
        assertThat(dashboard.select(Query.all().sortedBy(Column.LAST_SYNC, false))).isSortedAccordingTo(
                Comparator.comparing(DashboardRow::lastSync, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
                        .thenComparing(byName));
    }

    @Test
    void shouldGiveTheSameOrderWhateverOrderTheRowsCameIn() {
        List<DashboardRow> fleet = fleet();
        List<DashboardRow> reversed = new ArrayList<>(fleet);
        Collections.reverse(reversed);

        for (Column column : Column.values()) {
            Query query = Query.all().sortedBy(column, false);
            assertThat(new Dashboard(reversed).select(query)).as(column.parameter())
                    .isEqualTo(new Dashboard(fleet).select(query));
        }
    }

    @Test
    void shouldFindEnvironmentsByAnyWordInNameClusterNamespaceOrRevision() {
        Dashboard dashboard = new Dashboard(fleet());

        assertThat(dashboard.select(Query.all().matching("API-0"))).hasSize(50)
                .allSatisfy(r -> assertThat(r.displayName()).startsWith("Api-0"));
        assertThat(dashboard.select(Query.all().matching("cluster-3"))).hasSize(100)
                .allSatisfy(r -> assertThat(r.server()).isEqualTo("https://cluster-3.example.com:6443"));
        assertThat(dashboard.select(Query.all().matching("  NS-6  web "))).hasSize(36)
                .allSatisfy(r -> assertThat(r.namespace()).isEqualTo("ns-6"))
                .allSatisfy(r -> assertThat(r.displayName()).startsWith("web-"));
        assertThat(dashboard.select(Query.all().matching(String.format("%07x", 123 * 7919))))
                .extracting(DashboardRow::displayName).containsExactly("Api-123");
    }

    @Test
    void shouldNotMatchAWordAcrossTwoFields() {
        Dashboard dashboard = new Dashboard(List.of(row("web", SyncStatus.SYNCED, HealthStatus.HEALTHY, NOW, 0)));

        assertThat(dashboard.select(Query.all().matching("webns-web"))).isEmpty();
    }

    @Test
    void shouldNeverMatchTheCredentialsOfAClusterUrl() {
        Dashboard dashboard = new Dashboard(fleet());

        assertThat(dashboard.select(Query.all().matching("t0ken"))).isEmpty();
        assertThat(dashboard.rows()).allSatisfy(r -> assertThat(r.server()).doesNotContain("t0ken", "deploy"));
    }

    @Test
    void shouldFilterByStatusAndHealth() {
        Dashboard dashboard = new Dashboard(fleet());

        List<DashboardRow> selected = dashboard.select(Query.all()
                .withStatuses(SyncStatus.OUT_OF_SYNC, SyncStatus.ERROR)
                .withHealth(HealthStatus.DEGRADED)
                .sortedBy(Column.DRIFT, false));

        assertThat(selected).isNotEmpty().allSatisfy(r -> {
            assertThat(r.syncStatus()).isIn(SyncStatus.OUT_OF_SYNC, SyncStatus.ERROR);
            assertThat(r.health()).isEqualTo(HealthStatus.DEGRADED);
        });
        assertThat(selected).hasSize((int) fleet().stream().filter(r -> r.health() == HealthStatus.DEGRADED
                && (r.syncStatus() == SyncStatus.OUT_OF_SYNC || r.syncStatus() == SyncStatus.ERROR)).count());
    }

    @Test
    void shouldCountEveryEnvironmentForTheTiles() {
        Dashboard.Totals totals = new Dashboard(fleet()).totals();

        assertThat(totals.environments()).isEqualTo(500);
        assertThat(totals.syncStatus()).containsEntry(SyncStatus.SYNCED, 125).containsEntry(SyncStatus.ERROR, 125);
        assertThat(totals.count(HealthStatus.HEALTHY)).isEqualTo(84);
        assertThat(totals.count(HealthStatus.UNKNOWN)).isEqualTo(83);
        assertThat(totals.paused()).isEqualTo(30);
        assertThat(totals.failing()).isEqualTo(125);
    }

    @Test
    void shouldListEveryStatusInTheTotalsEvenWithoutEnvironments() {
        Dashboard.Totals totals = new Dashboard(List.of()).totals();

        assertThat(totals.syncStatus()).hasSize(SyncStatus.values().length).containsValue(0).doesNotContainValue(1);
        assertThat(totals.health()).hasSize(HealthStatus.values().length);
    }

    @Test
    void shouldReadColumnsAndStatusesFromRequestParameters() {
        assertThat(Column.fromParameter("lastsync")).contains(Column.LAST_SYNC);
        assertThat(Column.fromParameter("<script>")).isEmpty();
        assertThat(SyncStatus.fromParameter("OutOfSync")).contains(SyncStatus.OUT_OF_SYNC);
        assertThat(SyncStatus.fromParameter("out_of_sync")).contains(SyncStatus.OUT_OF_SYNC);
        assertThat(SyncStatus.fromParameter(null)).isEmpty();
    }

    @Test
    void shouldUseTheFullNameWhenThereIsNoDisplayName() {
        DashboardRow row = new DashboardRow("team/web", " ", null, null, null, null, null, null, null, null, 0, false,
                null);

        assertThat(row.displayName()).isEqualTo("team/web");
        assertThat(row.syncStatus()).isEqualTo(SyncStatus.UNKNOWN);
        assertThat(row.health()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(row.hasError()).isFalse();
    }

    @Test
    void shouldRefuseARowWithoutAName() {
        assertThatThrownBy(() -> new DashboardRow(" ", "x", "", "", "", null, null, "", null, null, 0, false, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dashboard row: the environment's full name is blank");
    }
}
