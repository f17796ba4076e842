package io.jenkins.plugins.gitops.engine.sync;

import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;

/**
 * The one definition of "this object differs from Git once the reconcile is over", used by the verdict, the
 * report, the console, the badge and every count; nothing else decides it.
 *
 * <ul>
 *   <li>on a preview or dry run: every object a sync would write (create, configure, recreate, take over,
 *       prune), and every object it could not reconcile;</li>
 *   <li>after a sync: the objects it could not reconcile: conflicts, failures, declared objects it never
 *       reached because it stopped;</li>
 *   <li>never: hooks, which run at a phase of a sync and are not part of the desired state;</li>
 *   <li>always: extra objects left in place (pruning off, or an annotation that keeps them), as Argo CD counts
 *       them: the cluster still differs from Git, although no sync will change that by itself; except those
 *       annotated Argo CD's {@code compare-options: IgnoreExtraneous} (or {@code gitops-sync.jenkins.io/ignore-extraneous}),
 *       which the prune phase records as unchanged, as Argo CD leaves them out of the application's status.</li>
 * </ul>
 */
public final class OutOfSync {

    private OutOfSync() {
    }

    /** Whether an object with {@code action}, after a reconcile in {@code mode}, differs from Git. */
    public static boolean isOutOfSync(Action action, Mode mode) {
        return switch (action) {
            case CONFLICT, FAILED, SKIPPED -> true;
            case CREATED, CONFIGURED, RECREATED, HANDED_OVER, PRUNED -> mode != Mode.SYNC;
            case UNCHANGED, HOOK -> false;
        };
    }

    /**
     * Whether a sync would write anything (or, after a sync, whether it left conflicts behind): what a periodic
     * check acts on. Extra objects a sync leaves alone are out of sync, but no reason to sync again, or
     * self-heal would sync every interval without ever changing them.
     */
    public static boolean syncWouldWrite(SyncResult result) {
        return result.mode() == Mode.SYNC
                ? result.outcome() == SyncResult.Outcome.CONFLICTS
                : result.entries().stream().anyMatch(entry -> entry.action().isWrite());
    }
}
