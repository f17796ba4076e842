package io.jenkins.plugins.gitops.engine.view;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrendPointTest {

    private static final Instant END = Instant.parse("2025-06-01T10:15:32Z");

    @Test
    void shouldRefuseNegativeCounts() {
        assertThatThrownBy(() -> TrendPoint.check(END, "3f1c2b7", -1, 0, SyncStatus.SYNCED, HealthStatus.HEALTHY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trend point: object counts cannot be negative (out of sync -1, unhealthy 0)");
    }
}
