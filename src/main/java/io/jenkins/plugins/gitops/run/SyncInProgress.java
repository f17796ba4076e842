package io.jenkins.plugins.gitops.run;

import hudson.model.InvisibleAction;
import hudson.model.Run;
import jenkins.model.RunAction2;

/**
 * Marks a sync build as running in its {@code build.xml} from its first step until its result is recorded. A
 * build read back with the mark still there was stopped by a Jenkins restart (or crash): its page says so,
 * Jenkins loads it as aborted, and nothing re-runs it (a sync build is never resumed, so no object is applied
 * twice by accident; the next periodic check compares Git with the cluster again).
 */
public final class SyncInProgress extends InvisibleAction implements RunAction2 {

    private transient Run<?, ?> owner;

    @Override
    public void onAttached(Run<?, ?> run) {
        owner = run;
    }

    @Override
    public void onLoad(Run<?, ?> run) {
        owner = run;
    }

    /** Whether the sync ended without recording its result: Jenkins stopped while it ran. */
    public boolean isInterrupted() {
        return owner != null && !owner.isBuilding();
    }
}
