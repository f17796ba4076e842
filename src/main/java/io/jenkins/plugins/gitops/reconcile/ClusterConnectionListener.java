package io.jenkins.plugins.gitops.reconcile;

import hudson.ExtensionList;
import hudson.ExtensionPoint;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;

/**
 * Told of every pooled cluster connection a run of an environment uses, so that what serves all runs of that
 * cluster (the periodic checks' live state cache) can attach to it without a run knowing who started it.
 */
public interface ClusterConnectionListener extends ExtensionPoint {

    /** Called on each lease of a pooled connection; must be cheap and idempotent per connection. */
    void onConnection(ClusterConnection connection, GitOpsConfiguration configuration);

    /** Tells every registered listener. */
    static void fireOnConnection(ClusterConnection connection, GitOpsConfiguration configuration) {
        for (ClusterConnectionListener listener : ExtensionList.lookup(ClusterConnectionListener.class)) {
            listener.onConnection(connection, configuration);
        }
    }
}
