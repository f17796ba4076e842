package io.jenkins.plugins.gitops.engine.chart;

/**
 * A chart version found in a repository or registry, not downloaded yet.
 *
 * @param version the version as the repository writes it
 * @param expectedDigest the archive's digest as the repository states it ({@code sha256:<hex>}), or {@code null}
 *     when it states none (an index.yaml without {@code digest})
 * @param download fetches the archive
 */
record LocatedChart(String version, String expectedDigest, Download download) {

    @FunctionalInterface
    interface Download {
        byte[] archive() throws ChartException, InterruptedException;
    }
}
