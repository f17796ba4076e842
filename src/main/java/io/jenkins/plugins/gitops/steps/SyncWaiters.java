package io.jenkins.plugins.gitops.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.TaskListener;
import hudson.model.listeners.RunListener;
import io.jenkins.plugins.gitops.run.SyncRun;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jenkins.util.Timer;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The {@code gitopsSync(wait: true)} steps waiting in this Jenkins, by the id of the queue item they wait for, and
 * the listener that wakes them when that item's sync build starts, ends or is deleted, so that the step reacts at
 * once rather than at its next timer tick (a sync build keeps its queue item's id, {@link SyncRun#getQueueId()}).
 *
 * <p>Nothing here is saved, and each Jenkins has its own: a step registers when it starts and again when its
 * Pipeline resumes after a restart, and on resuming it looks at the build itself, so a sync that ended while
 * Jenkins was down or before the Pipeline resumed is not missed.
 */
@Extension
@Restricted(NoExternalUse.class)
public final class SyncWaiters extends RunListener<SyncRun> {

    private final Map<Long, Set<GitOpsSyncStepExecution>> waiting = new ConcurrentHashMap<>();

    static SyncWaiters get() {
        return ExtensionList.lookupSingleton(SyncWaiters.class);
    }

    void add(long queueId, GitOpsSyncStepExecution execution) {
        waiting.computeIfAbsent(queueId, id -> ConcurrentHashMap.newKeySet()).add(execution);
    }

    void remove(long queueId, GitOpsSyncStepExecution execution) {
        waiting.computeIfPresent(queueId, (id, executions) -> {
            executions.remove(execution);
            return executions.isEmpty() ? null : executions;
        });
    }

    @Override
    public void onStarted(SyncRun sync, TaskListener listener) {
        wake(sync);
    }

    @Override
    public void onFinalized(SyncRun sync) {
        wake(sync);
    }

    @Override
    public void onDeleted(@NonNull SyncRun sync) {
        wake(sync);
    }

    /** The steps look at the build on a timer thread: never on the sync's own thread, which may hold locks. */
    private void wake(SyncRun sync) {
        Set<GitOpsSyncStepExecution> executions = waiting.get(sync.getQueueId());
        if (executions != null) {
            for (GitOpsSyncStepExecution execution : executions) {
                Timer.get().submit(execution::check);
            }
        }
    }
}
