package io.jenkins.plugins.gitops.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.sync.CheckSchedule.Candidate;
import io.jenkins.plugins.gitops.engine.sync.CheckSchedule.Due;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CheckScheduleTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final CheckSchedule NO_JITTER = new CheckSchedule(Duration.ZERO);

    @Test
    void shouldCheckAnEnvironmentThatWasNeverChecked() {
        assertThat(NO_JITTER.due(new Candidate("shop/prod", null, FIVE_MINUTES, false, false), NOW, false))
                .isEqualTo(Due.DUE);
    }

    @Test
    void shouldCheckWhenTheIntervalHasPassed() {
        Candidate candidate = new Candidate("shop/prod", NOW.minus(FIVE_MINUTES), FIVE_MINUTES, false, false);

        assertThat(NO_JITTER.due(candidate, NOW, false)).isEqualTo(Due.DUE);
    }

    @Test
    void shouldWaitWhileTheIntervalHasNotPassed() {
        Candidate candidate = new Candidate("shop/prod", NOW.minusSeconds(299), FIVE_MINUTES, false, false);

        assertThat(NO_JITTER.due(candidate, NOW, false)).isEqualTo(Due.NOT_YET);
    }

    @Test
    void shouldNeverCheckADisabledEnvironment() {
        assertThat(NO_JITTER.due(new Candidate("shop/prod", null, FIVE_MINUTES, true, false), NOW, false))
                .isEqualTo(Due.DISABLED);
    }

    @Test
    void shouldStartNoCheckWhileJenkinsIsQuietingDown() {
        assertThat(NO_JITTER.due(new Candidate("shop/prod", null, FIVE_MINUTES, false, false), NOW, true))
                .isEqualTo(Due.QUIETING_DOWN);
    }

    @Test
    void shouldNotCheckWhileASyncIsRunningOrQueued() {
        assertThat(NO_JITTER.due(new Candidate("shop/prod", null, FIVE_MINUTES, false, true), NOW, false))
                .isEqualTo(Due.BUSY);
    }

    @Test
    void shouldNeverCheckWhenTheIntervalIsZero() {
        assertThat(NO_JITTER.due(new Candidate("shop/prod", null, Duration.ZERO, false, false), NOW, false))
                .isEqualTo(Due.NEVER);
    }

    @Test
    void shouldGiveAnEnvironmentTheSameJitterEveryTime() {
        CheckSchedule schedule = new CheckSchedule(Duration.ofMinutes(2));

        assertThat(schedule.jitterOf("shop/prod", FIVE_MINUTES)).isEqualTo(schedule.jitterOf("shop/prod", FIVE_MINUTES));
    }

    @Test
    void shouldKeepTheJitterBelowItsMaximum() {
        CheckSchedule schedule = new CheckSchedule(Duration.ofMinutes(2));

        IntStream.range(0, 200).forEach(i -> assertThat(schedule.jitterOf("env-" + i, FIVE_MINUTES))
                .isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(Duration.ofMinutes(2)));
    }

    @Test
    void shouldCapTheJitterAtTheInterval() {
        CheckSchedule schedule = new CheckSchedule(Duration.ofHours(1));

        IntStream.range(0, 200).forEach(i -> assertThat(schedule.jitterOf("env-" + i, FIVE_MINUTES))
                .isLessThan(FIVE_MINUTES));
    }

    @Test
    void shouldSpreadEnvironmentsConfiguredAlikeOverTheJitter() {
        CheckSchedule schedule = new CheckSchedule(Duration.ofMinutes(2));
        Set<Duration> jitters = new HashSet<>();

        IntStream.range(0, 50).forEach(i -> jitters.add(schedule.jitterOf("env-" + i, FIVE_MINUTES)));

        assertThat(jitters).hasSizeGreaterThan(45);
    }

    @Test
    void shouldDelayTheNextCheckByTheEnvironmentsJitter() {
        CheckSchedule schedule = new CheckSchedule(Duration.ofMinutes(2));
        Duration jitter = schedule.jitterOf("shop/prod", FIVE_MINUTES);
        Instant last = NOW.minus(FIVE_MINUTES).minus(jitter);

        assertThat(schedule.due(new Candidate("shop/prod", last, FIVE_MINUTES, false, false), NOW, false))
                .isEqualTo(Due.DUE);
        assertThat(schedule.due(new Candidate("shop/prod", last.plusMillis(1), FIVE_MINUTES, false, false), NOW, false))
                .isEqualTo(Due.NOT_YET);
    }

    @Test
    void shouldCheckTheMostOverdueEnvironmentsFirstUpToTheLimit() {
        List<Candidate> candidates = List.of(
                new Candidate("a", NOW.minus(Duration.ofMinutes(6)), FIVE_MINUTES, false, false),
                new Candidate("b", NOW.minus(Duration.ofMinutes(30)), FIVE_MINUTES, false, false),
                new Candidate("c", null, FIVE_MINUTES, false, false),
                new Candidate("d", NOW.minus(Duration.ofMinutes(1)), FIVE_MINUTES, false, false),
                new Candidate("e", NOW.minus(Duration.ofMinutes(60)), FIVE_MINUTES, true, false));

        assertThat(NO_JITTER.dueAmong(candidates, NOW, false, 2)).containsExactly("c", "b");
        assertThat(NO_JITTER.dueAmong(candidates, NOW, false, 10)).containsExactly("c", "b", "a");
    }

    @Test
    void shouldCheckNothingWhileQuietingDown() {
        List<Candidate> candidates = List.of(new Candidate("a", null, FIVE_MINUTES, false, false));

        assertThat(NO_JITTER.dueAmong(candidates, NOW, true, 10)).isEmpty();
    }

    @Test
    void shouldRefuseANegativeJitter() {
        assertThatThrownBy(() -> new CheckSchedule(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is negative");
    }

    @Test
    void shouldRefuseALimitBelowOne() {
        assertThatThrownBy(() -> NO_JITTER.dueAmong(List.of(), NOW, false, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allow at least 1");
    }
}
