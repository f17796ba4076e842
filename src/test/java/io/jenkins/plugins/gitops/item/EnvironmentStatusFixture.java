package io.jenkins.plugins.gitops.item;

import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.sync.CheckDecision.Observation;
import java.time.Instant;

/** Records a status as a check would, for tests outside this package (the Pipeline steps). */
public final class EnvironmentStatusFixture {

    private EnvironmentStatusFixture() {
    }

    /** The status a check of {@code commit} would leave. */
    public static EnvironmentStatus status(String commit, boolean drift, HealthStatus health) {
        return EnvironmentStatus.of(Instant.parse("2026-03-01T10:00:00Z"), Observation.ok(commit, drift, health),
                commit.substring(0, 7), "subject");
    }

    /**
     * Records the status a check of {@code commit} would leave, and stops periodic checks of the environment: a real
     * check (of a test environment without a reachable repository) would replace it with an error.
     */
    public static void record(GitOpsEnvironment environment, Instant when, String commit, boolean drift,
            HealthStatus health, String subject) {
        environment.setCheckIntervalMinutes(0);
        environment.updateStatus(EnvironmentStatus.of(when, Observation.ok(commit, drift, health),
                commit.substring(0, 7), subject));
    }
}
