package io.jenkins.plugins.gitops.engine.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftTrendTest {

    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

    @TempDir
    Path folder;

    private static Instant minutes(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static TrendPoint inSync(int minute) {
        return TrendPoint.check(minutes(minute), "3f1c2b7", 0, 0, SyncStatus.SYNCED, HealthStatus.HEALTHY);
    }

    private static TrendPoint drifted(int minute, int objects) {
        return TrendPoint.check(minutes(minute), "3f1c2b7", objects, 0, SyncStatus.OUT_OF_SYNC, HealthStatus.HEALTHY);
    }

    private static DriftTrend trendOf(TrendPoint... points) {
        DriftTrend trend = DriftTrend.empty();
        for (TrendPoint point : points) {
            trend = trend.append(point);
        }
        return trend;
    }

    @Test
    void shouldCountIdenticalChecksInsteadOfStoringThemAgain() {
        DriftTrend trend = DriftTrend.empty();
        for (int minute = 0; minute < 60 * 24 * 30; minute++) {
            trend = trend.append(inSync(minute));
        }

        assertThat(trend.points()).singleElement().satisfies(point -> {
            assertThat(point.first()).isEqualTo(minutes(0));
            assertThat(point.last()).isEqualTo(minutes(60 * 24 * 30 - 1));
            assertThat(point.repeats()).isEqualTo(60 * 24 * 30);
        });
    }

    @Test
    void shouldStartANewPointWhenWhatTheCheckSawChanged() {
        DriftTrend trend = trendOf(inSync(0), inSync(1), drifted(2, 3), drifted(3, 3), drifted(4, 1),
                TrendPoint.check(minutes(5), "9a8b7c6", 1, 0, SyncStatus.OUT_OF_SYNC, HealthStatus.HEALTHY),
                TrendPoint.check(minutes(6), "9a8b7c6", 1, 0, SyncStatus.OUT_OF_SYNC, HealthStatus.DEGRADED));

        assertThat(trend.points()).extracting(TrendPoint::repeats).containsExactly(2, 2, 1, 1, 1);
    }

    @Test
    void shouldKeepASyncApartFromChecksThatSawTheSame() {
        DriftTrend trend = trendOf(inSync(0),
                TrendPoint.sync(minutes(1), "3f1c2b7", 0, 0, SyncStatus.SYNCED, HealthStatus.HEALTHY), inSync(2));

        assertThat(trend.points()).extracting(TrendPoint::sync).containsExactly(false, true, false);
    }

    @Test
    void shouldDropTheOldestPointsBeyondItsCapacity() {
        DriftTrend trend = DriftTrend.empty(3);
        for (int minute = 0; minute < 10; minute++) {
            trend = trend.append(drifted(minute, minute + 1));
        }

        assertThat(trend.points()).extracting(TrendPoint::outOfSync).containsExactly(8, 9, 10);
    }

    @Test
    void shouldKeepFiveHundredPointsByDefault() {
        DriftTrend trend = DriftTrend.empty();
        for (int minute = 0; minute < 1200; minute++) {
            trend = trend.append(drifted(minute, minute % 2 + 1));
        }

        assertThat(trend.points()).hasSize(500);
        assertThat(trend.points().get(0).first()).isEqualTo(minutes(700));
    }

    @Test
    void shouldNotLetAPointFromTheFutureReorderTheSeries() {
        DriftTrend trend = trendOf(drifted(10, 1), drifted(5, 2));

        assertThat(trend.points()).extracting(TrendPoint::first).containsExactly(minutes(10), minutes(10));
    }

    @Test
    void shouldNotChangeWhenAppendedTo() {
        DriftTrend before = trendOf(inSync(0));

        before.append(drifted(1, 2));

        assertThat(before.points()).hasSize(1);
    }

    @Test
    void shouldReadWhatItWrote() throws IOException {
        DriftTrend trend = trendOf(inSync(0), inSync(1), drifted(2, 3),
                TrendPoint.sync(minutes(3), "9a8b7c6", 1, 2, SyncStatus.OUT_OF_SYNC, HealthStatus.DEGRADED));
        Path file = folder.resolve("trend.json");

        trend.write(file);
        DriftTrend.Loaded loaded = DriftTrend.read(file);

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.trend().points()).isEqualTo(trend.points());
    }

    @Test
    void shouldWriteItsFormatFirst() throws IOException {
        Path file = folder.resolve("trend.json");

        trendOf(inSync(0)).write(file);

        assertThat(Files.readString(file)).startsWith("{\"format\":\"gitops-sync/trend/v1\",");
    }

    @Test
    void shouldReplaceTheFileWithoutLeavingTemporaryFilesBehind() throws IOException {
        Path file = folder.resolve("jobs/web/trend.json");
        trendOf(inSync(0)).write(file);

        trendOf(inSync(0), drifted(1, 4)).write(file);

        assertThat(DriftTrend.read(file).trend().points()).hasSize(2);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void shouldReadAMissingFileAsAnEmptyTrendWithoutAProblem() {
        DriftTrend.Loaded loaded = DriftTrend.read(folder.resolve("never-written.json"));

        assertThat(loaded.trend().isEmpty()).isTrue();
        assertThat(loaded.hasProblems()).isFalse();
    }

    @Test
    void shouldReadACorruptFileAsAnEmptyTrendAndSaySo() throws IOException {
        Path file = write("trend.json", "{\"format\":\"gitops-sync/trend/v1\",\"points\":[{\"first\":\"2025-06-");

        DriftTrend.Loaded loaded = DriftTrend.read(file);

        assertThat(loaded.trend().isEmpty()).isTrue();
        assertThat(loaded.problems()).singleElement().asString()
                .startsWith("trend.json:1: not valid JSON")
                .endsWith("; the trend starts again with the next check");
    }

    @Test
    void shouldReadAnEmptyFileAsAnEmptyTrendAndSaySo() throws IOException {
        DriftTrend.Loaded loaded = DriftTrend.read(write("trend.json", ""));

        assertThat(loaded.trend().isEmpty()).isTrue();
        assertThat(loaded.problems()).singleElement().asString().startsWith("trend.json: the file is empty");
    }

    @Test
    void shouldRefuseAnotherFormat() throws IOException {
        DriftTrend.Loaded loaded = DriftTrend.read(write("trend.json",
                "{\"format\":\"gitops-sync/trend/v2\",\"points\":[]}"));

        assertThat(loaded.trend().isEmpty()).isTrue();
        assertThat(loaded.problems()).singleElement().asString()
                .startsWith("trend.json: format \"gitops-sync/trend/v2\" is not supported; this version reads"
                        + " gitops-sync/trend/v1");
    }

    @Test
    void shouldRefuseAReportOrAnyOtherJson() throws IOException {
        assertThat(DriftTrend.read(write("a.json", "[1, 2]")).problems()).singleElement().asString()
                .startsWith("a.json: not a drift trend");
        assertThat(DriftTrend.read(write("b.json", "{\"format\":\"gitops-sync/report/v1\"}")).problems())
                .singleElement().asString().contains("format \"gitops-sync/report/v1\" is not supported");
    }

    @Test
    void shouldIgnoreFieldsItDoesNotKnow() throws IOException {
        Path file = write("trend.json", """
                {"format": "gitops-sync/trend/v1", "writtenBy": "a later release",
                 "points": [{"first": "2025-06-01T10:00:00Z", "last": "2025-06-01T10:05:00Z", "revision": "3f1c2b7",
                             "outOfSync": 2, "unhealthy": 1, "syncStatus": "OUT_OF_SYNC", "health": "DEGRADED",
                             "sync": false, "repeats": 6, "conflicts": 1}]}
                """);

        DriftTrend.Loaded loaded = DriftTrend.read(file);

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.trend().points()).containsExactly(new TrendPoint(minutes(0), minutes(5), "3f1c2b7", 2, 1,
                SyncStatus.OUT_OF_SYNC, HealthStatus.DEGRADED, false, 6));
    }

    @Test
    void shouldLeaveOutPointsItCannotReadAndKeepTheRest() throws IOException {
        Path file = write("trend.json", """
                {"format": "gitops-sync/trend/v1", "points": [
                  {"first": "2025-06-01T10:00:00Z", "outOfSync": 0, "unhealthy": 0, "syncStatus": "SYNCED"},
                  {"first": "yesterday", "outOfSync": 0, "unhealthy": 0, "syncStatus": "SYNCED"},
                  {"first": "2025-06-01T10:02:00Z", "outOfSync": 1, "unhealthy": 0, "syncStatus": "DRIFTING"},
                  {"first": "2025-06-01T10:03:00Z", "outOfSync": -1, "unhealthy": 0, "syncStatus": "SYNCED"},
                  {"first": "2025-06-01T10:04:00Z", "outOfSync": 3, "unhealthy": 0, "syncStatus": "OUT_OF_SYNC"}
                ]}
                """);

        DriftTrend.Loaded loaded = DriftTrend.read(file);

        assertThat(loaded.trend().points()).extracting(TrendPoint::outOfSync).containsExactly(0, 3);
        assertThat(loaded.problems()).singleElement().asString()
                .startsWith("trend.json: 3 of 5 points could not be read and are left out (point 2: ");
    }

    @Test
    void shouldKeepOnlyTheNewestPointsOfALargerFile() throws IOException {
        DriftTrend large = DriftTrend.empty(10);
        for (int minute = 0; minute < 10; minute++) {
            large = large.append(drifted(minute, minute + 1));
        }
        Path file = folder.resolve("trend.json");
        large.write(file);

        DriftTrend small = DriftTrend.read(file, 4).trend();

        assertThat(small.points()).extracting(TrendPoint::outOfSync).containsExactly(7, 8, 9, 10);
    }

    @Test
    void shouldChartTheNewestPointsAsParallelSeries() {
        DriftTrend trend = trendOf(drifted(0, 5), drifted(1, 2),
                TrendPoint.sync(minutes(2), "9a8b7c6", 0, 1, SyncStatus.SYNCED, HealthStatus.PROGRESSING));

        TrendChart chart = trend.chart(2);

        assertThat(chart.labels()).containsExactly("2025-06-01T10:01:00Z", "2025-06-01T10:02:00Z");
        assertThat(chart.outOfSync()).containsExactly(2, 0);
        assertThat(chart.unhealthy()).containsExactly(0, 1);
        assertThat(chart.revisions()).containsExactly("3f1c2b7", "9a8b7c6");
        assertThat(chart.syncs()).containsExactly(false, true);
    }

    @Test
    void shouldChartARunOfChecksFromItsFirstToItsLastCheck() {
        DriftTrend trend = trendOf(drifted(0, 5), inSync(1), inSync(2), inSync(480));

        TrendChart chart = trend.chart(100);

        assertThat(chart.labels()).containsExactly("2025-06-01T10:00:00Z", "2025-06-01T10:01:00Z",
                "2025-06-01T18:00:00Z");
        assertThat(chart.outOfSync()).containsExactly(5, 0, 0);
    }

    @Test
    void shouldChartNothingForNoPoints() {
        assertThat(DriftTrend.empty().chart(50).size()).isZero();
        assertThat(trendOf(inSync(0)).chart(0).size()).isZero();
    }

    @Test
    void shouldWriteChartDataThatIsSafeInAPage() {
        DriftTrend trend = trendOf(TrendPoint.check(Instant.parse("2025-06-01T10:00:00.789Z"),
                "</script><script>alert('x')</script>&ü", 1, 2, SyncStatus.OUT_OF_SYNC, HealthStatus.MISSING));

        String json = trend.chart(10).toJson();

        assertThat(json).isEqualTo("{\"labels\":[\"2025-06-01T10:00:00Z\"],\"outOfSync\":[1],\"unhealthy\":[2],"
                + "\"revisions\":[\"\\u003C/script\\u003E\\u003Cscript\\u003Ealert(\\u0027x\\u0027)\\u003C/script"
                + "\\u003E\\u0026\\u00FC\"],\"syncs\":[false]}");
    }

    @Test
    void shouldRefuseACapacityThatKeepsNothing() {
        assertThatThrownBy(() -> DriftTrend.empty(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("drift trend: a capacity of 0 points keeps nothing; use at least 1 (the default is 500)");
    }

    @Test
    void shouldNotListTheSamePointTwiceAfterReadingAFileOutOfOrder() throws IOException {
        Path file = write("trend.json", """
                {"format": "gitops-sync/trend/v1", "points": [
                  {"first": "2025-06-01T10:02:00Z", "outOfSync": 1, "unhealthy": 0, "syncStatus": "OUT_OF_SYNC"},
                  {"first": "2025-06-01T10:00:00Z", "outOfSync": 0, "unhealthy": 0, "syncStatus": "SYNCED"},
                  {"first": "2025-06-01T10:01:00Z", "outOfSync": 0, "unhealthy": 0, "syncStatus": "SYNCED"}
                ]}
                """);

        List<TrendPoint> points = DriftTrend.read(file).trend().points();

        assertThat(points).extracting(TrendPoint::first).containsExactly(minutes(0), minutes(2));
        assertThat(points).extracting(TrendPoint::repeats).containsExactly(2, 1);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }
}
