package io.jenkins.plugins.gitops.scheduling;

import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.reconcile.ClusterConnectionListener;

/** Lets each pooled cluster connection's live state cache serve the periodic checks ({@link PeriodicReconciler}). */
@Extension
public final class LiveStateCacheWiring implements ClusterConnectionListener {

    @Override
    public void onConnection(ClusterConnection connection, GitOpsConfiguration configuration) {
        ExtensionList.lookupSingleton(PeriodicReconciler.class).useLiveStateCache(connection, configuration);
    }
}
