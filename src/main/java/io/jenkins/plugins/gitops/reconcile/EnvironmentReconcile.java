package io.jenkins.plugins.gitops.reconcile;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.queue.Tasks;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.gitops.Messages;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.engine.chart.ChartCredentials;
import io.jenkins.plugins.gitops.engine.chart.ChartReference;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.ClusterException;
import io.jenkins.plugins.gitops.engine.diff.DiffOptions;
import io.jenkins.plugins.gitops.engine.diff.DriftDetector;
import io.jenkins.plugins.gitops.engine.pipeline.ChartSource;
import io.jenkins.plugins.gitops.engine.pipeline.ClusterStep;
import io.jenkins.plugins.gitops.engine.pipeline.EnvironmentPipeline;
import io.jenkins.plugins.gitops.engine.pipeline.LoadedFiles;
import io.jenkins.plugins.gitops.engine.pipeline.PipelineRequest;
import io.jenkins.plugins.gitops.engine.pipeline.PipelineRun;
import io.jenkins.plugins.gitops.engine.pipeline.SourceStep;
import io.jenkins.plugins.gitops.engine.pipeline.StepException;
import io.jenkins.plugins.gitops.engine.pipeline.Verdict;
import io.jenkins.plugins.gitops.engine.render.HelmOptions;
import io.jenkins.plugins.gitops.engine.render.HelmTool;
import io.jenkins.plugins.gitops.engine.render.RenderException;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.report.SyncReport;
import io.jenkins.plugins.gitops.engine.source.CommitInfo;
import io.jenkins.plugins.gitops.engine.source.GitCredentials;
import io.jenkins.plugins.gitops.engine.source.GitSource;
import io.jenkins.plugins.gitops.engine.source.SourceRequest;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import io.jenkins.plugins.gitops.engine.source.UrlRedaction;
import io.jenkins.plugins.gitops.engine.sync.CheckDecision.Observation;
import io.jenkins.plugins.gitops.engine.sync.Reconciler;
import io.jenkins.plugins.gitops.engine.sync.SyncListener;
import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.Target;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.item.HelmSettings;
import io.jenkins.plugins.gitops.policy.DeploymentPolicies;
import io.jenkins.plugins.gitops.run.SyncOverrides;
import java.util.List;

/**
 * One run of one environment, as a sync build, a periodic check, a preview and the Pipeline steps all run it:
 * this class only hands Jenkins' values to the engine's {@link EnvironmentPipeline} (credentials resolved in the
 * environment's context, the Git cache, the connection pool), which fetches, renders, compares (and, for a
 * sync, applies and prunes), reports and decides the {@link Verdict}. The command line runs the same pipeline.
 *
 * <p>A failed fetch or render ends the run before the cluster is compared: there is no object set, so nothing
 * can be applied or pruned.
 *
 * <p>An environment with an agent label ({@link AgentLabels#effective}) runs the same pipeline on an agent of that
 * label ({@link AgentPipeline}): the credentials are still looked up here, in the environment's context, and the
 * deployment policies still checked here; the agent fetches, renders, compares and applies, and sends the run back.
 */
public final class EnvironmentReconcile {

    /**
     * What a run came to: the engine's {@link PipelineRun}, read the way the plugin's classes need it.
     *
     * @param run the engine's run
     */
    public record Outcome(PipelineRun run) {

        /** The commit the revision resolved to; {@code null} when fetching failed. */
        @CheckForNull
        public CommitInfo commit() {
            return run.commit();
        }

        /** The engine's result; {@code null} when the run stopped before the cluster. */
        @CheckForNull
        public SyncResult result() {
            return run.result();
        }

        /** The engine's report of this run, or {@code null} when it stopped before the cluster. */
        @CheckForNull
        public SyncReport report() {
            return run.report();
        }

        /** What stopped the run before the cluster (one line naming where and what to do); empty otherwise. */
        public String failure() {
            return run.failure();
        }

        /**
         * Whether the run stopped at a step before the cluster was compared (fetch, connect, render), so that nothing
         * was written; {@code false} when it reached the cluster, or when how far it got is unknown (an agent lost
         * during the run).
         */
        public boolean stoppedBeforeTheCluster() {
            return run.stoppedAt() != null;
        }

        /** The lines that explain the failure (every render problem with its file and line). */
        public List<String> details() {
            return run.details();
        }

        /** The one verdict of this run: the build's result, the badge, the counts. */
        public Verdict verdict() {
            return run.verdict();
        }

        /**
         * What this run saw, for the environment's status and the next check's {@code CheckDecision}: whether a
         * sync would write anything (after a sync: whether conflicts were left), and whether the cluster differs
         * from Git, both as the engine's verdict decided.
         */
        public Observation observation() {
            CommitInfo commit = run.commit();
            String sha = commit == null ? null : commit.sha();
            Verdict verdict = run.verdict();
            SyncResult result = run.result();
            if (result == null || verdict.failed() || verdict.health() == null) {
                return Observation.failed(sha, result == null ? run.failure() : result.failure());
            }
            if (sha == null) {
                // The plugin only runs Git sources: a result without a commit is a bug in the source step.
                throw new IllegalStateException("A reconcile reached the cluster without the commit it fetched");
            }
            return Observation.ok(sha, verdict.syncWouldWrite(), verdict.outOfSyncObjects() > 0, verdict.health());
        }
    }

    private final GitOpsEnvironment environment;
    private final GitOpsConfiguration configuration;
    private final SyncListener listener;
    private final Run<?, ?> run;

    /**
     * @param run the build this reconcile is part of (credentials are tracked against it), or {@code null} for
     *     a periodic check
     */
    public EnvironmentReconcile(GitOpsEnvironment environment, GitOpsConfiguration configuration, SyncListener listener,
            @CheckForNull Run<?, ?> run) {
        this.environment = environment;
        this.configuration = configuration;
        this.listener = listener;
        this.run = run;
    }

    /**
     * Reconciles the environment.
     *
     * @param revision the revision to use instead of the configured one (a rollback), or {@code null}
     * @throws InterruptedException when the build was aborted before the cluster was compared
     */
    public Outcome execute(Mode mode, @CheckForNull String revision) throws InterruptedException {
        return execute(mode, revision, null, null);
    }

    /**
     * Reconciles the environment with settings a Pipeline step gives instead of the configured ones.
     *
     * @param revision the revision to use instead of the configured one, or {@code null}
     * @param path the folder to render instead of the configured one ({@code gitopsDiff(path: …)}), or {@code null}
     * @param prune whether to prune instead of the configured setting, or {@code null}; the engine's
     *     {@link SyncPolicy} decides what it means
     * @throws InterruptedException when the build was aborted before the cluster was compared
     */
    public Outcome execute(Mode mode, @CheckForNull String revision, @CheckForNull String path, @CheckForNull Boolean prune)
            throws InterruptedException {
        return execute(mode, revision, path, prune, null);
    }

    /**
     * Reconciles the environment with settings a Pipeline step or a rollback gives instead of the configured ones.
     *
     * @param overrides the chart version and digest to render (a rollback of a chart from a chart repository), or
     *     {@code null}; its revision and prune are passed on their own
     * @throws InterruptedException when the build was aborted before the cluster was compared
     */
    public Outcome execute(Mode mode, @CheckForNull String revision, @CheckForNull String path, @CheckForNull Boolean prune,
            @CheckForNull SyncOverrides overrides) throws InterruptedException {
        String requested = revision != null ? revision : environment.getRevision();
        String folder = path != null ? path : environment.getPath();
        SyncPolicy configured = environment.toSyncPolicy(configuration.getFieldManager());
        SyncPolicy policy = prune == null ? configured : configured.withPrune(prune);
        DeploymentPolicies deploymentPolicies = DeploymentPolicies.of(environment, configuration);
        PipelineRequest request = new PipelineRequest(environment.getFullName(), policy, mode, this::renderOptions,
                environment.toIgnoreRules(), deploymentPolicies.toEngine(), environment.getFormerFullNames());

        String agentLabel = AgentLabels.effective(environment, configuration);
        PipelineRun result = agentLabel == null ? onController(request, requested, folder, overrides, deploymentPolicies)
                : onAgent(agentLabel, request, requested, folder, overrides, deploymentPolicies);
        if (result.verdict().outcome() == SyncResult.Outcome.ABORTED && result.result() == null) {
            throw new InterruptedException(result.failure());
        }
        return new Outcome(result);
    }

    /**
     * Deletes every object of the environment from its cluster, as a sync of an empty desired state with prune and
     * allow-empty would: the engine's prune guards still hold (an object marked {@code Prune=false}, {@code Delete=false}
     * or Helm's {@code resource-policy: keep} is left in place), and the deployment policies are checked before the
     * cluster is reached. Nothing is fetched or rendered. For an environment no longer declared whose folder deletes
     * it ({@code EnvironmentOrphanStrategy}); the caller must make sure no sync of it runs at the same time.
     *
     * @return the engine's result: every object pruned or skipped with its reason; {@link SyncResult.Outcome#FAILED}
     *     with the reason when the prune stopped
     * @throws StepException when the cluster cannot be reached (credentials, policy, connection), or when the
     *     environment runs on agents (the controller may not reach its cluster)
     */
    public SyncResult pruneAllObjects() {
        String agentLabel = AgentLabels.effective(environment, configuration);
        if (agentLabel != null) {
            throw new StepException(Messages.EnvironmentReconcile_pruneOnAgent(agentLabel));
        }
        SyncPolicy policy = environment.toSyncPolicy(configuration.getFieldManager()).withPrune(true)
                .withAllowEmpty(true);
        DeploymentPolicies deploymentPolicies = DeploymentPolicies.of(environment, configuration);
        Target target = new Target(environment.getFullName(), environment.getNamespace(), deploymentPolicies.toEngine(),
                environment.getFormerFullNames());
        DriftDetector detector = new DriftDetector(DiffOptions.defaults().withIgnoreRules(environment.toIgnoreRules())
                .withOwnFieldManager(policy.fieldManager()));
        try (ClusterStep.Session session = connect(deploymentPolicies)) {
            ClusterConnection connection = session.connection();
            try {
                return new Reconciler(connection, detector).reconcile(List.of(), target, policy, Mode.SYNC, listener);
            } catch (ClusterException | KubernetesClientException e) {
                String reason = e instanceof KubernetesClientException failed ? connection.describe(failed)
                        : e.getMessage();
                throw new StepException(Messages.EnvironmentReconcile_clusterFailed(connection.serverUrl(), reason), e);
            }
        }
    }

    private PipelineRun onController(PipelineRequest request, String revision, String folder,
            @CheckForNull SyncOverrides overrides, DeploymentPolicies deploymentPolicies) {
        SourceStep files = withChart(source(revision, folder), overrides);
        return withPluginClassLoader(() -> EnvironmentPipeline.withDefaults().run(request, files,
                () -> connect(deploymentPolicies), listener,
                warning -> listener.event(Messages.EnvironmentReconcile_warning(warning))));
    }

    /**
     * The same run on an agent of {@code label}: what needs Jenkins (credentials in the environment's context, the
     * deployment policies) is resolved here, then the agent fetches, renders, compares and applies. When no agent of
     * the label can take it, the run fails saying so: it never falls back to the controller.
     */
    private PipelineRun onAgent(String label, PipelineRequest request, String revision, String folder,
            @CheckForNull SyncOverrides overrides, DeploymentPolicies deploymentPolicies) throws InterruptedException {
        AgentSelection.Agent agent;
        try {
            agent = AgentSelection.choose(label, Tasks.getAuthenticationOf2(environment));
        } catch (StepException e) {
            return AgentSelection.notRun(e.getMessage());
        }
        listener.event(Messages.EnvironmentReconcile_onAgent(agent.name(), label));
        AgentPipeline.Request work = agentRequest(agent.workDirectory(), request, revision, folder, overrides,
                deploymentPolicies, agent.helmChildClassPath());
        return agent.run(work, listener, warning -> listener.event(Messages.EnvironmentReconcile_warning(warning)));
    }

    /**
     * Everything the agent needs, resolved as a run on the controller resolves it; a step that cannot be resolved
     * carries its failure, and the secrets of the steps after it are not looked up.
     */
    private AgentPipeline.Request agentRequest(String workDirectory, PipelineRequest request, String revision,
            String folder, @CheckForNull SyncOverrides overrides, DeploymentPolicies deploymentPolicies,
            List<String> helmChildClassPath) {
        String sourceFailure = null;
        GitCredentials gitCredentials = null;
        ChartReference chart = null;
        ChartCredentials chartCredentials = null;
        try {
            gitCredentials = gitCredentials();
            HelmSettings helm = environment.getHelm();
            if (helm != null && helm.isRemoteChart()) {
                chart = chartReference(helm, overrides);
                chartCredentials = chartCredentials(helm);
            }
        } catch (StepException e) {
            sourceFailure = e.getMessage();
        }
        ClusterMaterial cluster = null;
        String clusterFailure = sourceFailure;
        if (sourceFailure == null) {
            try {
                cluster = clusterAccess(deploymentPolicies).material();
            } catch (StepException e) {
                clusterFailure = e.getMessage();
            }
        }
        RenderOptions renderOptions = null;
        String renderOptionsFailure = null;
        try {
            renderOptions = request.renderOptions().apply(environment.getNamespace());
        } catch (IllegalArgumentException e) {
            renderOptionsFailure = e.getMessage();
        }
        return new AgentPipeline.Request(workDirectory, request.environmentId(), request.policy(), request.mode(),
                renderOptions, renderOptionsFailure, request.ignoreRules(), request.deploymentPolicies(),
                request.formerEnvironmentIds(), environment.getRepositoryUrl(),
                UrlRedaction.redact(environment.getRepositoryUrl()), revision, folder, fetching(revision, folder),
                gitCredentials, sourceFailure, chart, chartCredentials, environment.getNamespace(), cluster,
                clusterFailure, helmChildClassPath);
    }

    private String fetching(String revision, String folder) {
        return Messages.EnvironmentReconcile_fetching(UrlRedaction.redact(environment.getRepositoryUrl()), revision,
                folder.isEmpty() ? "/" : folder);
    }

    /** The environment's Git credentials, once the repository is known to be one the plugin may read. */
    private GitCredentials gitCredentials() {
        if (LocalRepositories.isRefused(environment.getRepositoryUrl())) {
            throw new StepException(LocalRepositories.refusal(environment.getRepositoryUrl()));
        }
        try {
            return GitCredentialsLookup.resolve(environment, environment.getRepositoryUrl(),
                    environment.getCredentialsId(), environment.getKnownHosts(), run);
        } catch (AbortException e) {
            throw new StepException(e.getMessage(), e);
        }
    }

    private SourceStep source(String revision, String folder) {
        return events -> {
            GitCredentials credentials = gitCredentials();
            events.event(fetching(revision, folder));
            SourceSnapshot snapshot = new GitSource(configuration.getRepositoryCache()).fetch(
                    new SourceRequest(environment.getRepositoryUrl(), credentials, revision, folder));
            return new LoadedFiles(snapshot, snapshot.path(), UrlRedaction.redact(environment.getRepositoryUrl()), revision,
                    snapshot.commit());
        };
    }

    /**
     * The environment's files with its chart laid over them when the chart comes from a chart repository (the engine's
     * {@link ChartSource} fetches, verifies and caches it); otherwise the files alone.
     */
    private SourceStep withChart(SourceStep files, @CheckForNull SyncOverrides overrides) {
        HelmSettings helm = environment.getHelm();
        if (helm == null || !helm.isRemoteChart()) {
            return files;
        }
        return events -> {
            ChartReference reference = chartReference(helm, overrides);
            ChartCredentials credentials = chartCredentials(helm);
            return new ChartSource(files, configuration.getChartFetcher(), reference, credentials,
                    GitOpsConfiguration.chartDirectory()).load(events);
        };
    }

    private static ChartReference chartReference(HelmSettings helm, @CheckForNull SyncOverrides overrides) {
        try {
            return helm.chartReference(overrides == null ? null : overrides.getChartVersion(),
                    overrides == null ? null : overrides.getChartDigest());
        } catch (IllegalArgumentException e) {
            throw new StepException(Messages.HelmSettings_badChart(e.getMessage()), e);
        }
    }

    private ChartCredentials chartCredentials(HelmSettings helm) {
        try {
            return ChartCredentialsLookup.resolve(environment, helm, run);
        } catch (AbortException e) {
            throw new StepException(e.getMessage(), e);
        }
    }

    /** A connection leased from the plugin's pool, with the cluster credentials resolved in the environment's context. */
    private ClusterStep.Session connect(DeploymentPolicies deploymentPolicies) {
        ClusterCredentialsLookup.Access access = clusterAccess(deploymentPolicies);
        try {
            ClusterConnectionPool.Lease lease = configuration.getConnections()
                    .lease(access.poolKey(), () -> ClusterConnection.connect(access.config()));
            // Pooled connections share one live state cache per cluster and credentials: checks read from it.
            ClusterConnectionListener.fireOnConnection(lease.connection(), configuration);
            return new PooledSession(lease, environment.getNamespace());
        } catch (KubernetesClientException e) {
            // Name the server the credentials chose (a kubeconfig names its own), never "null".
            throw new StepException(Messages.EnvironmentReconcile_clusterFailed(access.config().getMasterUrl(),
                    e.getMessage()), e);
        }
    }

    /**
     * The cluster credentials resolved in the environment's context. The deployment policies are checked first:
     * credentials they refuse are not even looked up, and a namespace or server they refuse is never connected to.
     */
    private ClusterCredentialsLookup.Access clusterAccess(DeploymentPolicies deploymentPolicies) {
        deploymentPolicies.checkCredentials(environment.getClusterCredentialsId());
        deploymentPolicies.checkNamespace(environment.getNamespace());
        ClusterCredentialsLookup.Access access;
        try {
            access = ClusterCredentialsLookup.resolve(environment, environment.getServerUrl(),
                    environment.getClusterCredentialsId(), environment.getCaCertificate(), run);
        } catch (AbortException e) {
            throw new StepException(e.getMessage(), e);
        }
        deploymentPolicies.checkServer(access.config().getMasterUrl());
        return access;
    }

    private RenderOptions renderOptions(String namespace) {
        RenderOptions defaults = RenderOptions.defaults();
        HelmOptions helm = defaults.helm().withNamespace(namespace);
        if (configuration.getHelmExecutable() != null) {
            helm = helm.withTool(HelmTool.BINARY).withExecutable(configuration.getHelmExecutable());
        }
        HelmSettings settings = environment.getHelm();
        if (settings != null) {
            try {
                helm = settings.applyTo(helm);
            } catch (RenderException e) {
                // the configuration page refuses such values; a config.xml written by hand can still hold them
                throw new IllegalArgumentException(Messages.HelmSettings_badValues(e.getMessage()), e);
            }
        }
        return defaults.withKind(environment.getRendererKind()).withHelm(helm);
    }

    /** Runs with the plugin's class loader as context: helm-java looks up its native library through it. */
    private static PipelineRun withPluginClassLoader(java.util.function.Supplier<PipelineRun> body) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(EnvironmentReconcile.class.getClassLoader());
        try {
            return body.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A pooled connection for one run; closing gives it back to the pool, which keeps it open. */
    private record PooledSession(ClusterConnectionPool.Lease lease, String namespace) implements ClusterStep.Session {

        @Override
        public ClusterConnection connection() {
            return lease.connection();
        }

        @Override
        public void close() {
            lease.close();
        }
    }
}
