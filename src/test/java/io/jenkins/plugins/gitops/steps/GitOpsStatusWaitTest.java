package io.jenkins.plugins.gitops.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.item.EnvironmentStatus;
import io.jenkins.plugins.gitops.item.EnvironmentStatusFixture;
import org.junit.jupiter.api.Test;

/** When {@code gitopsStatus(waitFor:, commit:)} stops waiting. */
class GitOpsStatusWaitTest {

    private static final String OLD = "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String PROMOTED = "2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    @Test
    void shouldNotCountASyncedStatusOfAnOlderCommit() {
        EnvironmentStatus syncedBeforeThePush = EnvironmentStatusFixture.status(OLD, false, HealthStatus.HEALTHY);

        assertThat(GitOpsStatusStepExecution.holds(GitOpsStatusStep.Condition.SYNCED, "2222222", syncedBeforeThePush))
                .isFalse();
        assertThat(GitOpsStatusStepExecution.holds(GitOpsStatusStep.Condition.SYNCED, null, syncedBeforeThePush))
                .isTrue();
    }

    @Test
    void shouldHoldOnceTheCommitIsSyncedWhateverTheCaseOrLengthOfItsSha() {
        EnvironmentStatus synced = EnvironmentStatusFixture.status(PROMOTED, false, HealthStatus.HEALTHY);
        EnvironmentStatus seenButOutOfSync = EnvironmentStatusFixture.status(PROMOTED, true, HealthStatus.HEALTHY);

        assertThat(GitOpsStatusStepExecution.holds(GitOpsStatusStep.Condition.SYNCED, "2222222", synced)).isTrue();
        assertThat(GitOpsStatusStepExecution.holds(GitOpsStatusStep.Condition.SYNCED, PROMOTED, synced)).isTrue();
        assertThat(GitOpsStatusStepExecution.holds(GitOpsStatusStep.Condition.SYNCED, "2222222", seenButOutOfSync))
                .isFalse();
        assertThat(GitOpsStatusStepExecution.holds(null, "2222222", seenButOutOfSync)).isTrue();
    }

    @Test
    void shouldRefuseACommitThatIsNoSha() {
        GitOpsStatusStep step = new GitOpsStatusStep("shop/prod");

        assertThatThrownBy(() -> step.setCommit("main")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"main\" is not a commit SHA");
        step.setCommit("2222222BBB");
        assertThat(step.getCommit()).isEqualTo("2222222bbb");
    }
}
