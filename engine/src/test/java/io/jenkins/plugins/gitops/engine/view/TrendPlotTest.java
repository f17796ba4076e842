package io.jenkins.plugins.gitops.engine.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrendPlotTest {

    private static final List<String> TIMES = List.of("2026-03-01T10:00:00Z", "2026-03-01T10:05:00Z",
            "2026-03-01T10:10:00Z");

    @Test
    void shouldDrawBothLinesFromTheZeroLineUpToTheHighestCount() {
        TrendChart chart = new TrendChart(TIMES, List.of(0, 4, 0), List.of(0, 2, 2), List.of("a1", "b2", "b2"),
                List.of(false, false, true));

        TrendPlot plot = TrendPlot.of(chart, 236, 132);

        // plot area: x 36..224, y 10..110; 4 objects at most
        assertThat(plot.outOfSyncPoints()).isEqualTo("36.0,110.0 130.0,10.0 224.0,110.0");
        assertThat(plot.unhealthyPoints()).isEqualTo("36.0,110.0 130.0,60.0 224.0,60.0");
        assertThat(plot.valueTicks()).extracting(TrendPlot.ValueTick::value).containsExactly(0, 2, 4);
    }

    @Test
    void shouldMarkEachSyncWithItsTimeAndRevision() {
        TrendChart chart = new TrendChart(TIMES, List.of(3, 0, 0), List.of(0, 0, 0), List.of("a1", "b2", "b2"),
                List.of(false, true, false));

        TrendPlot plot = TrendPlot.of(chart, 236, 132);

        assertThat(plot.syncMarks()).singleElement().satisfies(mark -> {
            assertThat(mark.title()).isEqualTo("sync 2026-03-01 10:05 b2");
            assertThat(mark.x()).isEqualTo(130.0);
            assertThat(mark.y()).isEqualTo(110.0);
        });
        assertThat(plot.timeLabels()).extracting(TrendPlot.TimeLabel::text)
                .containsExactly("2026-03-01 10:00", "2026-03-01 10:05", "2026-03-01 10:10");
    }

    @Test
    void shouldKeepAFlatLineAtZeroInsideThePlotWhenNothingEverDrifted() {
        TrendChart chart = new TrendChart(TIMES.subList(0, 2), List.of(0, 0), List.of(0, 0), List.of("", ""),
                List.of(false, false));

        TrendPlot plot = TrendPlot.of(chart, 236, 132);

        assertThat(plot.outOfSyncPoints()).isEqualTo("36.0,110.0 224.0,110.0");
        assertThat(plot.valueTicks()).extracting(TrendPlot.ValueTick::value).containsExactly(0, 1);
    }

    @Test
    void shouldNotDrawASingleSample() {
        TrendChart chart = new TrendChart(TIMES.subList(0, 1), List.of(1), List.of(0), List.of(""), List.of(true));

        assertThat(TrendPlot.of(chart, 236, 132)).isNull();
    }
}
