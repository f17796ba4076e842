package io.jenkins.plugins.gitops.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import hudson.model.StringParameterValue;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.testing.AllowLocalRepositories;
import io.jenkins.plugins.gitops.testing.TestCluster;
import io.jenkins.plugins.gitops.testing.TestEnvironments;
import io.jenkins.plugins.gitops.testing.TestRepository;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jenkins.model.JenkinsLocationConfiguration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A release Pipeline against a real kube-apiserver: {@code gitopsSetImage} commits the new tag to the environment's
 * repository, {@code gitopsSync} syncs it and waits, {@code gitopsStatus} waits for the status of that commit.
 */
@WithJenkins
@ExtendWith(AllowLocalRepositories.class)
class PromoteSyncWaitITest {

    @TempDir
    Path temp;

    private final TestCluster cluster = TestCluster.get();

    @Test
    void shouldPromoteSyncAndWaitForTheStatusOfThePromotedCommit(JenkinsRule jenkins) throws Exception {
        String namespace = cluster.newNamespace("promote");
        TestRepository repository = TestRepository.init(temp);
        repository.write("app/web.yaml", TestEnvironments.webDeployment("registry.example.com/shop/web:1.0.0")).commit("Web 1.0.0");
        environment(jenkins, repository, namespace);
        WorkflowJob release = release(jenkins);

        WorkflowRun run = jenkins.assertBuildStatus(Result.SUCCESS, release.scheduleBuild2(0, tag("1.1.0")));

        String promoted = repository.head();
        jenkins.assertLogContains("promoted " + promoted, run);
        jenkins.assertLogContains("sync SUCCESS", run);
        jenkins.assertLogContains("status Synced at " + promoted, run);
        assertThat(image(namespace)).isEqualTo("registry.example.com/shop/web:1.1.0");
        assertThat(repository.readAtHead("app/web.yaml")).contains("registry.example.com/shop/web:1.1.0");
        assertThat(repository.headMessage()).contains("1.1.0")
                .contains("Jenkins-Build: " + jenkins.getURL() + run.getUrl());
    }

    /** D7: without a Jenkins URL the commit gets no relative {@code Jenkins-Build:} trailer, and the log says why. */
    @Test
    void shouldLeaveTheBuildTrailerOutWithoutAJenkinsUrl(JenkinsRule jenkins) throws Exception {
        String namespace = cluster.newNamespace("no-url");
        TestRepository repository = TestRepository.init(temp);
        repository.write("app/web.yaml", TestEnvironments.webDeployment("registry.example.com/shop/web:1.0.0")).commit("Web 1.0.0");
        environment(jenkins, repository, namespace);
        JenkinsLocationConfiguration.get().setUrl(null);

        WorkflowRun run = jenkins.assertBuildStatus(Result.SUCCESS, release(jenkins).scheduleBuild2(0, tag("1.2.0")));

        jenkins.assertLogContains("the Jenkins URL is not configured", run);
        assertThat(repository.headMessage()).contains("1.2.0").doesNotContain("Jenkins-Build:");
        assertThat(image(namespace)).isEqualTo("registry.example.com/shop/web:1.2.0");
    }

    private void environment(JenkinsRule jenkins, TestRepository repository, String namespace) throws Exception {
        GitOpsEnvironment environment = TestEnvironments.shop(jenkins, cluster, repository, namespace);
        environment.setWaitForHealth(false); // the test server runs no controllers: the Deployment never rolls out
    }

    private static WorkflowJob release(JenkinsRule jenkins) throws Exception {
        WorkflowJob job = jenkins.createProject(WorkflowJob.class, "release-" + jenkins.jenkins.getItems().size());
        job.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("TAG", "")));
        try (InputStream script = PromoteSyncWaitITest.class.getResourceAsStream("PromoteSyncWaitITest/promote.groovy")) {
            job.setDefinition(new CpsFlowDefinition(new String(script.readAllBytes(), StandardCharsets.UTF_8), true));
        }
        return job;
    }

    private static ParametersAction tag(String tag) {
        return new ParametersAction(new StringParameterValue("TAG", tag));
    }

    private String image(String namespace) {
        Deployment web = cluster.admin().apps().deployments().inNamespace(namespace).withName("web").get();
        return web == null ? null : web.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }
}
