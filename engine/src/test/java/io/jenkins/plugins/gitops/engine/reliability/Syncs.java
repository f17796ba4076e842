package io.jenkins.plugins.gitops.engine.reliability;

import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.diff.DriftDetector;
import io.jenkins.plugins.gitops.engine.health.HealthAssessor;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.sync.ChangeSetEntry;
import io.jenkins.plugins.gitops.engine.sync.Reconciler;
import io.jenkins.plugins.gitops.engine.sync.SyncListener;
import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.Target;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Syncs as the fault tests run them: pruning on (so that any wrong deletion would happen), no waiting for health. */
final class Syncs {

    /** Prune on: every fault test must show that even so, nothing it must keep is deleted. */
    static final SyncPolicy PRUNE = SyncPolicy.defaults().withWaitForHealth(false, Duration.ZERO).withPrune(true);

    /** Prune on, and conflicts reported instead of taken over: the policy that asks a person to decide. */
    static final SyncPolicy PRUNE_KEEPING_CONFLICTS = PRUNE.withForceConflicts(false);

    private Syncs() {
    }

    static SyncResult sync(ClusterConnection connection, String environment, String namespace, List<KubeObject> desired,
            SyncListener listener) {
        return sync(connection, environment, namespace, desired, listener, PRUNE);
    }

    static SyncResult sync(ClusterConnection connection, String environment, String namespace, List<KubeObject> desired,
            SyncListener listener, SyncPolicy policy) {
        return new Reconciler(connection, new HealthAssessor(), new DriftDetector(), Clock.systemUTC(), Duration.ofMillis(200))
                .reconcile(desired, new Target(environment, namespace), policy, Mode.SYNC, listener);
    }

    /** The entry of {@code Kind/namespace/name}; fails listing the entries when there is none. */
    static ChangeSetEntry entry(SyncResult result, String subject) {
        return result.entries().stream().filter(e -> e.ref().toString().equals(subject)).findFirst()
                .orElseThrow(() -> new AssertionError(subject + " not in " + result.entries()));
    }
}
