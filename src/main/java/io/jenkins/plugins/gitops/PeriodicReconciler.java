package io.jenkins.plugins.gitops;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.gitops.engine.source.RepositoryUrls;
import io.jenkins.plugins.gitops.engine.sync.CheckDecision;
import io.jenkins.plugins.gitops.engine.sync.CheckSchedule;
import io.jenkins.plugins.gitops.engine.sync.SelfHealBackoff;
import io.jenkins.plugins.gitops.engine.sync.SyncListener;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.SystemProperties;

/**
 * Every minute, checks the environments that are due: the engine's {@link CheckSchedule} says which (interval,
 * fixed jitter per environment, a check asked for by a push notification ({@link GitOpsNotifyEndpoint}),
 * disabled, busy, Jenkins quieting down), at most "max concurrent checks" at a time. A check is a preview
 * (fetch, render, compare; nothing written); the engine's {@link CheckDecision} turns it into a status update
 * only, a recorded preview build, or a sync, which is queued with its {@link SyncCause}.
 *
 * <p>One failing environment is logged and the loop goes on; its error is kept in its status. The period is
 * {@code -Dio.jenkins.plugins.gitops.PeriodicReconciler.recurrencePeriod=<milliseconds>}.
 */
@Extension
public final class PeriodicReconciler extends AsyncPeriodicWork {

    private static final Logger LOGGER = Logger.getLogger(PeriodicReconciler.class.getName());

    /** How often due environments are looked for. Checks themselves follow each environment's interval. */
    static final long RECURRENCE_PERIOD = SystemProperties.getLong(
            PeriodicReconciler.class.getName() + ".recurrencePeriod", MIN);

    private static final SelfHealBackoff SELF_HEAL_BACKOFF = SelfHealBackoff.defaults();

    /** Connections unused this long are closed; a check every few minutes keeps its connection open. */
    private static final Duration CONNECTION_IDLE = Duration.ofMinutes(30);

    public PeriodicReconciler() {
        super("GitOps periodic reconcile");
    }

    @Override
    public long getRecurrencePeriod() {
        return RECURRENCE_PERIOD;
    }

    @Override
    protected void execute(TaskListener listener) throws InterruptedException {
        GitOpsConfiguration configuration = GitOpsConfiguration.get();
        CheckSchedule schedule = new CheckSchedule(Duration.ofSeconds(configuration.getCheckJitterSeconds()));
        Map<String, GitOpsEnvironment> environments = new HashMap<>();
        List<CheckSchedule.Candidate> candidates = new ArrayList<>();
        for (GitOpsEnvironment environment : Jenkins.get().allItems(GitOpsEnvironment.class)) {
            environments.put(environment.getFullName(), environment);
            EnvironmentStatus status = environment.getStatus();
            candidates.add(new CheckSchedule.Candidate(environment.getFullName(), status.getLastCheck(),
                    environment.effectiveCheckInterval(configuration), environment.isDisabled(),
                    environment.isBuilding() || environment.isInQueue(), status.getCheckRequested()));
        }
        List<String> due = schedule.dueAmong(candidates, Instant.now(), Jenkins.get().isQuietingDown(),
                configuration.getMaxConcurrentChecks());
        if (!due.isEmpty()) {
            ExecutorService checks = Executors.newFixedThreadPool(due.size(),
                    new NamingThreadFactory(new DaemonThreadFactory(), "GitOps check"));
            try {
                for (String name : due) {
                    GitOpsEnvironment environment = environments.get(name);
                    checks.execute(() -> check(environment, configuration, listener));
                }
                checks.shutdown();
                if (!checks.awaitTermination(Math.max(RECURRENCE_PERIOD, 10 * MIN), TimeUnit.MILLISECONDS)) {
                    listener.getLogger().println("Some checks are still running; they go on in the background");
                }
            } finally {
                checks.shutdown();
            }
        }
        configuration.getConnections().closeIdle(CONNECTION_IDLE);
    }

    /**
     * The cause of the build a check leads to: the engine's decision, except that a new revision found because
     * the Git server pushed a notification is credited to that push.
     */
    static SyncCause causeOf(CheckDecision decision, boolean askedByPush, GitOpsEnvironment environment) {
        SyncCause cause = SyncCause.of(decision);
        if (askedByPush && cause != null && cause.getKind() == SyncCause.Kind.NEW_REVISION) {
            return SyncCause.push(RepositoryUrls.identity(environment.getRepositoryUrl()).orElse("?"));
        }
        return cause;
    }

    /** Checks one environment and acts on the engine's decision; never throws. */
    static void check(GitOpsEnvironment environment, GitOpsConfiguration configuration, TaskListener listener) {
        Instant answered = environment.getStatus().getCheckRequested();
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            EnvironmentReconcile.Outcome seen = new EnvironmentReconcile(environment, configuration, SyncListener.NONE,
                    null).execute(Mode.PREVIEW, null);
            EnvironmentStatus previous = environment.getStatus();
            // A paused environment (a rollback, or a user) is checked but never synced by a check; self-heal
            // waits longer after each of its syncs that could not remove the drift.
            boolean selfHealNow = environment.isSelfHeal() && SELF_HEAL_BACKOFF.allows(previous.getSelfHealFailures(),
                    previous.getLastSelfHeal(), Instant.now());
            // A commit that arrived while automatic sync was paused (or off) was seen, but never deployed:
            // the decision compares with the last sync's commit too, so that resuming syncs it.
            CheckDecision decision = CheckDecision.decide(previous.toObservation(), seen.observation(),
                    environment.isAutomatedNow(), selfHealNow, previous.getLastSyncCommit());
            environment.completeCheck(environment.observed(seen, seen.report(), Instant.now(), false), answered);
            SyncCause cause = causeOf(decision, answered != null, environment);
            if (cause != null) {
                environment.scheduleSync(cause);
            }
            listener.getLogger().println(environment.getFullName() + ": " + decision.verdict() + " (" + decision.reason() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listener.getLogger().println(environment.getFullName() + ": check interrupted");
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Periodic check of " + environment.getFullName() + " failed", e);
            listener.error(environment.getFullName() + ": check failed: " + e);
            // recorded, so that the environment waits for its interval instead of failing again every minute
            EnvironmentStatus previous = environment.getStatus();
            environment.completeCheck(EnvironmentStatus.of(Instant.now(), CheckDecision.Observation.failed(
                    previous.getCommit(), Messages.PeriodicReconciler_checkFailed(e.getClass().getSimpleName(),
                            String.valueOf(e.getMessage()))), previous.getAbbreviatedCommit(), previous.getCommitSubject()),
                    answered);
        }
    }
}
