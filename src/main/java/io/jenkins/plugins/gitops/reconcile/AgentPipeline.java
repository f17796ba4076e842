package io.jenkins.plugins.gitops.reconcile;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.gitops.Messages;
import io.jenkins.plugins.gitops.engine.chart.ChartCredentials;
import io.jenkins.plugins.gitops.engine.chart.ChartReference;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.diff.IgnoreRule;
import io.jenkins.plugins.gitops.engine.pipeline.ChartSource;
import io.jenkins.plugins.gitops.engine.pipeline.ClusterStep;
import io.jenkins.plugins.gitops.engine.pipeline.EnvironmentPipeline;
import io.jenkins.plugins.gitops.engine.pipeline.LoadedFiles;
import io.jenkins.plugins.gitops.engine.pipeline.PipelineRequest;
import io.jenkins.plugins.gitops.engine.pipeline.PipelineRun;
import io.jenkins.plugins.gitops.engine.pipeline.PipelineRunJson;
import io.jenkins.plugins.gitops.engine.pipeline.SourceStep;
import io.jenkins.plugins.gitops.engine.pipeline.StepException;
import io.jenkins.plugins.gitops.engine.render.HelmChildClassPath;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.source.GitCredentials;
import io.jenkins.plugins.gitops.engine.source.GitSource;
import io.jenkins.plugins.gitops.engine.source.SourceRequest;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import io.jenkins.plugins.gitops.engine.sync.DeploymentPolicy;
import io.jenkins.plugins.gitops.engine.sync.SyncListener;
import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import jenkins.security.MasterToSlaveCallable;

/**
 * One run of an environment on an agent: the engine's {@link EnvironmentPipeline} fetches, renders, compares (and,
 * for a sync, applies and prunes) there, with what the controller resolved in the environment's context
 * ({@link Request}), and the run comes back as JSON ({@link PipelineRunJson}) for the controller to record. The
 * engine's progress lines go back as they happen, through listeners the controller exported on the channel.
 *
 * <p>Controller to agent only: an agent cannot send this callable to the controller. The agent's answer is data
 * that the controller parses with a size limit; nothing in it is run.
 */
final class AgentPipeline extends MasterToSlaveCallable<String, RuntimeException> {

    private static final long serialVersionUID = 1L;

    private final Request request;
    @SuppressFBWarnings(value = "SE_BAD_FIELD", justification = "a proxy VirtualChannel.export made: serializable")
    private final SyncListener events;
    @SuppressFBWarnings(value = "SE_BAD_FIELD", justification = "a proxy VirtualChannel.export made: serializable")
    private final SyncListener warnings;

    /**
     * @param events the engine's progress lines, exported by the controller on the agent's channel
     * @param warnings render warnings, exported likewise (the controller words them)
     */
    AgentPipeline(Request request, SyncListener events, SyncListener warnings) {
        this.request = request;
        this.events = events;
        this.warnings = warnings;
    }

    /**
     * What a run on an agent needs, resolved by the controller: the secret material of the environment's Git,
     * chart and cluster credentials travels here, over the agent's channel, and is never logged ({@code toString()}
     * of the credential types hides it). A step the controller could not resolve carries its failure instead, so
     * that the run stops at that step with the controller's message, as a run on the controller would.
     *
     * @param workDirectory the agent's folder for GitOps Sync's caches ({@code <agent root>/gitops-sync})
     * @param fetching the console line that says what is fetched
     * @param sourceFailure why the files cannot be fetched (a refused local repository, unknown credentials), or
     *     {@code null}
     * @param chart the chart to lay over the files, or {@code null} when the files are rendered alone
     * @param renderOptionsFailure why the render options could not be made (Helm values that are not YAML), or
     *     {@code null}
     * @param clusterFailure why the cluster cannot be reached (a deployment policy refused it, unknown credentials),
     *     or {@code null}
     * @param helmChildClassPath the agent's copies of the Helm child's jars ({@link HelmJarsOnAgent}); empty when
     *     they could not be copied (a Helm render then fails saying so)
     */
    record Request(String workDirectory, String environmentId, SyncPolicy policy, Mode mode,
            @CheckForNull RenderOptions renderOptions, @CheckForNull String renderOptionsFailure,
            List<IgnoreRule> ignoreRules, List<DeploymentPolicy> deploymentPolicies, List<String> formerEnvironmentIds,
            String repositoryUrl, String redactedRepositoryUrl, String revision, String folder, String fetching,
            @CheckForNull GitCredentials gitCredentials, @CheckForNull String sourceFailure,
            @CheckForNull ChartReference chart, @CheckForNull ChartCredentials chartCredentials,
            String namespace, @CheckForNull ClusterMaterial cluster, @CheckForNull String clusterFailure,
            List<String> helmChildClassPath) implements Serializable {

        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            return "AgentPipeline.Request[" + environmentId + ", " + mode + "]"; // the record's would show secrets
        }
    }

    @Override
    public String call() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // the channel's class loader: fabric8 and helm-java look up their services and native library through it
        thread.setContextClassLoader(AgentPipeline.class.getClassLoader());
        if (!request.helmChildClassPath().isEmpty()) {
            HelmChildClassPath.use(request.helmChildClassPath().stream().map(Path::of).toList());
        }
        try {
            PipelineRequest pipelineRequest = new PipelineRequest(request.environmentId(), request.policy(),
                    request.mode(), this::renderOptions, request.ignoreRules(), request.deploymentPolicies(),
                    request.formerEnvironmentIds());
            PipelineRun run = EnvironmentPipeline.withDefaults().run(pipelineRequest, withChart(source()), this::connect,
                    events, warning -> warnings.event(warning.toString()));
            return PipelineRunJson.write(run);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private Path workDirectory() {
        return Path.of(request.workDirectory());
    }

    private SourceStep source() {
        return listener -> {
            if (request.sourceFailure() != null) {
                throw new StepException(request.sourceFailure());
            }
            listener.event(request.fetching());
            SourceSnapshot snapshot = new GitSource(AgentCaches.repositories(workDirectory())).fetch(
                    new SourceRequest(request.repositoryUrl(), request.gitCredentials(), request.revision(),
                            request.folder()));
            return new LoadedFiles(snapshot, snapshot.path(), request.redactedRepositoryUrl(), request.revision(),
                    snapshot.commit());
        };
    }

    private SourceStep withChart(SourceStep files) {
        ChartReference chart = request.chart();
        if (chart == null) {
            return files;
        }
        return listener -> new ChartSource(files, AgentCaches.charts(workDirectory()), chart, request.chartCredentials(),
                AgentCaches.chartDirectory(workDirectory())).load(listener);
    }

    private RenderOptions renderOptions(String namespace) {
        if (request.renderOptionsFailure() != null) {
            throw new IllegalArgumentException(request.renderOptionsFailure());
        }
        return request.renderOptions();
    }

    /** A connection of its own for this run: an agent keeps no pool, the run closes it. */
    private ClusterStep.Session connect() {
        ClusterMaterial material = request.cluster();
        if (request.clusterFailure() != null) {
            throw new StepException(request.clusterFailure());
        }
        if (material == null) {
            throw new IllegalStateException("A run on an agent came without its cluster or a failure to report");
        }
        Config config = material.toConfig(); // the controller made the same configuration from it
        ClusterConnection connection;
        try {
            connection = ClusterConnection.connect(config);
        } catch (KubernetesClientException e) {
            // name the server the credentials chose (a kubeconfig names its own), never "null"
            throw new StepException(Messages.EnvironmentReconcile_clusterFailed(config.getMasterUrl(), e.getMessage()), e);
        }
        return new ClusterStep.Session() {
            @Override
            public ClusterConnection connection() {
                return connection;
            }

            @Override
            public String namespace() {
                return request.namespace();
            }

            @Override
            public void close() {
                connection.close();
            }
        };
    }
}
