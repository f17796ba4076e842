package io.jenkins.plugins.gitops.engine.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link TrendChart} laid out as an SVG line chart: the coordinates of both lines, the value ticks, a few time
 * labels and a mark per sync. A page draws it with plain SVG elements, no script: the coordinates are numbers
 * and the labels are escaped text, so nothing in it can run, and the colours come from the page's theme by class.
 *
 * @param width the drawing's width in SVG units
 * @param height the drawing's height in SVG units
 * @param left where the plot area begins (room for the value labels)
 * @param right where it ends
 * @param top its top
 * @param bottom its bottom (the zero line)
 * @param outOfSyncPoints the out-of-sync line, as an SVG {@code points} list ({@code "40.0,20.0 80.0,60.0"})
 * @param unhealthyPoints the unhealthy line, likewise
 * @param valueTicks the horizontal grid lines with their values, 0 included
 * @param timeLabels the time of the first, middle and last samples
 * @param syncMarks one mark per sample that was a sync, on the out-of-sync line
 */
public record TrendPlot(int width, int height, double left, double right, double top, double bottom,
        String outOfSyncPoints, String unhealthyPoints, List<ValueTick> valueTicks, List<TimeLabel> timeLabels,
        List<SyncMark> syncMarks) {

    private static final double LEFT_MARGIN = 36;
    private static final double RIGHT_MARGIN = 12;
    private static final double TOP_MARGIN = 10;
    private static final double BOTTOM_MARGIN = 22;

    public TrendPlot {
        valueTicks = List.copyOf(valueTicks);
        timeLabels = List.copyOf(timeLabels);
        syncMarks = List.copyOf(syncMarks);
    }

    /** A grid line at {@code y} for {@code value} objects. */
    public record ValueTick(int value, double y) {
    }

    /**
     * A time under the plot.
     *
     * @param text {@code 2025-06-01 10:15} (UTC)
     * @param x where the text is anchored
     * @param anchor the SVG {@code text-anchor}: {@code start}, {@code middle} or {@code end}
     */
    public record TimeLabel(String text, double x, String anchor) {
    }

    /** A sync at ({@code x}, {@code y}); {@code title} names its time and revision for the tooltip. */
    public record SyncMark(double x, double y, String title) {
    }

    /**
     * Lays {@code chart} out on a {@code width} by {@code height} drawing; {@code null} when it has fewer than
     * two samples (a line needs two).
     */
    public static TrendPlot of(TrendChart chart, int width, int height) {
        int samples = chart.size();
        if (samples < 2) {
            return null;
        }
        double left = LEFT_MARGIN;
        double right = width - RIGHT_MARGIN;
        double top = TOP_MARGIN;
        double bottom = height - BOTTOM_MARGIN;
        int max = roundUp(Math.max(maxOf(chart.outOfSync()), maxOf(chart.unhealthy())));
        double step = (right - left) / (samples - 1);

        List<SyncMark> marks = new ArrayList<>();
        StringBuilder outOfSync = new StringBuilder();
        StringBuilder unhealthy = new StringBuilder();
        for (int i = 0; i < samples; i++) {
            double x = left + i * step;
            double outOfSyncY = y(chart.outOfSync().get(i), max, top, bottom);
            append(outOfSync, x, outOfSyncY);
            append(unhealthy, x, y(chart.unhealthy().get(i), max, top, bottom));
            if (chart.syncs().get(i)) {
                String revision = chart.revisions().get(i);
                marks.add(new SyncMark(round(x), round(outOfSyncY),
                        "sync " + time(chart.labels().get(i)) + (revision.isEmpty() ? "" : " " + revision)));
            }
        }

        List<ValueTick> ticks = new ArrayList<>();
        for (int value : max <= 1 ? new int[] {0, 1} : new int[] {0, max / 2, max}) {
            ticks.add(new ValueTick(value, round(y(value, max, top, bottom))));
        }
        List<TimeLabel> labels = new ArrayList<>();
        labels.add(new TimeLabel(time(chart.labels().get(0)), left, "start"));
        if (samples > 2) {
            int middle = (samples - 1) / 2;
            labels.add(new TimeLabel(time(chart.labels().get(middle)), round(left + middle * step), "middle"));
        }
        labels.add(new TimeLabel(time(chart.labels().get(samples - 1)), right, "end"));
        return new TrendPlot(width, height, left, right, top, bottom, outOfSync.toString(), unhealthy.toString(),
                ticks, labels, marks);
    }

    /** The highest count, rounded up to an even number so that the middle tick is a whole number; at least 1. */
    private static int roundUp(int highest) {
        if (highest <= 1) {
            return 1;
        }
        return highest % 2 == 0 ? highest : highest + 1;
    }

    private static int maxOf(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private static double y(int value, int max, double top, double bottom) {
        return bottom - (bottom - top) * value / max;
    }

    private static void append(StringBuilder points, double x, double y) {
        if (points.length() > 0) {
            points.append(' ');
        }
        points.append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** {@code 2025-06-01T10:15:30Z} as {@code 2025-06-01 10:15}. */
    private static String time(String label) {
        return label.length() >= 16 ? label.substring(0, 10) + " " + label.substring(11, 16) : label;
    }
}
