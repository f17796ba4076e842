package io.jenkins.plugins.gitops.engine.view;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The data of a drift trend chart, as parallel arrays ready for an ECharts line chart: {@code labels} on the
 * category axis, one series each for {@code outOfSync} and {@code unhealthy}, and per sample the revision (for the
 * tooltip) and whether it was a sync (for a mark). Made by {@link DriftTrend#chart(int)}.
 *
 * @param labels the time of each sample, ISO-8601 in UTC to the second ({@code 2025-06-01T10:15:30Z})
 * @param outOfSync objects out of sync at each sample
 * @param unhealthy degraded or missing objects at each sample
 * @param revisions the abbreviated commit at each sample; empty when unknown
 * @param syncs whether each sample is a sync
 */
public record TrendChart(List<String> labels, List<Integer> outOfSync, List<Integer> unhealthy,
        List<String> revisions, List<Boolean> syncs) {

    public TrendChart {
        labels = List.copyOf(labels);
        outOfSync = List.copyOf(outOfSync);
        unhealthy = List.copyOf(unhealthy);
        revisions = List.copyOf(revisions);
        syncs = List.copyOf(syncs);
        int size = labels.size();
        if (outOfSync.size() != size || unhealthy.size() != size || revisions.size() != size || syncs.size() != size) {
            throw new IllegalArgumentException("trend chart: every series needs one value per label (" + size
                    + " labels)");
        }
    }

    /** How many samples the chart has. */
    public int size() {
        return labels.size();
    }

    /**
     * The chart as one JSON object with the fields {@code labels}, {@code outOfSync}, {@code unhealthy},
     * {@code revisions} and {@code syncs}. {@code <}, {@code >}, {@code &} and {@code '} are written as
     * {@code \}{@code u} escapes, so the text can go into an HTML attribute or a script element as it is.
     */
    public String toJson() {
        StringWriter json = new StringWriter();
        try {
            TrendJson.writeChart(this, json);
        } catch (IOException e) {
            throw new UncheckedIOException("trend chart: could not write JSON to memory", e); // a StringWriter never fails
        }
        return json.toString();
    }

    static TrendChart empty() {
        return new TrendChart(List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
