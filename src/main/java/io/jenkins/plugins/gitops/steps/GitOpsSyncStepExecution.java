package io.jenkins.plugins.gitops.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
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
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
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
 * Runs {@code gitopsSync}: checks Item.BUILD on the environment as the build's authentication, queues a sync
 * caused by this build (with the step's overrides) and, with {@code wait}, waits for it to start and finish
 * within the timeout, copies the sync's console into the Pipeline log as it grows, and returns the sync's summary.
 *
 * <p>Waiting holds no thread, and survives a restart of Jenkins, as the {@code build} step does: the execution
 * keeps only what it needs to find the sync again (the environment's full name, the queue item's id, then the
 * build's number, how far the console was copied, and an absolute {@link StepDeadline}) and looks at the sync on
 * {@link Timer} ticks; {@link SyncWaiters} wakes it as soon as the sync starts or ends. After a restart
 * ({@link #onResume()}) it looks again at once: a sync that ended while Jenkins was down completes the step, a
 * queued sync (Jenkins saves its queue) is waited for, and a timeout that ran out while Jenkins was down fails the
 * step.
 *
 * <p>The sync itself is an ordinary {@link SyncRun}: aborting the Pipeline stops the waiting, not the sync (a
 * half-applied change set is worse than a finished one).
 */
final class GitOpsSyncStepExecution extends StepExecution {

    private static final long serialVersionUID = 2L;

    private static final Logger LOGGER = Logger.getLogger(GitOpsSyncStepExecution.class.getName());

    /** How often the sync is looked at while it is queued or runs (its console is copied at this pace). */
    static final long POLL_MILLIS = Long.getLong(GitOpsSyncStepExecution.class.getName() + ".pollMillis", 1000L);

    /** Only while starting: a Pipeline resumed after a restart has no step object, only the fields below. */
    private final transient GitOpsSyncStep step;

    private String environmentName;
    @CheckForNull
    private Integer timeout;
    private boolean propagate;
    private StepDeadline deadline;
    /** The queue item of the sync (possibly shared with other requests folded into it). */
    private long queueId;
    /** When that item entered the queue: its build started later, which bounds the search for it after a restart. */
    private long queuedSince;
    /** The sync build's number once it started; 0 before. */
    private int buildNumber;
    /** Where the next console line to copy starts ({@link SyncConsoleFollower#resumeOffset()}). */
    private long consoleOffset;
    /** Set once the step's outcome is given to Pipeline: later ticks and stop() do nothing. */
    private boolean done;

    /** The Jenkins this execution waits in: a tick that outlived it (tests restart Jenkins in one JVM) does nothing. */
    private transient Jenkins jenkins;
    private transient ScheduledFuture<?> nextCheck;
    private transient SyncConsoleFollower console;
    private transient PrintStream log;

    GitOpsSyncStepExecution(GitOpsSyncStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    public boolean start() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        PrintStream out = log();

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
        out.println(Messages.GitOpsSyncStep_queued(environment.getFullName(), describe(overrides)));
        if (Jenkins.get().getRootUrl() == null) {
            out.println(Messages.GitOpsSyncStep_noJenkinsUrl());
        }
        if (!step.isWait()) {
            Map<String, Object> queued = new LinkedHashMap<>();
            queued.put("result", "QUEUED");
            queued.put("url", absolute(environment.getUrl()));
            getContext().onSuccess(queued);
            return true;
        }

        waitFor(environment, item);
        return false;
    }

    private synchronized void waitFor(GitOpsEnvironment environment, Queue.Item item) {
        environmentName = environment.getFullName();
        timeout = step.getTimeout();
        propagate = step.isPropagate();
        deadline = StepDeadline.inMinutes(timeout);
        queueId = item.getId();
        queuedSince = item.getInQueueSince();
        jenkins = Jenkins.get();
        SyncWaiters.get().add(queueId, this);
        Timer.get().submit(this::check); // a request folded into an item that already left the queue
    }

    /** Jenkins restarted: wait again, and look at once (the sync may have ended, or the timeout run out, meanwhile). */
    @Override
    public void onResume() {
        String waitingFor;
        synchronized (this) {
            if (done) {
                return;
            }
            jenkins = Jenkins.get();
            SyncWaiters.get().add(queueId, this);
            waitingFor = environmentName;
        }
        try {
            log().println(Messages.GitOpsSyncStep_resumed(waitingFor));
        } catch (IOException | InterruptedException e) {
            LOGGER.log(Level.FINE, "Cannot write to the log of " + getContext(), e);
        }
        Timer.get().submit(this::check);
    }

    /**
     * Looks at the sync once: records its build when it has started, copies its new console lines, and completes
     * the step when it ended, when the timeout ran out, or when it can no longer end (cancelled, lost, deleted);
     * otherwise looks again after {@link #POLL_MILLIS}. Called on timer threads only.
     */
    synchronized void check() {
        cancelNextCheck(); // one chain of ticks: a check woken early replaces the one scheduled
        if (done || Jenkins.getInstanceOrNull() != jenkins) {
            return;
        }
        try {
            GitOpsEnvironment environment = EnvironmentLookup.again(environmentName);
            SyncRun sync = findSync(environment);
            if (sync == null) {
                if (deadline.hasPassed()) {
                    throw new AbortException(Messages.GitOpsSyncStep_timeoutQueued(environmentName, timeout,
                            absolute(environment.getUrl())));
                }
            } else {
                if (console == null) {
                    console = new SyncConsoleFollower(sync, log(), consoleOffset);
                }
                console.copyNewLines();
                consoleOffset = console.resumeOffset();
                if (!sync.isLogUpdated()) {
                    console.copyRest();
                    succeed(conclude(sync));
                    return;
                }
                if (deadline.hasPassed()) {
                    throw new AbortException(Messages.GitOpsSyncStep_timeout(sync.getFullDisplayName(), timeout,
                            absolute(sync.getUrl())));
                }
            }
            nextCheck = Timer.get().schedule(this::check, Math.min(POLL_MILLIS, deadline.millisLeft()),
                    TimeUnit.MILLISECONDS);
        } catch (Exception e) { // AbortException with a message for the user, or anything unexpected
            fail(e);
        }
    }

    /**
     * The sync build once it started; {@code null} while it is queued.
     *
     * @throws AbortException when it was cancelled, deleted or lost
     */
    @CheckForNull
    private SyncRun findSync(GitOpsEnvironment environment) throws IOException, InterruptedException {
        if (buildNumber > 0) {
            SyncRun sync = environment.getBuildByNumber(buildNumber);
            if (sync == null) {
                throw new AbortException(Messages.GitOpsSyncStep_buildDeleted(environmentName, buildNumber));
            }
            return sync;
        }
        Queue.Item item = Jenkins.get().getQueue().getItem(queueId);
        SyncRun sync;
        if (item == null) {
            sync = buildOfQueueItem(environment); // the item left the queue long ago, or before a restart
            if (sync == null) {
                throw new AbortException(Messages.GitOpsSyncStep_lost(environmentName, absolute(environment.getUrl())));
            }
        } else if (item instanceof Queue.LeftItem left) {
            if (left.isCancelled()) {
                throw new AbortException(Messages.GitOpsSyncStep_cancelled(environmentName));
            }
            Queue.Executable executable = left.getExecutable();
            if (executable == null) {
                return null; // leaving the queue: its build is being created
            }
            if (!(executable instanceof SyncRun started)) {
                throw new AbortException(Messages.GitOpsSyncStep_notStarted(environmentName, executable));
            }
            sync = started;
        } else {
            return null; // still queued
        }
        buildNumber = sync.getNumber();
        log().println(Messages.GitOpsSyncStep_started(absolute(sync.getUrl())));
        getContext().saveState();
        return sync;
    }

    /** The environment's build that ran the queue item, newest first, down to the builds older than the item. */
    @CheckForNull
    private SyncRun buildOfQueueItem(GitOpsEnvironment environment) {
        for (SyncRun sync = environment.getLastBuild(); sync != null; sync = sync.getPreviousBuild()) {
            if (sync.getQueueId() == queueId) {
                return sync;
            }
            if (sync.getTimeInMillis() < queuedSince) {
                return null;
            }
        }
        return null;
    }

    /**
     * The step's value, or its failure: FAILURE or worse fails the step with {@code propagate}; UNSTABLE marks the
     * Pipeline unstable with {@code propagate}.
     */
    private Map<String, Object> conclude(SyncRun sync) throws IOException, InterruptedException {
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
            if (propagate) {
                throw new AbortException(message);
            }
            log().println(message);
        } else if (result == Result.UNSTABLE) {
            log().println(Messages.GitOpsSyncStep_unstable(sync.getFullDisplayName(), absolute(sync.getUrl())));
            if (propagate) {
                getContext().get(Run.class).setResult(Result.UNSTABLE);
            }
        }
        return summary;
    }

    /** Stops waiting; the sync goes on (see the class comment). */
    @Override
    public synchronized void stop(Throwable cause) {
        if (!done) {
            finish();
            getContext().onFailure(cause);
        }
    }

    private void succeed(Map<String, Object> summary) {
        finish();
        getContext().onSuccess(summary);
    }

    private void fail(Throwable failure) {
        finish();
        getContext().onFailure(failure);
    }

    private void finish() {
        done = true;
        cancelNextCheck();
        if (Jenkins.getInstanceOrNull() != null) {
            SyncWaiters.get().remove(queueId, this);
        }
    }

    private synchronized void cancelNextCheck() {
        ScheduledFuture<?> scheduled = nextCheck;
        if (scheduled != null) {
            scheduled.cancel(false); // false: never interrupt the tick that is running this
            nextCheck = null;
        }
    }

    private synchronized PrintStream log() throws IOException, InterruptedException {
        if (log == null) {
            log = getContext().get(TaskListener.class).getLogger();
        }
        return log;
    }

    @Override
    public synchronized String getStatus() {
        if (done) {
            return "done";
        }
        String waitingFor = buildNumber > 0 ? environmentName + " #" + buildNumber
                : "queue item " + queueId + " of " + environmentName;
        return "waiting for " + waitingFor + " (" + deadline + ")";
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
