package io.jenkins.plugins.gitops.engine.cli;

import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.diff.DiffOptions;
import io.jenkins.plugins.gitops.engine.diff.IgnoreRule;
import io.jenkins.plugins.gitops.engine.diff.DriftDetector;
import io.jenkins.plugins.gitops.engine.render.ManifestRenderer;
import io.jenkins.plugins.gitops.engine.render.RenderException;
import io.jenkins.plugins.gitops.engine.render.RenderProblem;
import io.jenkins.plugins.gitops.engine.render.RenderResult;
import io.jenkins.plugins.gitops.engine.report.ReportContext;
import io.jenkins.plugins.gitops.engine.source.SourceException;
import io.jenkins.plugins.gitops.engine.sync.Reconciler;
import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.Target;
import java.time.Instant;
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
     * Reads, renders and reconciles. Rendering comes before the first request to the cluster, so a
     * broken manifest is reported even when the cluster cannot be reached.
     *
     * @throws CommandException when the source, the render or the connection fails
     */
    ReconcileRun reconcile(Mode mode, SyncPolicy policy) throws SourceException {
        Instant start = Instant.now();
        // Mistakes in the options are reported before anything is fetched.
        List<IgnoreRule> ignoreRules = environmentOptions.ignoreRules();
        String environmentId = environmentOptions.environmentId(manifests.source.defaultEnvironmentId(manifests.directory));
        try (ProgressIndicator progress = progress();
                LoadedSource files = manifests.source.open(manifests.directory, manifests.credentials, environment(), progress::event)) {
            try (ClusterConnection connection = cluster.connect(environment())) {
                String namespace = cluster.namespace(connection);
                progress.event("Rendering " + files.location() + (files.path().isEmpty() ? "" : " " + files.path()));
                RenderResult rendered = render(files, namespace, progress);
                progress.event("Comparing with " + connection.serverUrl() + ", namespace " + namespace);
                DriftDetector detector = new DriftDetector(DiffOptions.defaults()
                        .withIgnoreRules(ignoreRules)
                        .withOwnFieldManager(policy.fieldManager()));
                SyncResult result = new Reconciler(connection, detector).reconcile(rendered.objects(),
                        new Target(environmentId, namespace), policy, mode, progress);
                return new ReconcileRun(result, new ReportContext(environmentId, connection.serverUrl(), namespace,
                        files.location(), files.path(), files.revision(), files.commit(), policy, start, Instant.now()));
            }
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

    private RenderResult render(LoadedSource files, String namespace, ProgressIndicator progress) {
        try {
            RenderResult rendered = ManifestRenderer.withDefaults().render(files.tree(), files.path(),
                    manifests.rendering.toRenderOptions(namespace));
            for (RenderProblem warning : rendered.warnings()) {
                progress.print(terminal().yellow("warning: ") + files.filePrefix() + warning);
            }
            return rendered;
        } catch (RenderException e) {
            throw new CommandException(renderFailure(e, files.filePrefix()), e);
        }
    }
}
