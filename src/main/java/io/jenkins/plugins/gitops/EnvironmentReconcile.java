package io.jenkins.plugins.gitops;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.diff.DiffOptions;
import io.jenkins.plugins.gitops.engine.diff.DriftDetector;
import io.jenkins.plugins.gitops.engine.render.ManifestRenderer;
import io.jenkins.plugins.gitops.engine.render.RenderException;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.render.RenderProblem;
import io.jenkins.plugins.gitops.engine.render.RenderResult;
import io.jenkins.plugins.gitops.engine.report.ReportContext;
import io.jenkins.plugins.gitops.engine.report.SyncReport;
import io.jenkins.plugins.gitops.engine.source.CommitInfo;
import io.jenkins.plugins.gitops.engine.source.GitCredentials;
import io.jenkins.plugins.gitops.engine.source.GitSource;
import io.jenkins.plugins.gitops.engine.source.SourceException;
import io.jenkins.plugins.gitops.engine.source.SourceRequest;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import io.jenkins.plugins.gitops.engine.source.UrlRedaction;
import io.jenkins.plugins.gitops.engine.sync.CheckDecision.Observation;
import io.jenkins.plugins.gitops.engine.sync.Reconciler;
import io.jenkins.plugins.gitops.engine.sync.SyncListener;
import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One reconcile of one environment, as a sync build and a periodic check both run it: resolve the credentials
 * in the environment's context, fetch Git, render, connect, and let the engine's {@link Reconciler} compare
 * (and, for a sync, apply and prune). Every decision is the engine's; this class only hands Jenkins' values
 * over and reports what happened through a {@link SyncListener}.
 *
 * <p>A failed fetch or render ends the reconcile before the cluster is contacted: there is no object set, so
 * nothing can be applied or pruned.
 */
final class EnvironmentReconcile {

    private static final Logger LOGGER = Logger.getLogger(EnvironmentReconcile.class.getName());

    /**
     * What a reconcile came to.
     *
     * @param commit the commit the revision resolved to; {@code null} when fetching failed
     * @param result the engine's result; {@code null} when the reconcile stopped before the cluster
     * @param context what the report needs besides the result; {@code null} together with {@code result}
     * @param failure what stopped the reconcile before the cluster (one line); empty otherwise
     * @param details the lines that explain the failure (every render problem with its file and line)
     */
    record Outcome(@CheckForNull CommitInfo commit, @CheckForNull SyncResult result, @CheckForNull ReportContext context,
            String failure, List<String> details) {

        Outcome {
            details = List.copyOf(details);
        }

        static Outcome stopped(@CheckForNull CommitInfo commit, String failure, List<String> details) {
            return new Outcome(commit, null, null, failure, details);
        }

        /** The engine's report of this reconcile, or {@code null} when it stopped before the cluster. */
        @CheckForNull
        SyncReport report() {
            return result == null ? null : SyncReport.of(result, context);
        }

        /**
         * What this reconcile saw, for the environment's status and the next check's {@code CheckDecision}:
         * after a preview, whether a sync would write anything; after a sync, whether conflicts were left.
         */
        Observation observation() {
            if (result == null) {
                return Observation.failed(commit == null ? null : commit.sha(), failure);
            }
            if (result.outcome() == SyncResult.Outcome.FAILED || result.outcome() == SyncResult.Outcome.ABORTED) {
                return Observation.failed(commit.sha(), result.failure());
            }
            // Drift is what a sync would write. Objects a sync leaves alone (an extra object while prune is off)
            // are not drift, or self-heal would sync every interval without ever changing them.
            boolean drift = result.mode() == Mode.SYNC
                    ? result.outcome() == SyncResult.Outcome.CONFLICTS
                    : result.entries().stream().anyMatch(entry -> entry.action().isWrite());
            return Observation.ok(commit.sha(), drift, result.worstHealth());
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
    EnvironmentReconcile(GitOpsEnvironment environment, GitOpsConfiguration configuration, SyncListener listener,
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
     * @throws InterruptedException when the build was aborted between two steps
     */
    Outcome execute(Mode mode, @CheckForNull String revision) throws InterruptedException {
        return execute(mode, revision, null, null);
    }

    /**
     * Reconciles the environment with settings a Pipeline step gives instead of the configured ones.
     *
     * @param revision the revision to use instead of the configured one, or {@code null}
     * @param path the folder to render instead of the configured one ({@code gitopsDiff(path: …)}), or {@code null}
     * @param prune whether to prune instead of the configured setting, or {@code null}; the engine's
     *     {@link SyncPolicy} decides what it means
     * @throws InterruptedException when the build was aborted between two steps
     */
    Outcome execute(Mode mode, @CheckForNull String revision, @CheckForNull String path, @CheckForNull Boolean prune)
            throws InterruptedException {
        Instant start = Instant.now();
        String requested = revision != null ? revision : environment.getRevision();
        String folder = path != null ? path : environment.getPath();
        SyncPolicy configured = environment.toSyncPolicy(configuration.getFieldManager());
        SyncPolicy policy = prune == null ? configured : configured.withPrune(prune);

        if (LocalRepositories.isRefused(environment.getRepositoryUrl())) {
            return Outcome.stopped(null, LocalRepositories.refusal(environment.getRepositoryUrl()), List.of());
        }
        SourceSnapshot snapshot;
        try {
            GitCredentials credentials = GitCredentialsLookup.resolve(environment, environment.getRepositoryUrl(),
                    environment.getCredentialsId(), environment.getKnownHosts(), run);
            listener.event(Messages.EnvironmentReconcile_fetching(UrlRedaction.redact(environment.getRepositoryUrl()),
                    requested, folder.isEmpty() ? "/" : folder));
            snapshot = new GitSource(configuration.getRepositoryCache()).fetch(
                    new SourceRequest(environment.getRepositoryUrl(), credentials, requested, folder));
        } catch (AbortException | SourceException e) {
            return Outcome.stopped(null, e.getMessage(), List.of());
        }
        CommitInfo commit = snapshot.commit();
        listener.event(Messages.EnvironmentReconcile_revision(requested, commit.abbreviatedSha(), commit.subject(),
                commit.authorName()));
        checkInterrupted();

        RenderResult rendered;
        try {
            rendered = render(snapshot);
        } catch (RenderException e) {
            List<String> details = new ArrayList<>();
            for (RenderProblem problem : e.problems()) {
                details.add(problem.toString());
            }
            if (e.omitted() > 0) {
                details.add(Messages.EnvironmentReconcile_moreProblems(e.omitted()));
            }
            return Outcome.stopped(commit, Messages.EnvironmentReconcile_renderFailed(
                    e.problems().size() + e.omitted()), details);
        }
        for (RenderProblem warning : rendered.warnings()) {
            listener.event(Messages.EnvironmentReconcile_warning(warning));
        }
        listener.event(Messages.EnvironmentReconcile_rendered(rendered.objects().size(), rendered.renderer()));
        checkInterrupted();

        ClusterCredentialsLookup.Access access;
        try {
            access = ClusterCredentialsLookup.resolve(environment, environment.getServerUrl(),
                    environment.getClusterCredentialsId(), environment.getCaCertificate(), run);
        } catch (AbortException e) {
            return Outcome.stopped(commit, e.getMessage(), List.of());
        }
        try (ClusterConnectionPool.Lease lease = configuration.getConnections()
                .lease(access.poolKey(), () -> ClusterConnection.connect(access.config()))) {
            ClusterConnection connection = lease.connection();
            listener.event(Messages.EnvironmentReconcile_comparing(connection.serverUrl(), environment.getNamespace(),
                    switch (mode) {
                        case SYNC -> Messages.EnvironmentReconcile_sync();
                        case DRY_RUN -> Messages.EnvironmentReconcile_dryRun();
                        case PREVIEW -> Messages.EnvironmentReconcile_preview();
                    }));
            DriftDetector detector = new DriftDetector(DiffOptions.defaults()
                    .withIgnoreRules(environment.toIgnoreRules())
                    .withOwnFieldManager(policy.fieldManager()));
            SyncResult result = new Reconciler(connection, detector).reconcile(rendered.objects(),
                    new Target(environment.getFullName(), environment.getNamespace()), policy, mode, listener);
            ReportContext context = new ReportContext(environment.getFullName(), connection.serverUrl(),
                    environment.getNamespace(), environment.getRepositoryUrl(), snapshot.path(), requested, commit,
                    policy, start, Instant.now());
            return new Outcome(commit, result, context, "", List.of());
        } catch (KubernetesClientException e) {
            LOGGER.log(Level.FINE, "Kubernetes API failure for " + environment.getFullName(), e);
            return Outcome.stopped(commit, Messages.EnvironmentReconcile_clusterFailed(
                    String.valueOf(environment.getServerUrl()), e.getMessage()), List.of());
        }
    }

    /** Renders with the plugin's class loader as context: helm-java looks up its native library through it. */
    private RenderResult render(SourceSnapshot snapshot) throws RenderException {
        RenderOptions defaults = RenderOptions.defaults();
        RenderOptions options = defaults.withKind(environment.getRendererKind())
                .withHelm(defaults.helm().withNamespace(environment.getNamespace()));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(EnvironmentReconcile.class.getClassLoader());
        try {
            return ManifestRenderer.withDefaults().render(snapshot, snapshot.path(), options);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void checkInterrupted() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }
}
