package io.jenkins.plugins.gitops.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SelfHealBackoffTest {

    private static final Instant LAST = Instant.parse("2026-03-01T12:00:00Z");
    private static final SelfHealBackoff BACKOFF = SelfHealBackoff.defaults();

    @Test
    void shouldHealAtOnceWhenNoSelfHealSyncHasFailed() {
        assertThat(BACKOFF.allows(0, null, LAST)).isTrue();
        assertThat(BACKOFF.allows(0, LAST, LAST)).isTrue();
    }

    @Test
    void shouldWaitFiveMinutesAfterASelfHealSyncThatLeftDriftBehind() {
        assertThat(BACKOFF.allows(1, LAST, LAST.plusSeconds(60))).isFalse();
        assertThat(BACKOFF.allows(1, LAST, LAST.plus(Duration.ofMinutes(5)))).isTrue();
    }

    @Test
    void shouldDoubleTheWaitWithEachFailureUpToAnHour() {
        assertThat(BACKOFF.delayAfter(1)).isEqualTo(Duration.ofMinutes(5));
        assertThat(BACKOFF.delayAfter(2)).isEqualTo(Duration.ofMinutes(10));
        assertThat(BACKOFF.delayAfter(4)).isEqualTo(Duration.ofMinutes(40));
        assertThat(BACKOFF.delayAfter(5)).isEqualTo(Duration.ofHours(1));
        assertThat(BACKOFF.delayAfter(1_000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldNeverGiveUpForGood() {
        assertThat(BACKOFF.allows(50, LAST, LAST.plus(Duration.ofMinutes(59)))).isFalse();
        assertThat(BACKOFF.allows(50, LAST, LAST.plus(Duration.ofHours(1)))).isTrue();
    }

    @Test
    void shouldRefuseAMaximumBelowTheFirstWait() {
        assertThatThrownBy(() -> new SelfHealBackoff(Duration.ofMinutes(10), Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("first <= max");
    }
}
