package io.jenkins.plugins.gitops.engine.health;

import static io.jenkins.plugins.gitops.engine.health.HealthStatus.DEGRADED;
import static io.jenkins.plugins.gitops.engine.health.HealthStatus.HEALTHY;
import static io.jenkins.plugins.gitops.engine.health.HealthStatus.MISSING;
import static io.jenkins.plugins.gitops.engine.health.HealthStatus.PROGRESSING;
import static io.jenkins.plugins.gitops.engine.health.HealthStatus.SUSPENDED;
import static io.jenkins.plugins.gitops.engine.health.HealthStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class HealthStatusTest {

    @Test
    void shouldOrderStatusesFromBestToWorstAsArgoCdDoes() {
        assertThat(HealthStatus.values()).containsExactly(HEALTHY, SUSPENDED, PROGRESSING, MISSING, DEGRADED, UNKNOWN);
    }

    @ParameterizedTest(name = "{0} is worse than {1}")
    @CsvSource({
            "SUSPENDED, HEALTHY",
            "PROGRESSING, SUSPENDED",
            "MISSING, PROGRESSING",
            "DEGRADED, MISSING",
            "UNKNOWN, DEGRADED",
            "UNKNOWN, HEALTHY"
    })
    void shouldBeWorseThanABetterStatus(HealthStatus worse, HealthStatus better) {
        assertThat(worse.isWorseThan(better)).isTrue();
        assertThat(better.isWorseThan(worse)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(HealthStatus.class)
    void shouldNotBeWorseThanItself(HealthStatus status) {
        assertThat(status.isWorseThan(status)).isFalse();
    }

    @Test
    void shouldPickTheWorseOfTwoStatuses() {
        assertThat(PROGRESSING.worse(DEGRADED)).isEqualTo(DEGRADED);
        assertThat(DEGRADED.worse(PROGRESSING)).isEqualTo(DEGRADED);
        assertThat(HEALTHY.worse(HEALTHY)).isEqualTo(HEALTHY);
    }

    @Test
    void shouldUseTheNamesArgoCdUsersKnow() {
        assertThat(HealthStatus.values()).extracting(HealthStatus::displayName)
                .containsExactly("Healthy", "Suspended", "Progressing", "Missing", "Degraded", "Unknown");
    }
}
