package io.jenkins.plugins.gitops.engine.chart;

import java.util.Objects;

/**
 * A chart that was found, checked and extracted.
 *
 * @param reference what was asked for
 * @param version the version the request resolved to, as the repository writes it
 * @param digest the archive's digest, {@code sha256:<hex>}: the same for the same archive in a repository and in
 *     an OCI registry (there, the chart layer's digest)
 * @param files the chart's files, its folder's content at the root ({@code Chart.yaml}, {@code templates/}, ...)
 * @param fromCache whether the archive came from the cache rather than over the network
 */
public record ResolvedChart(ChartReference reference, String version, String digest, ChartFiles files,
        boolean fromCache) {

    public ResolvedChart {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(files, "files");
    }

    /** The reference that renders this very chart again: its version and digest, pinned. */
    public ChartReference pin() {
        return reference.pinnedTo(version, digest);
    }

    /** {@code podinfo 6.5.4 (sha256:1234…) from https://charts.example.com}, for the console. */
    public String describe() {
        return reference.chartName() + " " + version + " (" + digest + ") from " + reference.redactedRepository();
    }
}
