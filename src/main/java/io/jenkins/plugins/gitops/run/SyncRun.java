package io.jenkins.plugins.gitops.run;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.BuildListener;
import hudson.model.Cause;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Result;
import hudson.model.Run;
import io.jenkins.plugins.gitops.Messages;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.engine.pipeline.Verdict;
import io.jenkins.plugins.gitops.engine.report.ReportJson;
import io.jenkins.plugins.gitops.engine.report.SyncReport;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.ChangeSetEntry;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.item.AutomationPause;
import io.jenkins.plugins.gitops.item.EnvironmentStatus;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.reconcile.EnvironmentReconcile;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.model.lazy.BuildReference;
import jenkins.model.lazy.LazyBuildMixIn;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * One sync of a {@link GitOpsEnvironment}, recorded as a build. Its console reads like {@code argocd app sync}:
 * the revision and commit, the engine's progress, one line per object with its action and health, the totals
 * and a verdict. The engine's report is kept as {@value SyncAction#REPORT_FILE} in the build folder and
 * summarised by a {@link SyncAction}.
 *
 * <p>Result: SUCCESS when synced (or in sync) and healthy; UNSTABLE for conflicts, unhealthy objects, or drift
 * found by a preview; FAILURE on errors; ABORTED when interrupted.
 */
public final class SyncRun extends Run<GitOpsEnvironment, SyncRun>
        implements LazyBuildMixIn.LazyLoadingRun<GitOpsEnvironment, SyncRun>, Queue.Executable {

    private final transient LazyBuildMixIn.RunMixIn<GitOpsEnvironment, SyncRun> runMixIn = new LazyBuildMixIn.RunMixIn<>() {
        @Override
        protected SyncRun asRun() {
            return SyncRun.this;
        }
    };

    /** A new sync. */
    public SyncRun(@NonNull GitOpsEnvironment environment) throws IOException {
        super(environment);
    }

    /** A sync read back from its build folder. */
    public SyncRun(@NonNull GitOpsEnvironment environment, @NonNull File buildDir) throws IOException {
        super(environment, buildDir);
    }

    @Override
    public LazyBuildMixIn.RunMixIn<GitOpsEnvironment, SyncRun> getRunMixIn() {
        return runMixIn;
    }

    @Override
    protected BuildReference<SyncRun> createReference() {
        return runMixIn.createReference();
    }

    @Override
    protected void dropLinks() {
        runMixIn.dropLinks();
    }

    @Override
    public SyncRun getPreviousBuild() {
        return runMixIn.getPreviousBuild();
    }

    @Override
    public SyncRun getNextBuild() {
        return runMixIn.getNextBuild();
    }

    @NonNull
    @Override
    public GitOpsEnvironment getParent() {
        return super.getParent();
    }

    @Override
    public void run() {
        execute(new SyncExecution());
    }

    /**
     * SYNC when any cause asks for a sync; else DRY_RUN when a user asked for a preview; PREVIEW when every cause
     * only records a check.
     */
    public Mode mode() {
        Mode mode = Mode.PREVIEW;
        for (Cause cause : getCauses()) {
            if (!(cause instanceof SyncCause sync) || sync.getKind().mode() == Mode.SYNC) {
                return Mode.SYNC;
            }
            if (sync.getKind().mode() == Mode.DRY_RUN) {
                mode = Mode.DRY_RUN;
            }
        }
        return mode;
    }

    /** Whether self-heal started this sync (a check found drift in the cluster), alone or with other causes. */
    boolean isSelfHeal() {
        for (Cause cause : getCauses()) {
            if (cause instanceof SyncCause sync && sync.getKind() == SyncCause.Kind.DRIFT) {
                return true;
            }
        }
        return false;
    }

    /**
     * The revision a Pipeline ({@link SyncOverrides}) or a rollback asks for, or {@code null} for the
     * environment's configured revision.
     */
    @CheckForNull
    String revisionOverride() {
        SyncOverrides overrides = getAction(SyncOverrides.class);
        if (overrides != null && overrides.getRevision() != null) {
            return overrides.getRevision();
        }
        for (Cause cause : getCauses()) {
            if (cause instanceof SyncCause sync && sync.getRevision() != null) {
                return sync.getRevision();
            }
        }
        return null;
    }

    /** Whether to prune as a Pipeline asked ({@link SyncOverrides}), or {@code null} for the configured setting. */
    @CheckForNull
    Boolean pruneOverride() {
        SyncOverrides overrides = getAction(SyncOverrides.class);
        return overrides == null ? null : overrides.getPrune();
    }

    /** The Jenkins result the engine's verdict decided. */
    static Result resultOf(Verdict verdict) {
        return switch (verdict.buildResult()) {
            case SUCCESS -> Result.SUCCESS;
            case UNSTABLE -> Result.UNSTABLE;
            case FAILURE -> Result.FAILURE;
            case ABORTED -> Result.ABORTED;
        };
    }

    private final class SyncExecution extends RunExecution {

        @Override
        public Result run(@NonNull BuildListener listener) throws Exception {
            GitOpsEnvironment environment = getParent();
            GitOpsConfiguration configuration = GitOpsConfiguration.get();
            PrintStream console = listener.getLogger();
            Mode mode = mode();
            String revision = revisionOverride() != null ? revisionOverride() : environment.getRevision();
            console.println(switch (mode) {
                case SYNC -> Messages.SyncRun_startSync(environment.getFullDisplayName());
                case DRY_RUN -> Messages.SyncRun_startDryRun(environment.getFullDisplayName());
                case PREVIEW -> Messages.SyncRun_startPreview(environment.getFullDisplayName());
            });

            // Saved before the first step: a build read back with this mark was stopped by a restart.
            addAction(new SyncInProgress());
            save();
            try {
                return sync(listener, environment, configuration, mode, revision);
            } finally {
                removeActions(SyncInProgress.class); // the result is saved with build.xml when the build completes
            }
        }

        private Result sync(BuildListener listener, GitOpsEnvironment environment, GitOpsConfiguration configuration,
                Mode mode, String revision) throws InterruptedException {
            PrintStream console = listener.getLogger();
            EnvironmentReconcile.Outcome reconciled = new EnvironmentReconcile(environment, configuration,
                    new ConsoleSyncListener(listener), SyncRun.this).execute(mode, revisionOverride(), null, pruneOverride(),
                    getAction(SyncOverrides.class));

            SyncResult result = reconciled.result();
            if (result == null) {
                console.println(Messages.SyncRun_error(reconciled.failure()));
                for (String detail : reconciled.details()) {
                    console.println("  " + detail);
                }
                if (reconciled.stoppedBeforeTheCluster()) { // else an agent was lost mid-run, and said so
                    console.println(Messages.SyncRun_nothingApplied());
                }
                addAction(SyncAction.stopped(reconciled, mode.name(), revision));
                recordStatus(environment, reconciled, null, mode, Result.FAILURE);
                return Result.FAILURE;
            }

            SyncReport report = reconciled.report();
            printChangeSet(console, result);
            boolean written = writeReport(listener, report);
            addAction(SyncAction.of(reconciled, revision, written));
            Result buildResult = resultOf(reconciled.verdict());
            recordStatus(environment, reconciled, report, mode, buildResult);
            console.println(verdict(result, reconciled.verdict()));
            return buildResult;
        }

        /** The environment's status after this build; a sync (not a recorded check) also becomes its last sync. */
        private void recordStatus(GitOpsEnvironment environment, EnvironmentReconcile.Outcome reconciled,
                SyncReport report, Mode mode, Result buildResult) {
            Instant now = Instant.now();
            EnvironmentStatus next = environment.observed(reconciled, report, now, mode == Mode.SYNC);
            if (mode == Mode.SYNC) {
                next = next.withLastSync(now, getNumber(), buildResult.toString())
                        .withSelfHealOutcome(isSelfHeal(), now);
            }
            environment.updateStatus(next);
        }

        @Override
        public void post(@NonNull BuildListener listener) {
            // nothing to do after the result: the status was updated with it
        }

        @Override
        public void cleanUp(@NonNull BuildListener listener) {
            // the connection lease and the snapshot were released by EnvironmentReconcile
        }
    }

    /** One line per object, as {@code argocd app sync} ends: object, action, health, message; then the totals. */
    private static void printChangeSet(PrintStream console, SyncResult result) {
        console.println();
        console.println(String.format("%-60s %-11s %-12s %s", "OBJECT", "ACTION", "HEALTH", "MESSAGE"));
        for (ChangeSetEntry entry : result.entries()) {
            console.println(String.format("%-60s %-11s %-12s %s", entry.ref(), entry.action().label(),
                    entry.health() == null ? "" : entry.health().status().displayName(),
                    entry.message().isEmpty() && entry.health() != null ? entry.health().message() : entry.message()));
        }
        List<String> totals = new ArrayList<>();
        for (Map.Entry<Action, Integer> total : result.totals().entrySet()) {
            totals.add(total.getValue() + " " + total.getKey().countLabel());
        }
        console.println();
        console.println(Messages.SyncRun_totals(result.entries().size(), totals.isEmpty() ? "-" : String.join(", ", totals),
                result.health().total() == 0 ? Messages.SyncRun_healthNotAssessed() : result.health()));
    }

    /** The last line of the console: the engine's verdict in words. */
    private static String verdict(SyncResult result, Verdict verdict) {
        String line = switch (result.outcome()) {
            case IN_SYNC -> verdict.outOfSyncObjects() > 0 && result.mode() == Mode.SYNC
                    ? Messages.SyncRun_verdict_nothingToApply() : Messages.SyncRun_verdict_inSync();
            case SYNCED -> result.mode() == Mode.DRY_RUN ? Messages.SyncRun_verdict_dryRun()
                    : result.health().isHealthy() ? Messages.SyncRun_verdict_synced()
                    : Messages.SyncRun_verdict_syncedNotYetHealthy(result.worstHealth().displayName());
            case OUT_OF_SYNC -> Messages.SyncRun_verdict_outOfSync();
            case UNHEALTHY -> Messages.SyncRun_verdict_unhealthy();
            case CONFLICTS -> Messages.SyncRun_verdict_conflicts();
            case FAILED -> Messages.SyncRun_verdict_failed(result.failure());
            case ABORTED -> Messages.SyncRun_verdict_aborted(result.failure());
        };
        if (result.mode() == Mode.SYNC && verdict.outOfSyncObjects() > 0 && result.outcome().isSuccess()) {
            line += " " + Messages.SyncRun_verdict_extrasLeft(verdict.outOfSyncObjects());
        }
        return line;
    }

    /** Writes the engine's report into the build folder; a failure is reported in the console, not fatal. */
    private boolean writeReport(BuildListener listener, SyncReport report) {
        File file = new File(getRootDir(), SyncAction.REPORT_FILE);
        try (OutputStream out = Files.newOutputStream(file.toPath())) {
            ReportJson.write(report, out);
            return true;
        } catch (IOException | RuntimeException e) {
            listener.error(Messages.SyncRun_reportFailed(file, e.getMessage()));
            return false;
        }
    }

    // ---------------------------------------------------------------- rollback

    /**
     * Whether "Sync this revision again" applies to this build: a finished, successful sync (not a recorded
     * check or preview) whose commit is known.
     */
    public boolean isRollbackAvailable() {
        SyncAction action = getAction(SyncAction.class);
        return !isBuilding() && getResult() == Result.SUCCESS && action != null && !action.isPreview()
                && action.getCommitSha() != null;
    }

    /**
     * "Sync this revision again": a sync pinned to this build's commit, which pauses automatic sync of the
     * environment first, or the next periodic check would sync the configured revision back. Needs Item.BUILD
     * on the environment, and POST.
     */
    @RequirePOST
    public HttpResponse doRollback() throws IOException {
        GitOpsEnvironment environment = getParent();
        environment.checkPermission(Item.BUILD);
        SyncAction action = getAction(SyncAction.class);
        String commit = action == null ? null : action.getCommitSha();
        if (!isRollbackAvailable() || commit == null) {
            return HttpResponses.errorWithoutStack(409, Messages.SyncRun_rollback_unavailable(getFullDisplayName()));
        }
        if (!environment.isBuildable()) {
            return HttpResponses.errorWithoutStack(409,
                    Messages.GitOpsEnvironment_syncNow_disabled(environment.getFullDisplayName()));
        }
        String user = GitOpsEnvironment.currentUserId();
        environment.pauseAutomation(AutomationPause.byRollback(user, Instant.now(), commit, getNumber()));
        // a chart from a chart repository is pinned too: the same version, which must still have the same digest
        environment.scheduleSync(SyncCause.rollback(user, commit), new SyncOverrides(commit, null,
                action.getChartVersion(), action.getChartDigest()));
        return HttpResponses.redirectTo(environment.getAbsoluteUrl());
    }
}
