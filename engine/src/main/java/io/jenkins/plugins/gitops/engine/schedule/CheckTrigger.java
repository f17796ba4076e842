package io.jenkins.plugins.gitops.engine.schedule;

/**
 * Why a check is due. Checks someone is waiting for (a push, a change seen in the cluster) go before periodic
 * ones; {@link CheckPool} still keeps periodic checks from starving.
 */
public enum CheckTrigger {
    /** The Git server announced a push to the environment's repository. */
    PUSH,
    /** A watch saw someone else change (or delete) an object the environment manages. */
    DRIFT,
    /** The environment's interval (plus its jitter) has passed. */
    PERIODIC;

    /** Whether someone waits for this check, so that it goes before periodic ones. */
    public boolean isAskedFor() {
        return this != PERIODIC;
    }
}
