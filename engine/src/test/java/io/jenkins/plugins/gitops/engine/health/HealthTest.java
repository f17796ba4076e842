package io.jenkins.plugins.gitops.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthTest {

    @Test
    void shouldPrintStatusAndMessage() {
        assertThat(Health.progressing("Waiting for rollout to finish: 1 of 3 updated replicas are available"))
                .hasToString("Progressing: Waiting for rollout to finish: 1 of 3 updated replicas are available");
    }

    @Test
    void shouldPrintOnlyStatusWhenThereIsNoMessage() {
        assertThat(Health.healthy(null)).hasToString("Healthy");
        assertThat(Health.healthy(null).hasMessage()).isFalse();
    }
}
