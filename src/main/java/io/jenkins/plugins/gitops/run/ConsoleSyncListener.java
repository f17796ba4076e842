package io.jenkins.plugins.gitops.run;

import hudson.model.TaskListener;
import io.jenkins.plugins.gitops.engine.sync.SyncListener;

/** The engine's progress lines, printed to a build's console as they happen. */
public final class ConsoleSyncListener implements SyncListener {

    private final TaskListener listener;

    public ConsoleSyncListener(TaskListener listener) {
        this.listener = listener;
    }

    @Override
    public void event(String line) {
        listener.getLogger().println(line);
    }
}
