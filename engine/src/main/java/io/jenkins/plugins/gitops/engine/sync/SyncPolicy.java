package io.jenkins.plugins.gitops.engine.sync;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import java.time.Duration;

/**
 * How an environment is reconciled. Each option is explained where users set it; the defaults are the
 * safe ones: no pruning, no forcing, waiting for health.
 *
 * @param prune delete objects this environment applied earlier that are no longer in Git
 * @param allowEmpty allow pruning everything when Git declares no object at all (otherwise an empty
 *     render, which is more often a mistake than a wish, prunes nothing)
 * @param forceConflicts take over fields owned by other field managers instead of reporting conflicts
 * @param waitForHealth after applying, wait until every object is healthy (and between waves)
 * @param healthTimeout how long to wait for health before the sync is reported unhealthy
 * @param propagation how the dependents of pruned objects are deleted
 * @param fieldManager the server-side apply field manager
 */
public record SyncPolicy(boolean prune, boolean allowEmpty, boolean forceConflicts, boolean waitForHealth,
        Duration healthTimeout, DeletionPropagation propagation, String fieldManager) {

    public static SyncPolicy defaults() {
        return new SyncPolicy(false, false, false, true, Duration.ofMinutes(5), DeletionPropagation.BACKGROUND,
                "gitops-sync");
    }

    public SyncPolicy withPrune(boolean value) {
        return new SyncPolicy(value, allowEmpty, forceConflicts, waitForHealth, healthTimeout, propagation, fieldManager);
    }

    public SyncPolicy withAllowEmpty(boolean value) {
        return new SyncPolicy(prune, value, forceConflicts, waitForHealth, healthTimeout, propagation, fieldManager);
    }

    public SyncPolicy withForceConflicts(boolean value) {
        return new SyncPolicy(prune, allowEmpty, value, waitForHealth, healthTimeout, propagation, fieldManager);
    }

    public SyncPolicy withWaitForHealth(boolean value, Duration timeout) {
        return new SyncPolicy(prune, allowEmpty, forceConflicts, value, timeout, propagation, fieldManager);
    }

    public SyncPolicy withPropagation(DeletionPropagation value) {
        return new SyncPolicy(prune, allowEmpty, forceConflicts, waitForHealth, healthTimeout, value, fieldManager);
    }

    public SyncPolicy withFieldManager(String value) {
        return new SyncPolicy(prune, allowEmpty, forceConflicts, waitForHealth, healthTimeout, propagation, value);
    }
}
