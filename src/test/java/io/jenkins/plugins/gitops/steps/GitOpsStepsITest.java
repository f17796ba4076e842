package io.jenkins.plugins.gitops.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import hudson.model.Result;
import hudson.model.User;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.item.EnvironmentStatusFixture;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The Pipeline steps inside Jenkins. Each Pipeline script is a resource named after its test, in
 * {@code src/test/resources/io/jenkins/plugins/gitops/steps/GitOpsStepsITest/}.
 */
@WithJenkins
class GitOpsStepsITest {

    /** The repositories of these tests are local folders, which Jenkins refuses unless allowed. */
    private static final String ALLOW_LOCAL_REPOSITORIES = "io.jenkins.plugins.gitops.allowLocalRepositories";

    @BeforeEach
    void allowLocalRepositories() {
        System.setProperty(ALLOW_LOCAL_REPOSITORIES, "true");
    }

    @AfterEach
    void refuseLocalRepositoriesAgain() {
        System.clearProperty(ALLOW_LOCAL_REPOSITORIES);
    }

    @Test
    void shouldListTheVisibleEnvironmentsWhenTheNameIsUnknown(JenkinsRule jenkins) throws Exception {
        jenkins.createProject(GitOpsEnvironment.class, "shop-staging");
        jenkins.createProject(GitOpsEnvironment.class, "shop-prod");

        WorkflowRun run = jenkins.buildAndAssertStatus(Result.FAILURE,
                pipeline(jenkins, "shouldListTheVisibleEnvironmentsWhenTheNameIsUnknown"));

        jenkins.assertLogContains("No GitOps environment \"shop-production\" visible to this build", run);
        jenkins.assertLogContains("shop-prod, shop-staging", run);
    }

    @Test
    void shouldRefuseToSyncWithoutBuildPermission(JenkinsRule jenkins) throws Exception {
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
        WorkflowJob job = pipeline(jenkins, "shouldRefuseToSyncWithoutBuildPermission");
        jenkins.jenkins.setSecurityRealm(jenkins.createDummySecurityRealm());
        // The developer may read the environment but not sync it; the build runs as the developer.
        jenkins.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("developer")
                .grant(Item.READ, Item.BUILD).onItems(job).to("developer")
                .grant(Item.READ).onItems(environment).to("developer"));
        QueueItemAuthenticatorConfiguration.get().getAuthenticators().add(new MockQueueItemAuthenticator()
                .authenticate(job.getFullName(), User.getById("developer", true).impersonate2()));

        WorkflowRun run = jenkins.buildAndAssertStatus(Result.FAILURE, job);

        jenkins.assertLogContains("developer is missing the Job/Build permission on GitOps environment shop-prod", run);
        assertThat(environment.getBuilds()).isEmpty();
        assertThat(Jenkins.get().getQueue().getItems()).isEmpty();
    }

    @Test
    void shouldReturnTheStoredStatus(JenkinsRule jenkins) throws Exception {
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
        environment.setRevision("release");
        EnvironmentStatusFixture.record(environment, Instant.parse("2026-03-01T10:15:30Z"),
                "4f2a9c1d0e8b7a6f5e4d3c2b1a0f9e8d7c6b5a49", false, HealthStatus.HEALTHY, "Set web to 1.4.2");

        WorkflowRun run = jenkins.buildAndAssertSuccess(pipeline(jenkins, "shouldReturnTheStoredStatus"));

        jenkins.assertLogContains("syncStatus=Synced", run);
        jenkins.assertLogContains("health=Healthy", run);
        jenkins.assertLogContains("revision=release", run);
        jenkins.assertLogContains("commit=4f2a9c1d0e8b7a6f5e4d3c2b1a0f9e8d7c6b5a49", run);
        jenkins.assertLogContains("lastCheck=2026-03-01T10:15:30Z", run);
        jenkins.assertLogContains("waited=Synced", run);
    }

    @Test
    void shouldCommitTheTagWithTheBuildAsTrailer(JenkinsRule jenkins, @TempDir Path temp) throws Exception {
        Path remote = bareRepositoryWith(temp, "apps/shop/deploy.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          image: registry.example.com/shop/web:1.0.0
                """);
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
        environment.setRepositoryUrl(remote.toUri().toString());
        environment.setRevision("main");
        environment.setPath("apps/shop");

        WorkflowRun run = jenkins.buildAndAssertSuccess(pipeline(jenkins, "shouldCommitTheTagWithTheBuildAsTrailer"));

        try (Git git = Git.open(remote.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            Repository repository = git.getRepository();
            RevCommit head = walk.parseCommit(repository.resolve("refs/heads/main"));
            assertThat(head.getFullMessage())
                    .startsWith("Set registry.example.com/shop/web to 1.4.2 in shop-prod")
                    .contains("Jenkins-Build: " + jenkins.getURL() + run.getUrl());
            assertThat(head.getAuthorIdent().getName()).isEqualTo("Jenkins");
            jenkins.assertLogContains("commit=" + head.name(), run);
        }

        WorkflowRun again = jenkins.buildAndAssertSuccess(run.getParent());
        jenkins.assertLogContains("is already at 1.4.2", again);
    }

    private static Path bareRepositoryWith(Path temp, String file, String content) throws Exception {
        Path work = temp.resolve("work");
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            Path path = work.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, content, StandardCharsets.UTF_8);
            git.add().addFilepattern(".").call();
            git.commit().setMessage("Initial configuration").setAuthor("Test", "test@example.com")
                    .setCommitter("Test", "test@example.com").setSign(false).call();
        }
        Path bare = temp.resolve("remote.git");
        Git.cloneRepository().setURI(work.toUri().toString()).setDirectory(bare.toFile()).setBare(true).call().close();
        return bare;
    }

    private static WorkflowJob pipeline(JenkinsRule jenkins, String test) throws Exception {
        WorkflowJob job = jenkins.createProject(WorkflowJob.class, "app");
        job.setDefinition(new CpsFlowDefinition(script(test), true));
        return job;
    }

    private static String script(String test) throws IOException {
        try (InputStream in = GitOpsStepsITest.class.getResourceAsStream("GitOpsStepsITest/" + test + ".groovy")) {
            if (in == null) {
                throw new IOException("No Pipeline script GitOpsStepsITest/" + test + ".groovy");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
