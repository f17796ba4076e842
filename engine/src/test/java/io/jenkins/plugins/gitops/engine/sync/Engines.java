package io.jenkins.plugins.gitops.engine.sync;

import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.diff.DriftDetector;
import io.jenkins.plugins.gitops.engine.health.HealthAssessor;
import java.time.Clock;
import java.time.Duration;

/** Reconcilers as tests use them: the standard drift rules, and short polls so waits end quickly. */
final class Engines {

    private Engines() {
    }

    static Reconciler reconciler(ClusterConnection connection) {
        return new Reconciler(connection, new HealthAssessor(), new DriftDetector(), Clock.systemUTC(),
                Duration.ofMillis(200));
    }
}
