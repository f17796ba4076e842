package io.jenkins.plugins.gitops.item;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.sync.CheckDecision.Observation;
import io.jenkins.plugins.gitops.engine.sync.SelfHealBackoff;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the status remembers between checks: the last sync, and the run of self-heal syncs that left drift. */
class EnvironmentStatusTest {

    private static final String COMMIT = "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void shouldBackOffSelfHealAfterEachSyncThatLeftDriftAndStartAgainOnceDriftIsGone() {
        EnvironmentStatus afterFirst = sync(true, T0).withSelfHealOutcome(true, T0);
        EnvironmentStatus afterSecond = sync(true, T0.plusSeconds(600)).withLastSyncOf(afterFirst)
                .withSelfHealOutcome(true, T0.plusSeconds(600));
        SelfHealBackoff backoff = SelfHealBackoff.defaults();

        assertThat(afterFirst.getSelfHealFailures()).isEqualTo(1);
        assertThat(afterSecond.getSelfHealFailures()).isEqualTo(2);
        // ten minutes after the second failure, self-heal still waits; twenty minutes after, it may try again
        assertThat(backoff.allows(afterSecond.getSelfHealFailures(), afterSecond.getLastSelfHeal(),
                T0.plusSeconds(600).plus(Duration.ofMinutes(9)))).isFalse();
        assertThat(backoff.allows(afterSecond.getSelfHealFailures(), afterSecond.getLastSelfHeal(),
                T0.plusSeconds(600).plus(Duration.ofMinutes(10)))).isTrue();

        EnvironmentStatus healed = sync(false, T0.plusSeconds(1800)).withLastSyncOf(afterSecond)
                .withSelfHealOutcome(false, T0.plusSeconds(1800));
        assertThat(healed.getSelfHealFailures()).isZero();
    }

    @Test
    void shouldKeepTheRunOfFailuresThroughChecksAndAUserSyncThatLeftDrift() {
        EnvironmentStatus failed = sync(true, T0).withSelfHealOutcome(true, T0);
        EnvironmentStatus check = sync(true, T0.plusSeconds(180)).withLastSyncOf(failed);
        EnvironmentStatus userSync = sync(true, T0.plusSeconds(240)).withLastSyncOf(check)
                .withSelfHealOutcome(false, T0.plusSeconds(240));

        assertThat(check.getSelfHealFailures()).isEqualTo(1);
        assertThat(userSync.getSelfHealFailures()).isEqualTo(1);
        assertThat(userSync.getLastSelfHeal()).isEqualTo(T0);
    }

    private static EnvironmentStatus sync(boolean driftLeft, Instant when) {
        return EnvironmentStatus.of(when, Observation.ok(COMMIT, driftLeft, HealthStatus.HEALTHY), "1111111", "subject");
    }
}
