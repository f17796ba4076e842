package io.jenkins.plugins.gitops.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Queue;
import hudson.model.Result;
import hudson.model.queue.CauseOfBlockage;
import hudson.model.queue.QueueTaskDispatcher;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.item.EnvironmentStatusFixture;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * {@code gitopsSync(wait: true)} and {@code gitopsStatus(waitFor:)} wait without holding a thread and go on
 * waiting after Jenkins restarts, with their timeouts. Each test runs Jenkins twice on the same home; a sync is
 * held in the queue by {@link HoldSyncs} until the test lets it run. Each Pipeline script is a resource named
 * after its test, in {@code src/test/resources/io/jenkins/plugins/gitops/steps/GitOpsStepsRestartITest/}.
 */
class GitOpsStepsRestartITest {

    /** Long enough for a Jenkins under load; the tests wait for conditions, never for a time. */
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @AfterEach
    void restoreClockAndQueue() {
        StepDeadline.clock = Clock.systemUTC();
        HoldSyncs.holding = false;
    }

    @Test
    void shouldCompleteAWaitingSyncWithItsResultAfterARestart() throws Throwable {
        sessions.then(jenkins -> {
            jenkins.createProject(GitOpsEnvironment.class, "shop-prod"); // no repository: its sync fails
            HoldSyncs.holding = true;
            WorkflowRun run = start(jenkins, "shouldCompleteAWaitingSyncWithItsResultAfterARestart");
            awaitLog(run, "Sync of shop-prod queued");

            assertWaitingWithoutAThread(run, GitOpsSyncStepExecution.class);
        });
        sessions.then(jenkins -> {
            WorkflowRun run = firstRun(jenkins);
            GitOpsEnvironment environment = jenkins.jenkins.getItemByFullName("shop-prod", GitOpsEnvironment.class);
            awaitLog(run, "Jenkins restarted; still waiting for the sync of shop-prod");
            assertThat(environment.getBuilds()).as("the sync is still held in the queue").isEmpty();
            assertThat(jenkins.jenkins.getQueue().getItems()).as("the queue was saved and read back").hasSize(1);

            HoldSyncs.holding = false;
            jenkins.jenkins.getQueue().scheduleMaintenance();

            awaitCompletion(jenkins, run);
            jenkins.assertBuildStatus(Result.SUCCESS, run); // propagate: false
            jenkins.assertLogContains("Sync started: ", run);
            jenkins.assertLogContains("  Syncing shop-prod", run); // the sync's console, copied as it grows
            jenkins.assertLogContains("result=FAILURE number=1", run);
            assertThat(environment.getBuildByNumber(1).getResult()).isEqualTo(Result.FAILURE);
        });
    }

    @Test
    void shouldCompleteAWaitingSyncThatRanBeforeThePipelineResumed() throws Throwable {
        sessions.then(jenkins -> {
            jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
            HoldSyncs.holding = true;
            WorkflowRun run = start(jenkins, "shouldCompleteAWaitingSyncThatRanBeforeThePipelineResumed");
            awaitLog(run, "Sync of shop-prod queued");
        });
        // The saved queue runs the sync as soon as Jenkins is up, maybe before the Pipeline resumes.
        HoldSyncs.holding = false;
        sessions.then(jenkins -> {
            WorkflowRun run = firstRun(jenkins);

            awaitCompletion(jenkins, run);
            jenkins.assertBuildStatus(Result.FAILURE, run); // propagate: true
            jenkins.assertLogContains("shop-prod #1 finished with result FAILURE", run);
        });
    }

    @Test
    void shouldCompleteAWaitingStatusWhenTheConditionHoldsAfterARestart() throws Throwable {
        sessions.then(jenkins -> {
            jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
            WorkflowRun run = start(jenkins, "shouldCompleteAWaitingStatusWhenTheConditionHoldsAfterARestart");
            awaitLog(run, "Waiting for shop-prod to be Synced");

            assertWaitingWithoutAThread(run, GitOpsStatusStepExecution.class);
        });
        sessions.then(jenkins -> {
            WorkflowRun run = firstRun(jenkins);
            awaitLog(run, "Jenkins restarted; still waiting for shop-prod to be Synced");
            assertThat(run.isBuilding()).as("the environment is not synced yet").isTrue();

            GitOpsEnvironment environment = jenkins.jenkins.getItemByFullName("shop-prod", GitOpsEnvironment.class);
            EnvironmentStatusFixture.record(environment, Instant.now(), "4f2a9c1d0e8b7a6f5e4d3c2b1a0f9e8d7c6b5a49",
                    false, HealthStatus.HEALTHY, "Set web to 1.4.2");

            awaitCompletion(jenkins, run);
            jenkins.assertBuildStatusSuccess(run);
            jenkins.assertLogContains("syncStatus=Synced commit=4f2a9c1d0e8b7a6f5e4d3c2b1a0f9e8d7c6b5a49", run);
        });
    }

    @Test
    void shouldFailAStatusWaitWhoseTimeoutRanOutWhileJenkinsWasDown() throws Throwable {
        sessions.then(jenkins -> {
            jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
            WorkflowRun run = start(jenkins, "shouldFailAStatusWaitWhoseTimeoutRanOutWhileJenkinsWasDown");
            awaitLog(run, "Waiting for shop-prod to be Synced");
        });
        // Jenkins is down for longer than the step's timeout of 1 minute.
        StepDeadline.clock = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2));
        sessions.then(jenkins -> {
            WorkflowRun run = firstRun(jenkins);

            awaitCompletion(jenkins, run);
            jenkins.assertBuildStatus(Result.FAILURE, run);
            jenkins.assertLogContains("shop-prod was not Synced within 1 minute(s)", run);
        });
    }

    @Test
    void shouldFailASyncWaitWhoseTimeoutRanOutWhileJenkinsWasDown() throws Throwable {
        sessions.then(jenkins -> {
            jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
            HoldSyncs.holding = true;
            WorkflowRun run = start(jenkins, "shouldFailASyncWaitWhoseTimeoutRanOutWhileJenkinsWasDown");
            awaitLog(run, "Sync of shop-prod queued");
        });
        StepDeadline.clock = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2));
        sessions.then(jenkins -> {
            WorkflowRun run = firstRun(jenkins);

            awaitCompletion(jenkins, run);
            jenkins.assertBuildStatus(Result.FAILURE, run);
            jenkins.assertLogContains("shop-prod: the sync did not start within 1 minute(s); it is still queued", run);
            assertThat(jenkins.jenkins.getQueue().getItems()).as("the sync goes on without the Pipeline").hasSize(1);
        });
    }

    @Test
    void shouldStopWaitingButNotTheSyncWhenThePipelineIsAborted() throws Throwable {
        sessions.then(jenkins -> {
            jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
            HoldSyncs.holding = true;
            WorkflowRun run = start(jenkins, "shouldStopWaitingButNotTheSyncWhenThePipelineIsAborted");
            awaitLog(run, "Sync of shop-prod queued");

            run.doStop();

            awaitCompletion(jenkins, run);
            jenkins.assertBuildStatus(Result.ABORTED, run);
            assertThat(jenkins.jenkins.getQueue().getItems()).as("the sync goes on without the Pipeline").hasSize(1);
        });
    }

    /**
     * The step is waiting in an execution that owns no thread (not a {@link SynchronousNonBlockingStepExecution}),
     * and no thread sleeps or waits in the step's code.
     */
    private static void assertWaitingWithoutAThread(WorkflowRun run, Class<? extends StepExecution> type)
            throws Exception {
        List<StepExecution> executions = run.getExecution().getCurrentExecutions(true).get(1, TimeUnit.MINUTES);
        assertThat(executions).singleElement().isInstanceOf(type)
                .isNotInstanceOf(SynchronousNonBlockingStepExecution.class)
                .satisfies(execution -> assertThat(execution.getStatus()).startsWith("waiting for"));
        Set<Thread.State> parked = Set.of(Thread.State.WAITING, Thread.State.TIMED_WAITING);
        for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
            boolean inStep = Arrays.stream(thread.getValue())
                    .anyMatch(frame -> frame.getClassName().startsWith(type.getName()));
            assertThat(inStep && parked.contains(thread.getKey().getState()))
                    .as("thread %s waits in %s", thread.getKey().getName(), type.getSimpleName()).isFalse();
        }
    }

    private static WorkflowRun start(JenkinsRule jenkins, String test) throws Exception {
        WorkflowJob job = jenkins.createProject(WorkflowJob.class, "app");
        job.setDefinition(new CpsFlowDefinition(script(test), true));
        return job.scheduleBuild2(0).waitForStart();
    }

    private static WorkflowRun firstRun(JenkinsRule jenkins) {
        WorkflowRun run = jenkins.jenkins.getItemByFullName("app", WorkflowJob.class).getBuildByNumber(1);
        assertThat(run).as("the Pipeline of the first session").isNotNull();
        return run;
    }

    private static void awaitLog(WorkflowRun run, String text) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!JenkinsRule.getLog(run).contains(text)) {
            assertThat(Instant.now()).as("log of %s contains \"%s\":%n%s", run, text, JenkinsRule.getLog(run))
                    .isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static void awaitCompletion(JenkinsRule jenkins, WorkflowRun run) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (run.isBuilding()) {
            assertThat(Instant.now()).as("%s completes:%n%s", run, JenkinsRule.getLog(run)).isBefore(deadline);
            Thread.sleep(100);
        }
        jenkins.waitForCompletion(run); // and its executor is free again
    }

    private static String script(String test) throws IOException {
        try (InputStream in = GitOpsStepsRestartITest.class.getResourceAsStream(
                "GitOpsStepsRestartITest/" + test + ".groovy")) {
            if (in == null) {
                throw new IOException("No Pipeline script GitOpsStepsRestartITest/" + test + ".groovy");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Keeps every sync in the queue while {@link #holding}, as a busy environment or a full controller would. */
    @TestExtension
    public static final class HoldSyncs extends QueueTaskDispatcher {

        static volatile boolean holding;

        @Override
        public CauseOfBlockage canRun(Queue.Item item) {
            if (!holding || !(item.task instanceof GitOpsEnvironment)) {
                return null;
            }
            return new CauseOfBlockage() {
                @Override
                public String getShortDescription() {
                    return "held by the test";
                }
            };
        }
    }
}
