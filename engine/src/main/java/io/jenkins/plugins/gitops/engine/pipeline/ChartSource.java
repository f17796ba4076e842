package io.jenkins.plugins.gitops.engine.pipeline;

import io.jenkins.plugins.gitops.engine.chart.ChartCredentials;
import io.jenkins.plugins.gitops.engine.chart.ChartException;
import io.jenkins.plugins.gitops.engine.chart.ChartFetcher;
import io.jenkins.plugins.gitops.engine.chart.ChartOverlayTree;
import io.jenkins.plugins.gitops.engine.chart.ChartReference;
import io.jenkins.plugins.gitops.engine.chart.ResolvedChart;
import io.jenkins.plugins.gitops.engine.report.ReportSummary;
import io.jenkins.plugins.gitops.engine.source.SourceException;
import io.jenkins.plugins.gitops.engine.sync.SyncListener;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The files of an environment whose chart comes from a Helm repository or OCI registry (Argo CD's multi-source
 * application, Flux's HelmRelease): the environment's own files (for values files) with the chart laid over them
 * ({@link ChartOverlayTree}), and the chart's folder as the path to render. Fetching the chart is part of the
 * source step: when it fails, the run stops before rendering, and nothing is applied or pruned.
 */
public final class ChartSource implements SourceStep {

    private final SourceStep files;
    private final ChartFetcher fetcher;
    private final ChartReference reference;
    private final ChartCredentials credentials;
    private final Path workFolder;

    /**
     * @param files where the environment's own files come from (Git, or a folder)
     * @param workFolder where the files and the chart are written for Helm (the chart cache's folder suits)
     */
    public ChartSource(SourceStep files, ChartFetcher fetcher, ChartReference reference, ChartCredentials credentials,
            Path workFolder) {
        this.files = Objects.requireNonNull(files, "files");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.reference = Objects.requireNonNull(reference, "reference");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.workFolder = Objects.requireNonNull(workFolder, "workFolder");
    }

    @Override
    public LoadedFiles load(SyncListener listener) throws SourceException {
        LoadedFiles loaded = files.load(listener);
        listener.event("Fetching " + reference);
        ResolvedChart chart;
        try {
            chart = fetcher.fetch(reference, credentials);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChartException(SourceException.Reason.IO, reference, "interrupted while fetching; the sync was"
                    + " probably cancelled");
        }
        listener.event("Chart " + chart.describe() + (chart.fromCache() ? ", from the cache" : ""));
        ChartOverlayTree tree = new ChartOverlayTree(loaded.tree(), chart, workFolder);
        return new LoadedFiles(tree, tree.chartPath(), loaded.location(), loaded.revision(), loaded.commit(), chart);
    }

    /** What a report records of {@code chart}; {@code null} for none. */
    static ReportSummary.Chart reportOf(ResolvedChart chart) {
        if (chart == null) {
            return null;
        }
        ChartReference reference = chart.reference();
        return new ReportSummary.Chart(reference.redactedRepository(), reference.chartName(), reference.version(),
                chart.version(), chart.digest());
    }
}
