package io.jenkins.plugins.gitops.engine.sync;

/**
 * Where a reconcile tells what it is doing while it does it: the plugin adapts this to a build's console,
 * the command line to its terminal. The same facts end up in the {@link SyncResult}.
 */
@FunctionalInterface
public interface SyncListener {

    SyncListener NONE = line -> { };

    /** One line for a human: a phase starting, an object applied, a wait. Never contains secret values. */
    void event(String line);
}
