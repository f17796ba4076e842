package io.jenkins.plugins.gitops.engine.pipeline;

import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;

/**
 * How a caller reaches the cluster of a run: the command line from a kubeconfig, the plugin from its
 * connection pool with credentials from Jenkins.
 */
@FunctionalInterface
public interface ClusterStep {

    /**
     * Opens (or leases) a connection; sends no request.
     *
     * @throws StepException when the cluster cannot be configured (no kubeconfig, credentials not found)
     * @throws io.jenkins.plugins.gitops.engine.cluster.ClusterException when the connection cannot be made
     */
    Session open();

    /** A connection for the length of one run, with the namespace the run targets. */
    interface Session extends AutoCloseable {

        ClusterConnection connection();

        /** The environment's default namespace. */
        String namespace();

        /** Gives the connection back (or closes it); never throws. */
        @Override
        void close();
    }
}
