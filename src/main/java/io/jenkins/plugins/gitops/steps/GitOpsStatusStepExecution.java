package io.jenkins.plugins.gitops.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.view.SyncStatus;
import io.jenkins.plugins.gitops.item.EnvironmentStatus;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Runs {@code gitopsStatus}: reads the environment's stored status (what the last check or sync saw; nothing is
 * fetched or compared here) and, with {@code waitFor} or {@code commit}, reads it again on {@link Timer} ticks
 * until the condition holds. Needs Item.READ only, which finding the environment already requires.
 *
 * <p>Waiting holds no thread and survives a restart of Jenkins, as {@code waitUntil} does: the execution keeps
 * the environment's full name, what it waits for and an absolute {@link StepDeadline}; after a restart
 * ({@link #onResume()}) it reads the status at once, so a timeout that ran out while Jenkins was down fails the
 * step then. A tick only reads the status in memory: checks and syncs change it, never this step.
 */
final class GitOpsStatusStepExecution extends StepExecution {

    private static final long serialVersionUID = 2L;

    private static final Logger LOGGER = Logger.getLogger(GitOpsStatusStepExecution.class.getName());

    /** How often the status is read while waiting; the status changes only when a check or sync ends. */
    static final long POLL_MILLIS = Long.getLong(GitOpsStatusStepExecution.class.getName() + ".pollMillis", 5000L);

    /** Only while starting: a Pipeline resumed after a restart has no step object, only the fields below. */
    private final transient GitOpsStatusStep step;

    private String environmentName;
    @CheckForNull
    private GitOpsStatusStep.Condition condition;
    @CheckForNull
    private String commit;
    @CheckForNull
    private Integer timeout;
    private StepDeadline deadline;
    /** Set once the step's outcome is given to Pipeline: later ticks and stop() do nothing. */
    private boolean done;

    /** The Jenkins this execution waits in: a tick that outlived it (tests restart Jenkins in one JVM) does nothing. */
    private transient Jenkins jenkins;
    private transient ScheduledFuture<?> nextCheck;

    GitOpsStatusStepExecution(GitOpsStatusStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    public boolean start() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        GitOpsEnvironment environment = EnvironmentLookup.find(step.getEnvironment(), run);
        EnvironmentLookup.checkPermission(environment, Item.READ, "gitopsStatus");

        EnvironmentStatus status = environment.getStatus();
        boolean waiting = step.condition() != null || step.getCommit() != null;
        if (!waiting || holds(step.condition(), step.getCommit(), status)) {
            log().println(Messages.GitOpsStatusStep_status(environment.getFullName(), describe(status)));
            getContext().onSuccess(summary(environment, status));
            return true;
        }
        waitFor(environment, status);
        return false;
    }

    private synchronized void waitFor(GitOpsEnvironment environment, EnvironmentStatus status)
            throws IOException, InterruptedException {
        environmentName = environment.getFullName();
        condition = step.condition();
        commit = step.getCommit();
        timeout = step.getTimeout();
        deadline = StepDeadline.inMinutes(timeout);
        jenkins = Jenkins.get();
        log().println(Messages.GitOpsStatusStep_waiting(environmentName, describe(condition, commit), describe(status)));
        if (commit != null) {
            environment.requestCheck(Instant.now()); // the next reconciler run checks it, not the next interval
        }
        scheduleCheck();
    }

    /** Jenkins restarted: read the status at once (it may hold now, or the timeout may have run out meanwhile). */
    @Override
    public void onResume() {
        String waitingFor;
        synchronized (this) {
            if (done) {
                return;
            }
            jenkins = Jenkins.get();
            waitingFor = describe(condition, commit);
        }
        try {
            log().println(Messages.GitOpsStatusStep_resumed(environmentName(), waitingFor));
        } catch (IOException | InterruptedException e) {
            LOGGER.log(Level.FINE, "Cannot write to the log of " + getContext(), e);
        }
        Timer.get().submit(this::check);
    }

    /** Reads the status once and completes the step when it holds or the timeout ran out. On timer threads only. */
    synchronized void check() {
        cancelNextCheck(); // one chain of ticks: a check woken early replaces the one scheduled
        if (done || Jenkins.getInstanceOrNull() != jenkins) {
            return;
        }
        try {
            GitOpsEnvironment environment = EnvironmentLookup.again(environmentName);
            EnvironmentStatus status = environment.getStatus();
            if (holds(condition, commit, status)) {
                log().println(Messages.GitOpsStatusStep_status(environmentName, describe(status)));
                finish();
                getContext().onSuccess(summary(environment, status));
            } else if (deadline.hasPassed()) {
                throw new AbortException(Messages.GitOpsStatusStep_timeout(environmentName,
                        describe(condition, commit), timeout, describe(status)));
            } else {
                scheduleCheck();
            }
        } catch (Exception e) { // AbortException with a message for the user, or anything unexpected
            finish();
            getContext().onFailure(e);
        }
    }

    private synchronized void scheduleCheck() {
        nextCheck = Timer.get().schedule(this::check, Math.min(POLL_MILLIS, deadline.millisLeft()),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop(Throwable cause) {
        if (!done) {
            finish();
            getContext().onFailure(cause);
        }
    }

    private synchronized void finish() {
        done = true;
        cancelNextCheck();
    }

    private synchronized String environmentName() {
        return environmentName;
    }

    private synchronized void cancelNextCheck() {
        ScheduledFuture<?> scheduled = nextCheck;
        if (scheduled != null) {
            scheduled.cancel(false); // false: never interrupt the tick that is running this
            nextCheck = null;
        }
    }

    private PrintStream log() throws IOException, InterruptedException {
        return getContext().get(TaskListener.class).getLogger();
    }

    @Override
    public synchronized String getStatus() {
        return done ? "done" : "waiting for " + environmentName + " to be " + describe(condition, commit)
                + " (" + deadline + ")";
    }

    /**
     * Whether {@code status} satisfies the wait: the condition (if any) holds, and it holds for {@code commit}
     * (if given), so that a status older than the commit the Pipeline just pushed never counts.
     */
    static boolean holds(@CheckForNull GitOpsStatusStep.Condition condition, @CheckForNull String commit,
            EnvironmentStatus status) {
        String statusCommit = status.getCommit();
        if (commit != null && (statusCommit == null || !statusCommit.toLowerCase(Locale.ROOT).startsWith(commit))) {
            return false;
        }
        if (condition == null) {
            return true;
        }
        return switch (condition) {
            case SYNCED -> status.getSyncStatus() == SyncStatus.SYNCED;
            case HEALTHY -> status.getHealth() == HealthStatus.HEALTHY;
        };
    }

    private static String describe(@CheckForNull GitOpsStatusStep.Condition condition, @CheckForNull String commit) {
        if (commit == null) {
            return condition.displayName();
        }
        return condition == null ? Messages.GitOpsStatusStep_atCommit(commit)
                : Messages.GitOpsStatusStep_conditionAtCommit(condition.displayName(), commit);
    }

    private static String describe(EnvironmentStatus status) {
        String health = status.getHealthDisplayName().isEmpty() ? "-" : status.getHealthDisplayName();
        String commit = status.getAbbreviatedCommit() == null ? "-" : status.getAbbreviatedCommit();
        String error = status.getError() == null ? "" : "; " + status.getError();
        return status.getSyncStatus().displayName() + ", " + health + ", commit " + commit + error;
    }

    /** The status as the step returns it: strings and numbers only, so scripts can compare and print it. */
    static Map<String, Object> summary(GitOpsEnvironment environment, EnvironmentStatus status) {
        Instant lastCheck = status.getLastCheck();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("syncStatus", status.getSyncStatus().displayName()); // Synced, OutOfSync, Unknown, Error
        summary.put("health", status.getHealthDisplayName());
        summary.put("revision", environment.getRevision());
        summary.put("commit", status.getCommit() == null ? "" : status.getCommit());
        summary.put("commitSubject", status.getCommitSubject() == null ? "" : status.getCommitSubject());
        summary.put("lastCheck", lastCheck == null ? "" : lastCheck.toString());
        summary.put("error", status.getError() == null ? "" : status.getError());
        summary.put("outOfSyncObjects", status.getOutOfSyncObjects());
        summary.put("unhealthyObjects", status.getUnhealthyObjects());
        summary.put("lastSyncBuild", status.getLastSyncBuild());
        summary.put("automationPaused", environment.isAutomationPaused());
        return summary;
    }
}
