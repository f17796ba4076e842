package io.jenkins.plugins.gitops.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import hudson.util.FormValidation;
import io.jenkins.plugins.gitops.TestUsers;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.item.GitSourceSettings;
import io.jenkins.plugins.gitops.run.SyncCause;
import io.jenkins.plugins.gitops.run.SyncRun;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A repository on the controller's own disk ({@code file://}, a path) is refused by default, as the Git plugin
 * does since SECURITY-2478: in the form check, in "Test Git connection" and in a sync, before anything is read.
 * The system property {@value LocalRepositories#ALLOW_PROPERTY} lets an administrator allow them.
 */
@WithJenkins
class LocalRepositoriesITest {

    private static final String DESCRIPTOR = "descriptorByName/io.jenkins.plugins.gitops.item.GitSourceSettings/";
    private static final String SUBJECT = "Private subject of a controller repository";
    private static final String REFUSED = "a repository on the Jenkins controller";

    @AfterEach
    void refuseLocalRepositoriesAgain() {
        System.clearProperty(LocalRepositories.ALLOW_PROPERTY);
    }

    @Test
    void shouldRefuseAFileUrlAndAPathInTheFormCheck(JenkinsRule jenkins, @TempDir Path repository) throws Exception {
        commit(repository);
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop");
        GitSourceSettings.DescriptorImpl descriptor =
                jenkins.jenkins.getDescriptorByType(GitSourceSettings.DescriptorImpl.class);

        for (String url : new String[] {repository.toUri().toString(), repository.toString()}) {
            FormValidation check = descriptor.doCheckRepositoryUrl(environment, url);

            assertThat(check.kind).as(url).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(check.getMessage()).contains(REFUSED)
                    .contains("-D" + LocalRepositories.ALLOW_PROPERTY + "=true");
        }
        assertThat(descriptor.doCheckRepositoryUrl(environment, "https://git.example.com/shop.git").kind)
                .isEqualTo(FormValidation.Kind.OK);
    }

    @Test
    void shouldNotShowTheCommitsOfALocalRepositoryInTheConnectionTest(JenkinsRule jenkins, @TempDir Path repository)
            throws Exception {
        commit(repository);
        jenkins.createProject(GitOpsEnvironment.class, "shop");
        TestUsers.secure(jenkins);
        JenkinsRule.WebClient admin = jenkins.createWebClient().withBasicApiToken("admin");

        String answer = testGitConnection(jenkins, admin, repository.toUri().toString());

        assertThat(answer).contains(REFUSED).doesNotContain(SUBJECT);
    }

    @Test
    void shouldRefuseToSyncFromALocalRepositoryBeforeReadingIt(JenkinsRule jenkins, @TempDir Path repository)
            throws Exception {
        commit(repository);
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop");
        environment.setRepositoryUrl(repository.toUri().toString());
        environment.setClusterCredentialsId("prod-kubeconfig");

        environment.scheduleSync(SyncCause.user("admin"));
        jenkins.waitUntilNoActivity();

        SyncRun run = environment.getLastBuild();
        assertThat(run).isNotNull();
        jenkins.assertBuildStatus(Result.FAILURE, run);
        jenkins.assertLogContains(REFUSED, run);
        jenkins.assertLogContains("Nothing was applied or pruned.", run);
        jenkins.assertLogNotContains(SUBJECT, run);
        jenkins.assertLogNotContains("Fetching", run);
    }

    @Test
    void shouldReadALocalRepositoryWhenTheAdministratorAllowsIt(JenkinsRule jenkins, @TempDir Path repository)
            throws Exception {
        commit(repository);
        jenkins.createProject(GitOpsEnvironment.class, "shop");
        TestUsers.secure(jenkins);
        JenkinsRule.WebClient admin = jenkins.createWebClient().withBasicApiToken("admin");
        System.setProperty(LocalRepositories.ALLOW_PROPERTY, "true");

        String answer = testGitConnection(jenkins, admin, repository.toUri().toString());

        assertThat(answer).contains(SUBJECT).doesNotContain(REFUSED);
    }

    private static String testGitConnection(JenkinsRule jenkins, JenkinsRule.WebClient client, String url)
            throws Exception {
        client.setThrowExceptionOnFailingStatusCode(false);
        String path = "job/shop/" + DESCRIPTOR + "testGitConnection?revision=main&repositoryUrl="
                + URLEncoder.encode(url, StandardCharsets.UTF_8);
        Page page = client.getPage(new WebRequest(new URL(jenkins.getURL(), path), HttpMethod.POST));
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        return page.getWebResponse().getContentAsString();
    }

    private static void commit(Path repository) throws Exception {
        try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repository.resolve("config.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                    + "  name: web\n", StandardCharsets.UTF_8);
            git.add().addFilepattern("config.yaml").call();
            git.commit().setMessage(SUBJECT).setAuthor("Ann", "ann@example.com")
                    .setCommitter("Ann", "ann@example.com").setSign(false).call();
        }
    }
}
