package io.jenkins.plugins.gitops.steps;

import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.run.SyncAction;
import io.jenkins.plugins.gitops.run.SyncCause;
import io.jenkins.plugins.gitops.run.SyncOverrides;
import io.jenkins.plugins.gitops.run.SyncRun;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs {@code gitopsSync} off the Pipeline thread: checks Item.BUILD on the environment as the build's
 * authentication, queues a sync caused by this build (with the step's overrides), waits for it to start and
 * finish within the timeout, copies the sync's console into the Pipeline log as it grows, and returns the
 * sync's summary. The sync itself is an ordinary {@link SyncRun}: aborting the Pipeline stops the waiting,
 * not the sync (a half-applied change set is worse than a finished one).
 */
final class GitOpsSyncStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    /** How often the sync's build is looked at while it runs. */
    static final long POLL_MILLIS = Long.getLong(GitOpsSyncStepExecution.class.getName() + ".pollMillis", 1000L);

    private final transient GitOpsSyncStep step;

    GitOpsSyncStepExecution(GitOpsSyncStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        PrintStream log = listener.getLogger();

        GitOpsEnvironment environment = EnvironmentLookup.find(step.getEnvironment(), run);
        EnvironmentLookup.checkPermission(environment, Item.BUILD, "gitopsSync");
        if (Boolean.TRUE.equals(step.getPrune()) && !environment.isPrune()) {
            // Turning pruning on deletes objects the environment's owners chose to keep: that is a
            // configuration decision, not a build.
            EnvironmentLookup.checkPermission(environment, Item.CONFIGURE, "gitopsSync(prune: true)");
        }

        SyncOverrides overrides = new SyncOverrides(step.getRevision(), step.getPrune());
        Queue.Item item = environment.scheduleSync(SyncCause.pipeline(run.getFullDisplayName(), run.getUrl()), overrides);
        if (item == null) {
            throw new AbortException(Messages.GitOpsSyncStep_disabled(environment.getFullName()));
        }
        log.println(Messages.GitOpsSyncStep_queued(environment.getFullName(), describe(overrides)));
        if (Jenkins.get().getRootUrl() == null) {
            log.println(Messages.GitOpsSyncStep_noJenkinsUrl());
        }
        if (!step.isWait()) {
            Map<String, Object> queued = new LinkedHashMap<>();
            queued.put("result", "QUEUED");
            queued.put("url", absolute(environment.getUrl()));
            return queued;
        }

        Integer timeout = step.getTimeout();
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MINUTES.toNanos(timeout);
        SyncRun sync = awaitStart(item, environment, deadline);
        log.println(Messages.GitOpsSyncStep_started(absolute(sync.getUrl())));
        SyncConsoleFollower console = new SyncConsoleFollower(sync, log);
        while (sync.isLogUpdated()) {
            console.copyNewLines();
            if (System.nanoTime() - deadline > 0) {
                throw new AbortException(Messages.GitOpsSyncStep_timeout(sync.getFullDisplayName(),
                        timeout, absolute(sync.getUrl())));
            }
            Thread.sleep(POLL_MILLIS);
        }
        console.copyRest();
        return conclude(sync, run, log);
    }

    private SyncRun awaitStart(Queue.Item item, GitOpsEnvironment environment, long deadline)
            throws InterruptedException, AbortException {
        try {
            Queue.Executable executable = step.getTimeout() == null ? item.getFuture().getStartCondition().get()
                    : item.getFuture().getStartCondition().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (executable instanceof SyncRun sync) {
                return sync;
            }
            throw new AbortException(Messages.GitOpsSyncStep_notStarted(environment.getFullName(), executable));
        } catch (CancellationException e) {
            throw new AbortException(Messages.GitOpsSyncStep_cancelled(environment.getFullName()));
        } catch (ExecutionException e) {
            throw new AbortException(Messages.GitOpsSyncStep_notStarted(environment.getFullName(), e.getCause()));
        } catch (TimeoutException e) {
            throw new AbortException(Messages.GitOpsSyncStep_timeoutQueued(environment.getFullName(), step.getTimeout(),
                    absolute(environment.getUrl())));
        }
    }

    private Map<String, Object> conclude(SyncRun sync, Run<?, ?> run, PrintStream log) throws AbortException {
        Result finished = sync.getResult();
        Result result = finished == null ? Result.NOT_BUILT : finished;
        SyncAction action = sync.getAction(SyncAction.class);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("result", result.toString());
        summary.put("outcome", action == null ? "" : action.getOutcome());
        summary.put("revision", action == null ? "" : action.getRevision());
        summary.put("commit", action == null ? "" : action.getCommit());
        summary.put("counts", action == null ? new LinkedHashMap<String, Integer>() : new LinkedHashMap<>(action.getCounts()));
        summary.put("health", action == null ? "" : action.getHealth());
        summary.put("number", sync.getNumber());
        summary.put("url", absolute(sync.getUrl()));

        String failure = action == null ? "" : action.getFailure();
        if (result.isWorseThan(Result.UNSTABLE)) {
            String message = Messages.GitOpsSyncStep_failed(sync.getFullDisplayName(), result,
                    failure.isEmpty() ? "-" : failure, absolute(sync.getUrl()));
            if (step.isPropagate()) {
                throw new AbortException(message);
            }
            log.println(message);
        } else if (result == Result.UNSTABLE) {
            log.println(Messages.GitOpsSyncStep_unstable(sync.getFullDisplayName(), absolute(sync.getUrl())));
            if (step.isPropagate()) {
                run.setResult(Result.UNSTABLE);
            }
        }
        return summary;
    }

    private static String describe(SyncOverrides overrides) {
        if (overrides.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        String revision = overrides.getRevision();
        if (revision != null) {
            text.append(", revision ").append(revision);
        }
        Boolean prune = overrides.getPrune();
        if (prune != null) {
            text.append(", prune ").append(prune ? "on" : "off");
        }
        return text.toString();
    }

    /** {@code url} (relative to the Jenkins root) made absolute when the root URL is configured. */
    static String absolute(String url) {
        String root = Jenkins.get().getRootUrl();
        return root == null ? url : root + url;
    }
}
