package io.jenkins.plugins.gitops.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.sync.CheckSchedule.Candidate;
import io.jenkins.plugins.gitops.engine.sync.CheckSchedule.Due;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks asked for by a push notification, on top of the periodic ones. */
class CheckScheduleRequestTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant PUSHED = NOW.minusSeconds(5);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final CheckSchedule NO_JITTER = new CheckSchedule(Duration.ZERO);

    @Test
    void shouldCheckARequestedEnvironmentBeforeItsInterval() {
        Candidate candidate = new Candidate("shop/prod", NOW.minusSeconds(30), FIVE_MINUTES, false, false, PUSHED);

        assertThat(NO_JITTER.due(candidate, NOW, false)).isEqualTo(Due.REQUESTED);
    }

    @Test
    void shouldCheckARequestedEnvironmentWithoutPeriodicChecks() {
        Candidate candidate = new Candidate("shop/prod", NOW.minusSeconds(30), Duration.ZERO, false, false, PUSHED);

        assertThat(NO_JITTER.due(candidate, NOW, false)).isEqualTo(Due.REQUESTED);
    }

    @Test
    void shouldNeverCheckADisabledEnvironmentEvenWhenRequested() {
        assertThat(NO_JITTER.due(new Candidate("shop/prod", null, FIVE_MINUTES, true, false, PUSHED), NOW, false))
                .isEqualTo(Due.DISABLED);
    }

    @Test
    void shouldKeepARequestWaitingWhileASyncRuns() {
        assertThat(NO_JITTER.due(new Candidate("shop/prod", null, FIVE_MINUTES, false, true, PUSHED), NOW, false))
                .isEqualTo(Due.BUSY);
    }

    @Test
    void shouldStartNoRequestedCheckWhileJenkinsIsQuietingDown() {
        assertThat(NO_JITTER.due(new Candidate("shop/prod", null, FIVE_MINUTES, false, false, PUSHED), NOW, true))
                .isEqualTo(Due.QUIETING_DOWN);
    }

    @Test
    void shouldCheckRequestedEnvironmentsFirstEarliestRequestFirst() {
        List<Candidate> candidates = List.of(
                new Candidate("overdue", NOW.minus(Duration.ofHours(1)), FIVE_MINUTES, false, false),
                new Candidate("never-checked", null, FIVE_MINUTES, false, false),
                new Candidate("pushed-later", NOW.minusSeconds(10), FIVE_MINUTES, false, false, NOW.minusSeconds(1)),
                new Candidate("pushed-first", NOW.minusSeconds(10), FIVE_MINUTES, false, false, NOW.minusSeconds(3)),
                new Candidate("pushed-but-disabled", null, FIVE_MINUTES, true, false, NOW.minusSeconds(9)));

        assertThat(NO_JITTER.dueAmong(candidates, NOW, false, 3)).containsExactly("pushed-first", "pushed-later", "never-checked");
        assertThat(NO_JITTER.dueAmong(candidates, NOW, false, 10))
                .containsExactly("pushed-first", "pushed-later", "never-checked", "overdue");
    }

    @Test
    void shouldAnswerTheRequestACheckSawWhenItStarted() {
        assertThat(CheckSchedule.requestAfterCheck(PUSHED, PUSHED)).isNull();
    }

    @Test
    void shouldKeepARequestMadeWhileTheCheckRan() {
        Instant pushedAgain = PUSHED.plusSeconds(2);

        assertThat(CheckSchedule.requestAfterCheck(PUSHED, pushedAgain)).isEqualTo(pushedAgain);
        assertThat(CheckSchedule.requestAfterCheck(null, pushedAgain)).isEqualTo(pushedAgain);
    }

    @Test
    void shouldHaveNothingToKeepWithoutARequest() {
        assertThat(CheckSchedule.requestAfterCheck(null, null)).isNull();
        assertThat(CheckSchedule.requestAfterCheck(PUSHED, null)).isNull();
    }
}
