package io.jenkins.plugins.gitops;

import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.sync.CheckDecision.Observation;
import java.time.Instant;

/** Records a status as a check would, for tests outside this package (the Pipeline steps). */
public final class EnvironmentStatusFixture {

    private EnvironmentStatusFixture() {
    }

    public static void record(GitOpsEnvironment environment, Instant when, String commit, boolean drift,
            HealthStatus health, String subject) {
        environment.updateStatus(EnvironmentStatus.of(when, Observation.ok(commit, drift, health),
                commit.substring(0, 7), subject));
    }
}
