package io.jenkins.plugins.gitops.engine.cli;

import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.diff.IgnoreRule;
import io.jenkins.plugins.gitops.engine.pipeline.ClusterStep;
import io.jenkins.plugins.gitops.engine.pipeline.EnvironmentPipeline;
import io.jenkins.plugins.gitops.engine.pipeline.PipelineRequest;
import io.jenkins.plugins.gitops.engine.pipeline.PipelineRun;
import io.jenkins.plugins.gitops.engine.pipeline.SourceStep;
import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The commands that compare Git with a cluster ({@code diff}, {@code status}, {@code sync}): their shared
 * options, and the one way they run: read the source, render it, connect, reconcile.
 */
abstract class ReconcileCommand extends Subcommand {

    @Mixin
    ManifestSourceOptions manifests = new ManifestSourceOptions();

    @ArgGroup(validate = false, heading = "%nCluster:%n")
    ClusterOptions cluster = new ClusterOptions();

    @ArgGroup(validate = false, heading = "%nEnvironment:%n")
    EnvironmentOptions environmentOptions = new EnvironmentOptions();

    @Option(names = {"-o", "--output"}, paramLabel = "<format>", defaultValue = "text",
            description = "text (default) or json (the sync report, for programs).")
    ReportFormat output = ReportFormat.TEXT;

    /** The policy from the options; {@code sync} adds its own (force, wait, timeout). */
    SyncPolicy policy() {
        return SyncPolicy.defaults()
                .withPrune(environmentOptions.prune)
                .withAllowEmpty(environmentOptions.allowEmpty)
                .withWaitForHealth(false, SyncPolicy.defaults().healthTimeout());
    }

    /**
     * Reads, renders and reconciles, through the engine's one {@link EnvironmentPipeline}, which also decides the
     * verdict. A broken manifest is reported before the first request to the cluster.
     *
     * @throws CommandException when the source, the connection or the render fails
     */
    ReconcileRun reconcile(Mode mode, SyncPolicy policy) {
        // Mistakes in the options are reported before anything is fetched.
        List<IgnoreRule> ignoreRules = environmentOptions.ignoreRules();
        String environmentId = environmentOptions.environmentId(manifests.defaultEnvironmentId());
        PipelineRequest request = new PipelineRequest(environmentId, policy, mode, manifests::renderOptions,
                ignoreRules);
        LoadedSource[] opened = new LoadedSource[1];
        try (ProgressIndicator progress = progress()) {
            SourceStep source = manifests.sourceStep(environment(), files -> opened[0] = files);
            ClusterStep clusterStep = () -> {
                ClusterConnection connection = cluster.connect(environment());
                return new CommandLineSession(connection, cluster.namespace(connection));
            };
            PipelineRun run = EnvironmentPipeline.withDefaults().run(request, source, clusterStep, progress,
                    warning -> progress.print(terminal().yellow("warning: ") + prefix(opened[0]) + warning));
            if (run.renderFailure() != null) {
                throw new CommandException(renderFailure(run.renderFailure(), prefix(opened[0])), run.renderFailure());
            }
            if (!run.reachedCluster()) {
                throw new CommandException(run.failure());
            }
            return new ReconcileRun(run.result(), run.context(), run.report(), run.verdict());
        } finally {
            if (opened[0] != null) {
                opened[0].close();
            }
        }
    }

    /** What makes a render origin a path the user can open; none for a chart's files, which are not on disk. */
    private String prefix(LoadedSource files) {
        return files == null || manifests.chart.isGiven() ? "" : files.filePrefix();
    }

    /** A connection the command opened for one run, closed after it. */
    private record CommandLineSession(ClusterConnection connection, String namespace) implements ClusterStep.Session {

        @Override
        public void close() {
            connection.close();
        }
    }

    /** Prints the run as the user asked (text or JSON) and returns its exit code. */
    ExitCodes print(ReconcileRun run, TextReport.Layout layout) {
        if (output == ReportFormat.JSON) {
            JsonReport.print(run, out());
        } else {
            new TextReport(out(), terminal()).print(run, layout);
        }
        return run.exitCode();
    }

}
