package io.jenkins.plugins.gitops.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.sync.CheckDecision.Observation;
import io.jenkins.plugins.gitops.engine.sync.CheckDecision.Reason;
import io.jenkins.plugins.gitops.engine.sync.CheckDecision.Verdict;
import org.junit.jupiter.api.Test;

class CheckDecisionTest {

    private static final String A = "1111111111111111111111111111111111111111";
    private static final String B = "2222222222222222222222222222222222222222";

    private static final Observation IN_SYNC_AT_A = Observation.ok(A, false, HealthStatus.HEALTHY);
    private static final Observation DRIFT_AT_A = Observation.ok(A, true, HealthStatus.HEALTHY);
    private static final Observation IN_SYNC_AT_B = Observation.ok(B, false, HealthStatus.HEALTHY);
    private static final Observation DRIFT_AT_B = Observation.ok(B, true, HealthStatus.HEALTHY);

    @Test
    void shouldOnlyUpdateTheStatusWhenNothingChanged() {
        assertThat(CheckDecision.decide(IN_SYNC_AT_A, IN_SYNC_AT_A, true, true))
                .isEqualTo(new CheckDecision(Verdict.NO_BUILD, Reason.UNCHANGED));
    }

    @Test
    void shouldSyncANewRevisionWhenAutomated() {
        assertThat(CheckDecision.decide(IN_SYNC_AT_A, DRIFT_AT_B, true, false))
                .isEqualTo(new CheckDecision(Verdict.SYNC, Reason.NEW_REVISION));
    }

    @Test
    void shouldRecordANewRevisionWhenSyncedByHand() {
        assertThat(CheckDecision.decide(IN_SYNC_AT_A, DRIFT_AT_B, false, false))
                .isEqualTo(new CheckDecision(Verdict.RECORD_CHECK, Reason.NEW_REVISION));
    }

    @Test
    void shouldNotBuildForANewRevisionThatChangesNothing() {
        assertThat(CheckDecision.decide(IN_SYNC_AT_A, IN_SYNC_AT_B, true, true))
                .isEqualTo(new CheckDecision(Verdict.NO_BUILD, Reason.NEW_REVISION));
    }

    @Test
    void shouldRevertDriftWhenSelfHealing() {
        assertThat(CheckDecision.decide(IN_SYNC_AT_A, DRIFT_AT_A, true, true))
                .isEqualTo(new CheckDecision(Verdict.SYNC, Reason.DRIFT));
    }

    @Test
    void shouldKeepRevertingDriftThatPersistsWhenSelfHealing() {
        assertThat(CheckDecision.decide(DRIFT_AT_A, DRIFT_AT_A, true, true))
                .isEqualTo(new CheckDecision(Verdict.SYNC, Reason.DRIFT));
    }

    @Test
    void shouldRecordNewDriftWithoutSelfHeal() {
        assertThat(CheckDecision.decide(IN_SYNC_AT_A, DRIFT_AT_A, true, false))
                .isEqualTo(new CheckDecision(Verdict.RECORD_CHECK, Reason.DRIFT));
    }

    @Test
    void shouldRecordDriftOnlyOnceWithoutSelfHeal() {
        assertThat(CheckDecision.decide(DRIFT_AT_A, DRIFT_AT_A, true, false))
                .isEqualTo(new CheckDecision(Verdict.NO_BUILD, Reason.DRIFT));
    }

    @Test
    void shouldNeverSelfHealWithoutAutomatedSync() {
        assertThat(CheckDecision.decide(IN_SYNC_AT_A, DRIFT_AT_A, false, true).verdict())
                .isEqualTo(Verdict.RECORD_CHECK);
    }

    @Test
    void shouldOnlyUpdateTheStatusWhenDriftIsGone() {
        assertThat(CheckDecision.decide(DRIFT_AT_A, IN_SYNC_AT_A, false, false))
                .isEqualTo(new CheckDecision(Verdict.NO_BUILD, Reason.DRIFT_RESOLVED));
    }

    @Test
    void shouldRecordAnErrorWhenItFirstAppears() {
        assertThat(CheckDecision.decide(IN_SYNC_AT_A, Observation.failed(A, "web.yaml:3: malformed YAML"), true, true))
                .isEqualTo(new CheckDecision(Verdict.RECORD_CHECK, Reason.ERROR));
    }

    @Test
    void shouldNotRecordTheSameErrorAgain() {
        Observation failed = Observation.failed(null, "https://git.example.com/shop.git: authentication failed");

        assertThat(CheckDecision.decide(failed, failed, true, true))
                .isEqualTo(new CheckDecision(Verdict.NO_BUILD, Reason.ERROR));
    }

    @Test
    void shouldRecordAnErrorThatChanged() {
        assertThat(CheckDecision.decide(Observation.failed(A, "web.yaml:3: malformed YAML"),
                Observation.failed(B, "web.yaml:9: malformed YAML"), true, true).verdict())
                .isEqualTo(Verdict.RECORD_CHECK);
    }

    @Test
    void shouldNeverSyncOnAFailedCheck() {
        assertThat(CheckDecision.decide(null, Observation.failed(A, "render failed"), true, true).verdict())
                .isNotEqualTo(Verdict.SYNC);
    }

    @Test
    void shouldOnlyUpdateTheStatusWhenAnErrorIsResolved() {
        assertThat(CheckDecision.decide(Observation.failed(A, "render failed"), IN_SYNC_AT_A, true, true))
                .isEqualTo(new CheckDecision(Verdict.NO_BUILD, Reason.ERROR_RESOLVED));
    }

    @Test
    void shouldRecordHealthThatGotWorse() {
        assertThat(CheckDecision.decide(IN_SYNC_AT_A, Observation.ok(A, false, HealthStatus.DEGRADED), true, true))
                .isEqualTo(new CheckDecision(Verdict.RECORD_CHECK, Reason.HEALTH_DEGRADED));
    }

    @Test
    void shouldNotRecordHealthThatGotBetter() {
        assertThat(CheckDecision.decide(Observation.ok(A, false, HealthStatus.PROGRESSING), IN_SYNC_AT_A, true, true)
                .verdict()).isEqualTo(Verdict.NO_BUILD);
    }

    @Test
    void shouldSyncDriftFoundByTheFirstCheckWhenAutomated() {
        assertThat(CheckDecision.decide(null, DRIFT_AT_A, true, false))
                .isEqualTo(new CheckDecision(Verdict.SYNC, Reason.FIRST_CHECK));
    }

    @Test
    void shouldRecordDriftFoundByTheFirstCheckWhenSyncedByHand() {
        assertThat(CheckDecision.decide(null, DRIFT_AT_A, false, false))
                .isEqualTo(new CheckDecision(Verdict.RECORD_CHECK, Reason.FIRST_CHECK));
    }

    @Test
    void shouldNotBuildWhenTheFirstCheckFindsNoDrift() {
        assertThat(CheckDecision.decide(null, IN_SYNC_AT_A, true, true).verdict()).isEqualTo(Verdict.NO_BUILD);
    }

    @Test
    void shouldSyncACommitThatArrivedWhilePausedOnceAutomaticSyncResumes() {
        // paused: the check saw B (automation off), the last sync deployed A
        CheckDecision whilePaused = CheckDecision.decide(IN_SYNC_AT_A, DRIFT_AT_B, false, false, A);
        // resumed: the next check sees B again, which no sync has deployed yet
        CheckDecision afterResume = CheckDecision.decide(DRIFT_AT_B, DRIFT_AT_B, true, false, A);

        assertThat(whilePaused.verdict()).isEqualTo(Verdict.RECORD_CHECK);
        assertThat(afterResume).isEqualTo(new CheckDecision(Verdict.SYNC, Reason.NEW_REVISION));
    }

    @Test
    void shouldSyncACommitSeenInManualModeOnceAutomaticSyncIsSwitchedOn() {
        assertThat(CheckDecision.decide(DRIFT_AT_B, DRIFT_AT_B, true, false, null))
                .isEqualTo(new CheckDecision(Verdict.SYNC, Reason.NEW_REVISION));
    }

    @Test
    void shouldNotSyncAgainACommitTheLastSyncDeployedWithoutSelfHeal() {
        assertThat(CheckDecision.decide(DRIFT_AT_B, DRIFT_AT_B, true, false, B).verdict()).isEqualTo(Verdict.NO_BUILD);
    }

    @Test
    void shouldKnowTheLastSyncedCommitByItsAbbreviationAsStatusFilesKeepIt() {
        // found on a running Jenkins: the status keeps "2222222", the check sees the full id; with self-heal off
        // and nothing new, no sync
        assertThat(CheckDecision.decide(DRIFT_AT_B, DRIFT_AT_B, true, false, B.substring(0, 7)).verdict())
                .isEqualTo(Verdict.NO_BUILD);
        assertThat(CheckDecision.decide(DRIFT_AT_B, DRIFT_AT_B, true, false, A.substring(0, 7)).verdict())
                .isEqualTo(Verdict.SYNC);
    }
}
