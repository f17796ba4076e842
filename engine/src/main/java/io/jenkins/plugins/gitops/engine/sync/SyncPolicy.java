package io.jenkins.plugins.gitops.engine.sync;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import java.time.Duration;

/**
 * How an environment is reconciled. Each option is explained where users set it. The defaults: no pruning,
 * Git wins over other field managers (as in Argo CD and Flux: a {@code kubectl edit} of a declared field is
 * taken back, and reported), waiting for health.
 *
 * @param prune delete objects this environment applied earlier that are no longer in Git
 * @param allowEmpty allow pruning everything when Git declares no object at all (otherwise an empty
 *     render, which is more often a mistake than a wish, prunes nothing)
 * @param forceConflicts take declared fields back from other field managers (server-side apply with force),
 *     reporting each takeover; off, a field another manager changed is reported as a conflict and the object
 *     is left as it is
 * @param waitForHealth after applying, wait until every object is healthy (and between waves)
 * @param healthTimeout how long to wait for health before the sync is reported unhealthy
 * @param propagation how the dependents of pruned objects are deleted
 * @param fieldManager the server-side apply field manager
 */
public record SyncPolicy(boolean prune, boolean allowEmpty, boolean forceConflicts, boolean waitForHealth,
        Duration healthTimeout, DeletionPropagation propagation, String fieldManager) implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    public static SyncPolicy defaults() {
        return new SyncPolicy(false, false, true, true, Duration.ofMinutes(5), DeletionPropagation.BACKGROUND,
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
