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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs {@code gitopsStatus} off the Pipeline thread: reads the environment's stored status (what the last
 * check or sync saw; nothing is fetched or compared here) and, with {@code waitFor}, reads it again every few
 * seconds until the condition holds. Needs Item.READ only, which finding the environment already requires.
 */
final class GitOpsStatusStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    /** How often the status is read while waiting; the status changes only when a check or sync ends. */
    static final long POLL_MILLIS = Long.getLong(GitOpsStatusStepExecution.class.getName() + ".pollMillis", 5000L);

    private final transient GitOpsStatusStep step;

    GitOpsStatusStepExecution(GitOpsStatusStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        GitOpsEnvironment environment = EnvironmentLookup.find(step.getEnvironment(), run);
        EnvironmentLookup.checkPermission(environment, Item.READ, "gitopsStatus");

        GitOpsStatusStep.Condition condition = step.condition();
        String commit = step.getCommit();
        EnvironmentStatus status = environment.getStatus();
        boolean waiting = condition != null || commit != null;
        if (waiting && !holds(condition, commit, status)) {
            String wanted = describe(condition, commit);
            listener.getLogger().println(Messages.GitOpsStatusStep_waiting(environment.getFullName(), wanted,
                    describe(status)));
            if (commit != null) {
                environment.requestCheck(Instant.now()); // the next reconciler run checks it, not the next interval
            }
            Integer timeout = step.getTimeout();
            long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MINUTES.toNanos(timeout);
            while (!holds(condition, commit, status)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AbortException(Messages.GitOpsStatusStep_timeout(environment.getFullName(),
                            wanted, timeout, describe(status)));
                }
                Thread.sleep(POLL_MILLIS);
                status = environment.getStatus();
            }
        }
        listener.getLogger().println(Messages.GitOpsStatusStep_status(environment.getFullName(), describe(status)));
        return summary(environment, status);
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
