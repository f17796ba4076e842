package io.jenkins.plugins.gitops.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.TestUsers;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.run.SyncCause;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Every web method of the plugin, called by users with too little permission, and every state change called
 * with GET: refused each time, and nothing happens. The same matrix was checked by hand on a running Jenkins
 * 2.516.2 (see docs/reliability.md).
 */
@WithJenkins
class WebSecurityITest {

    private static final String DESCRIPTORS = "descriptorByName/io.jenkins.plugins.gitops.item.";

    /** State changes: Item/Build (or Configure for the connection tests), POST only. */
    private static final List<String> STATE_CHANGES = List.of("job/shop/syncNow", "job/shop/previewSync",
            "job/shop/pauseAutomation", "job/shop/resumeAutomation", "job/shop/1/rollback");

    private static final List<String> CONNECTION_TESTS = List.of(
            "job/shop/" + DESCRIPTORS + "GitSourceSettings/testGitConnection",
            "job/shop/" + DESCRIPTORS + "ClusterSettings/testClusterConnection");

    /** Pages and data: Item/Read (the dashboard: Overall/Read, each environment by Item/Read). */
    private static final List<String> READS = List.of("job/shop/", "job/shop/api/json", "job/shop/1/",
            "job/shop/1/api/json", "gitops/", "gitops/api/json");

    @Test
    void shouldRefuseEveryStateChangeToReadersAndStrangers(JenkinsRule jenkins, @TempDir Path missing) throws Exception {
        GitOpsEnvironment environment = environmentWithOneBuild(jenkins, missing);
        TestUsers.secure(jenkins);

        for (String user : new String[] {"reader", "stranger"}) {
            JenkinsRule.WebClient client = jenkins.createWebClient().withBasicApiToken(user);
            for (String path : STATE_CHANGES) {
                assertThat(TestUsers.post(jenkins, client, path)).as("%s POST %s", user, path).isIn(403, 404);
            }
            for (String path : CONNECTION_TESTS) {
                assertThat(TestUsers.post(jenkins, client, path)).as("%s POST %s", user, path).isIn(403, 404);
            }
        }
        assertThat(environment.isAutomationPaused()).isFalse();
        assertThat(environment.getQueueItem()).isNull();
        assertThat(environment.getBuilds()).hasSize(1);
    }

    @Test
    void shouldRefuseEveryStateChangeSentAsGet(JenkinsRule jenkins, @TempDir Path missing) throws Exception {
        GitOpsEnvironment environment = environmentWithOneBuild(jenkins, missing);
        TestUsers.secure(jenkins);
        JenkinsRule.WebClient admin = jenkins.createWebClient().withBasicApiToken("admin");
        admin.setThrowExceptionOnFailingStatusCode(false);

        for (String path : STATE_CHANGES) {
            assertThat(admin.goTo(path, null).getWebResponse().getStatusCode()).as("GET %s", path).isEqualTo(405);
        }
        assertThat(environment.isAutomationPaused()).isFalse();
        assertThat(environment.getQueueItem()).isNull();
    }

    @Test
    void shouldLetAReaderReadButNotAStranger(JenkinsRule jenkins, @TempDir Path missing) throws Exception {
        environmentWithOneBuild(jenkins, missing);
        TestUsers.secure(jenkins);
        JenkinsRule.WebClient reader = jenkins.createWebClient().withBasicApiToken("reader");
        JenkinsRule.WebClient stranger = jenkins.createWebClient().withBasicApiToken("stranger");
        reader.setThrowExceptionOnFailingStatusCode(false);
        stranger.setThrowExceptionOnFailingStatusCode(false);

        for (String path : READS) {
            assertThat(reader.goTo(path, null).getWebResponse().getStatusCode()).as("reader GET %s", path).isEqualTo(200);
        }
        for (String path : READS.subList(0, 4)) {
            assertThat(stranger.goTo(path, null).getWebResponse().getStatusCode()).as("stranger GET %s", path)
                    .isIn(403, 404);
        }
        // a stranger may open the dashboard (Overall/Read) but sees no environment in it
        assertThat(stranger.goTo("gitops/api/json", "application/json").getWebResponse().getContentAsString())
                .contains("\"environmentCount\":0").doesNotContain("shop");
    }

    @Test
    void shouldRevealNothingThroughFormValidationWithoutConfigure(JenkinsRule jenkins, @TempDir Path missing)
            throws Exception {
        environmentWithOneBuild(jenkins, missing);
        TestUsers.secure(jenkins);
        JenkinsRule.WebClient reader = jenkins.createWebClient().withBasicApiToken("reader");
        reader.setThrowExceptionOnFailingStatusCode(false);

        String credentials = reader.getPage(new WebRequest(new URL(jenkins.getURL(),
                        "job/shop/" + DESCRIPTORS + "ClusterSettings/fillClusterCredentialsIdItems"), HttpMethod.POST))
                .getWebResponse().getContentAsString();

        assertThat(credentials).doesNotContain("prod-kubeconfig-secret");
    }

    /** An environment whose only build stopped before the cluster (its repository does not exist). */
    private static GitOpsEnvironment environmentWithOneBuild(JenkinsRule jenkins, Path missing) throws Exception {
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop");
        environment.setRepositoryUrl(missing.resolve("no-such-repository.git").toUri().toString());
        environment.setClusterCredentialsId("prod-kubeconfig-secret");
        environment.setAutomated(true);
        environment.scheduleSync(SyncCause.user("admin"));
        jenkins.waitUntilNoActivity();
        return environment;
    }


}
