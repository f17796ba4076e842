package io.jenkins.plugins.gitops.engine.pipeline;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.ClusterException;
import io.jenkins.plugins.gitops.engine.diff.DiffOptions;
import io.jenkins.plugins.gitops.engine.diff.DriftDetector;
import io.jenkins.plugins.gitops.engine.render.HelmOptions;
import io.jenkins.plugins.gitops.engine.render.ManifestRenderer;
import io.jenkins.plugins.gitops.engine.render.RenderException;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.render.RenderProblem;
import io.jenkins.plugins.gitops.engine.render.RenderResult;
import io.jenkins.plugins.gitops.engine.render.RendererKind;
import io.jenkins.plugins.gitops.engine.report.ReportContext;
import io.jenkins.plugins.gitops.engine.report.SyncReport;
import io.jenkins.plugins.gitops.engine.source.CommitInfo;
import io.jenkins.plugins.gitops.engine.source.SourceException;
import io.jenkins.plugins.gitops.engine.sync.Reconciler;
import io.jenkins.plugins.gitops.engine.sync.SyncListener;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Phase;
import io.jenkins.plugins.gitops.engine.sync.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One run of one environment, from Git to verdict: read the source, connect, render, reconcile, report. The
 * command line ({@code diff}, {@code status}, {@code sync}) and the Jenkins plugin (syncs, periodic checks,
 * previews, Pipeline steps) all run environments through this class and nothing else, so that they fetch,
 * render, compare and judge alike; they differ only in where the files and the connection come from
 * ({@link SourceStep}, {@link ClusterStep}) and in how they show the result.
 *
 * <p>A failure before the cluster was compared (Git, the connection, rendering) ends the run with no object
 * set: nothing is applied or pruned, and the run says which step failed. The report's phase timings cover the
 * whole run, fetch and render included, and add up to its duration.
 */
public final class EnvironmentPipeline {

    private static final Logger LOGGER = Logger.getLogger(EnvironmentPipeline.class.getName());

    /** At most this many render problems are listed; the rest are counted. */
    private static final int MAX_PROBLEMS_LISTED = 50;

    private final ManifestRenderer renderer;

    public EnvironmentPipeline(ManifestRenderer renderer) {
        this.renderer = renderer;
    }

    public static EnvironmentPipeline withDefaults() {
        return new EnvironmentPipeline(ManifestRenderer.withDefaults());
    }

    /**
     * Runs {@code request}.
     *
     * @param listener every step as it happens; secret values of the desired objects never reach it
     * @param warnings render warnings (a file the renderer skipped), each naming its file
     */
    public PipelineRun run(PipelineRequest request, SourceStep source, ClusterStep cluster, SyncListener listener,
            Consumer<RenderProblem> warnings) {
        Instant start = Instant.now();
        Laps laps = new Laps();
        LoadedFiles files;
        try {
            files = source.load(listener);
        } catch (SourceException | StepException e) {
            return stopped(PipelineRun.Step.SOURCE, null, null, null, e.getMessage(), List.of(), null);
        }
        laps.end(Phase.SOURCE);
        CommitInfo commit = files.commit();
        if (commit != null) {
            listener.event("Revision " + files.revision() + " is " + commit.abbreviatedSha() + " \"" + commit.subject()
                    + "\" by " + commit.authorName());
        }
        if (Thread.currentThread().isInterrupted()) {
            return aborted(files, "aborted after fetching, before anything was rendered");
        }

        ClusterStep.Session session;
        try {
            session = cluster.open();
        } catch (StepException | ClusterException | KubernetesClientException e) {
            return stopped(PipelineRun.Step.CONNECT, files, null, null, e.getMessage(), List.of(), null);
        }
        try (session) {
            ClusterConnection connection = session.connection();
            String namespace = session.namespace();
            // The core kinds (the inventory is a ConfigMap): their request opens the connection while this thread renders
            connection.discovery().discoverInBackground("v1");
            laps.end(Phase.RESOLVE);

            listener.event("Rendering " + files.location() + (files.path().isEmpty() ? "" : " " + files.path()));
            RenderOptions options;
            try {
                options = request.renderOptions().apply(namespace);
            } catch (IllegalArgumentException e) {
                // render options the caller could not make (Helm values that are not YAML): nothing rendered
                return stopped(PipelineRun.Step.RENDER, files, connection.serverUrl(), namespace, e.getMessage(),
                        List.of(), null);
            }
            // A chart from a repository is a chart, whatever else its folder holds (a stray kustomization.yaml)
            options = files.chart() == null ? options : options.withKind(RendererKind.HELM);
            RenderResult rendered;
            try {
                rendered = renderer.render(files.tree(), files.path(), asTheCluster(options, files, connection));
            } catch (RenderException e) {
                return renderFailed(files, connection.serverUrl(), namespace, e);
            }
            rendered.warnings().forEach(warnings);
            listener.event("Rendered " + count(rendered.objects().size(), "object") + " ("
                    + rendered.renderer().name().toLowerCase(java.util.Locale.ROOT) + ")");
            laps.end(Phase.RENDER);
            if (Thread.currentThread().isInterrupted()) {
                return aborted(files, "aborted after rendering, before the cluster was compared");
            }

            listener.event("Comparing with " + connection.serverUrl() + ", namespace " + namespace + " ("
                    + describe(request) + ")");
            DriftDetector detector = new DriftDetector(DiffOptions.defaults()
                    .withIgnoreRules(request.ignoreRules())
                    .withOwnFieldManager(request.policy().fieldManager()));
            SyncResult result;
            try {
                result = new Reconciler(connection, detector).reconcile(rendered.objects(),
                        new Target(request.environmentId(), namespace, request.deploymentPolicies(),
                                request.formerEnvironmentIds(), commit == null ? "" : commit.sha()),
                        request.policy(), request.mode(), listener);
            } catch (ClusterException | KubernetesClientException e) {
                String reason = e instanceof KubernetesClientException failed ? connection.describe(failed) : e.getMessage();
                return stopped(PipelineRun.Step.CLUSTER, files, connection.serverUrl(), namespace,
                        connection.serverUrl() + ": the Kubernetes API failed: " + reason
                                + "; check that the cluster is reachable and the credentials are valid", List.of(), null);
            }
            laps.resetAfter(result.timings());

            SyncReport draft = SyncReport.of(result, context(request, files, connection.serverUrl(), namespace, start, start));
            laps.end(Phase.REPORT);
            SyncResult timed = result.withTimings(laps.outside());
            Instant end = start.plus(timed.totalTime());
            ReportContext context = context(request, files, connection.serverUrl(), namespace, start, end);
            return new PipelineRun(null, files, connection.serverUrl(), namespace, timed, draft.withTimingsOf(timed, context),
                    context, "", List.of(), null, Verdict.of(timed));
        }
    }

    /**
     * Render options with what the target cluster tells a Helm chart, as Argo CD passes the destination's: its
     * Kubernetes version ({@code .Capabilities.KubeVersion}, a chart's {@code kubeVersion} constraint) and the API
     * versions it serves ({@code .Capabilities.APIVersions}), each unless the caller set it. Only a Helm render asks
     * for them; discovery is cached with the connection.
     */
    private RenderOptions asTheCluster(RenderOptions options, LoadedFiles files, ClusterConnection connection)
            throws RenderException {
        RendererKind kind = options.kind() == RendererKind.AUTO ? renderer.detect(files.tree(), files.path())
                : options.kind();
        if (kind != RendererKind.HELM) {
            return options;
        }
        HelmOptions helm = options.helm();
        if (helm.kubeVersion() == null) {
            helm = connection.serverVersion().map(helm::withKubeVersion).orElse(helm);
        }
        if (helm.apiVersions().isEmpty()) {
            try {
                helm = helm.withApiVersions(connection.discovery().servedApiVersions());
            } catch (ClusterException | KubernetesClientException e) {
                // The chart then sees Helm's default API versions; the steps after this one report the cluster.
                LOGGER.log(Level.FINE, "No API versions for Helm from " + connection.serverUrl(), e);
            }
        }
        return options.withHelm(helm);
    }

    private static ReportContext context(PipelineRequest request, LoadedFiles files, String serverUrl, String namespace,
            Instant start, Instant end) {
        return new ReportContext(request.environmentId(), serverUrl, namespace, files.location(), files.path(),
                files.revision(), files.commit(), request.policy(), start, end, ChartSource.reportOf(files.chart()));
    }

    private static String describe(PipelineRequest request) {
        return switch (request.mode()) {
            case SYNC -> "sync";
            case DRY_RUN -> "dry run: the API server checks every change, nothing is written";
            case PREVIEW -> "preview: nothing is written";
        };
    }

    private static PipelineRun renderFailed(LoadedFiles files, String serverUrl, String namespace, RenderException e) {
        List<String> details = new ArrayList<>();
        int listed = 0;
        for (RenderProblem problem : e.problems()) {
            if (listed++ < MAX_PROBLEMS_LISTED) {
                details.add(problem.toString());
            }
        }
        int more = e.problems().size() + e.omitted() - Math.min(e.problems().size(), MAX_PROBLEMS_LISTED);
        if (more > 0) {
            details.add("... and " + count(more, "more problem"));
        }
        int total = e.problems().size() + e.omitted();
        return stopped(PipelineRun.Step.RENDER, files, serverUrl, namespace, "rendering failed with "
                + count(total, "problem") + "; nothing was applied or pruned: fix the manifests in Git", details, e);
    }

    private static PipelineRun stopped(PipelineRun.Step step, LoadedFiles files, String serverUrl, String namespace,
            String failure, List<String> details, RenderException renderFailure) {
        return new PipelineRun(step, files, serverUrl, namespace, null, null, null, failure, details, renderFailure,
                Verdict.stopped());
    }

    private static PipelineRun aborted(LoadedFiles files, String message) {
        return new PipelineRun(null, files, null, null, null, null, null, message, List.of(), null, Verdict.aborted());
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * The time of the steps around the reconcile, measured back to back from the run's start so that, with the
     * reconcile's own phases, they cover the whole run.
     */
    private static final class Laps {

        private final Map<Phase, Duration> outside = new EnumMap<>(Phase.class);
        private long lapStart = System.nanoTime();

        void end(Phase phase) {
            long now = System.nanoTime();
            outside.merge(phase, Duration.ofNanos(now - lapStart), Duration::plus);
            lapStart = now;
        }

        /** The reconcile measured its own phases: the next lap starts after them. */
        void resetAfter(Map<Phase, Duration> reconcileTimings) {
            lapStart = System.nanoTime();
        }

        Map<Phase, Duration> outside() {
            return outside;
        }
    }
}
