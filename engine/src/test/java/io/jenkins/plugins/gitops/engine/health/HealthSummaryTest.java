package io.jenkins.plugins.gitops.engine.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.Test;

class HealthSummaryTest {

    @Test
    void shouldReportWorstStatusAndCountPerStatus() {
        HealthSummary summary = HealthSummary.of(List.of(
                Health.healthy(""),
                Health.progressing("Waiting for rollout to finish: 1 of 3 updated replicas are available"),
                Health.degraded("Job failed: BackoffLimitExceeded"),
                Health.healthy("")));

        assertThat(summary.worst()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(summary.count(HealthStatus.HEALTHY)).isEqualTo(2);
        assertThat(summary.count(HealthStatus.PROGRESSING)).isEqualTo(1);
        assertThat(summary.count(HealthStatus.DEGRADED)).isEqualTo(1);
        assertThat(summary.count(HealthStatus.MISSING)).isZero();
        assertThat(summary.total()).isEqualTo(4);
        assertThat(summary.isHealthy()).isFalse();
    }

    @Test
    void shouldListOnlyOccurringStatusesBestFirst() {
        HealthSummary summary = HealthSummary.of(List.of(
                Health.unknown("Health override for Rollout.argoproj.io failed"),
                Health.missing(),
                Health.healthy("")));

        assertThat(summary.counts()).containsExactly(
                entry(HealthStatus.HEALTHY, 1),
                entry(HealthStatus.MISSING, 1),
                entry(HealthStatus.UNKNOWN, 1));
        assertThat(summary).hasToString("Unknown (3 objects: 1 Healthy, 1 Missing, 1 Unknown)");
    }

    @Test
    void shouldBeHealthyWhenThereAreNoObjects() {
        HealthSummary summary = HealthSummary.of(List.of());

        assertThat(summary.worst()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(summary.total()).isZero();
        assertThat(summary).hasToString("Healthy (0 objects)");
    }

    @Test
    void shouldBeHealthyWhenEveryObjectIsHealthy() {
        HealthSummary summary = HealthSummary.of(List.of(Health.healthy(""), Health.healthy("Bound to volume pv-1")));

        assertThat(summary.isHealthy()).isTrue();
        assertThat(summary).hasToString("Healthy (2 objects: 2 Healthy)");
    }
}
