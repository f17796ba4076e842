package io.jenkins.plugins.gitops.folder;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.policy.DeploymentPolicySettings;
import io.jenkins.plugins.gitops.policy.FolderDeploymentPolicy;
import io.jenkins.plugins.gitops.run.SyncCause;
import io.jenkins.plugins.gitops.run.SyncRun;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A GitOps Environment Folder over a real Git repository on the controller's disk (allowed for the test): environments
 * appear, change, are orphaned and survive a bad file as the repository changes, and a push computes the folder.
 */
@WithJenkins
class GitOpsEnvironmentFolderITest {

    private static final String ALLOW_LOCAL = "io.jenkins.plugins.gitops.allowLocalRepositories";
    private static final String TOKEN = "folder-test-token";

    @TempDir
    Path repository;

    private Git git;

    @BeforeEach
    void createRepository() throws Exception {
        System.setProperty(ALLOW_LOCAL, "true");
        git = Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call();
    }

    @AfterEach
    void close() {
        git.close();
        System.clearProperty(ALLOW_LOCAL);
    }

    @Test
    void shouldCreateAnEnvironmentPerDirectoryWithinOneComputation(JenkinsRule jenkins) throws Exception {
        write("clusters/prod/apps/web/deploy.yaml", "kind: ConfigMap\n");
        write("clusters/prod/apps/db/deploy.yaml", "kind: ConfigMap\n");
        commit("Two applications");
        GitOpsEnvironmentFolder folder = directoriesFolder(jenkins);

        compute(jenkins, folder);

        assertThat(folder.getItems()).extracting(GitOpsEnvironment::getName).containsExactlyInAnyOrder("prod-db", "prod-web");
        GitOpsEnvironment web = folder.getItem("prod-web");
        assertThat(web.getPath()).isEqualTo("clusters/prod/apps/web");
        assertThat(web.getNamespace()).isEqualTo("web");
        assertThat(web.getRepositoryUrl()).isEqualTo(folder.getRepositoryUrl());
        assertThat(web.isGenerated()).isTrue();
        assertThat(DeclaredEnvironment.of(web).getSource()).isEqualTo("clusters/prod/apps/web");
        assertThat(folder.getSummary().getEnvironments()).isEqualTo(2);
    }

    @Test
    void shouldDisableTheEnvironmentOfARemovedDirectoryAndEnableItWhenItComesBack(JenkinsRule jenkins) throws Exception {
        write("clusters/prod/apps/web/deploy.yaml", "kind: ConfigMap\n");
        write("clusters/prod/apps/db/deploy.yaml", "kind: ConfigMap\n");
        commit("Two applications");
        GitOpsEnvironmentFolder folder = directoriesFolder(jenkins);
        compute(jenkins, folder);

        delete("clusters/prod/apps/db");
        commit("Remove db");
        compute(jenkins, folder);

        GitOpsEnvironment db = folder.getItem("prod-db");
        assertThat(db).as("kept by default").isNotNull();
        assertThat(db.isDisabled()).isTrue();
        assertThat(DeclaredEnvironment.of(db).isOrphaned()).isTrue();
        assertThat(folder.getItem("prod-web").isDisabled()).isFalse();

        write("clusters/prod/apps/db/deploy.yaml", "kind: ConfigMap\n");
        commit("Bring db back");
        compute(jenkins, folder);

        assertThat(folder.getItem("prod-db").isDisabled()).isFalse();
        assertThat(DeclaredEnvironment.of(folder.getItem("prod-db")).isOrphaned()).isFalse();
    }

    @Test
    void shouldDeleteAnOrphanOnlyWhenTheStrategySaysSo(JenkinsRule jenkins) throws Exception {
        write("clusters/prod/apps/web/deploy.yaml", "kind: ConfigMap\n");
        write("clusters/prod/apps/db/deploy.yaml", "kind: ConfigMap\n");
        commit("Two applications");
        GitOpsEnvironmentFolder folder = directoriesFolder(jenkins);
        EnvironmentOrphanStrategy strategy = new EnvironmentOrphanStrategy();
        strategy.setDeleteAfterDays(0);
        folder.setOrphanedItemStrategy(strategy);
        compute(jenkins, folder);

        delete("clusters/prod/apps/db");
        commit("Remove db");
        compute(jenkins, folder);

        assertThat(folder.getItem("prod-db")).isNull();
        assertThat(folder.getItem("prod-web")).isNotNull();
    }

    @Test
    void shouldUpdateAnEnvironmentWhenItsDeclarationChanges(JenkinsRule jenkins) throws Exception {
        write("environments/web.yaml", "path: apps/web\nnamespace: web\nsyncPolicy:\n  automated: true\n"
                + "agentLabel: linux && prod-network\n");
        write("environments/db.yaml", "path: apps/db\n");
        commit("Declare web and db");
        GitOpsEnvironmentFolder folder = filesFolder(jenkins);
        folder.getTemplate().setAgentLabel("kube-{path.filenameWithoutExtension}");
        compute(jenkins, folder);
        GitOpsEnvironment web = folder.getItem("web");
        assertThat(web.getPath()).isEqualTo("apps/web");
        assertThat(web.isAutomated()).isTrue();
        assertThat(web.getAgentLabel()).as("the declaration's").isEqualTo("linux && prod-network");
        assertThat(folder.getItem("db").getAgentLabel()).as("the template's").isEqualTo("kube-db");

        write("environments/web.yaml", "path: apps/web-v2\nnamespace: web\n");
        commit("Move web, manual sync");
        compute(jenkins, folder);

        assertThat(folder.getItem("web").getPath()).isEqualTo("apps/web-v2");
        assertThat(folder.getItem("web").isAutomated()).isFalse();
        assertThat(folder.getItem("web").getAgentLabel()).as("back to the template's").isEqualTo("kube-web");
        assertThat(folder.getItem("web").getClusterCredentialsId()).isEqualTo("kube-web");
    }

    @Test
    void shouldLeaveTheOtherEnvironmentsAloneWhenAFileIsMalformed(JenkinsRule jenkins) throws Exception {
        write("environments/web.yaml", "path: apps/web\n");
        write("environments/db.yaml", "path: apps/db\n");
        commit("Declare web and db");
        GitOpsEnvironmentFolder folder = filesFolder(jenkins);
        compute(jenkins, folder);

        write("environments/web.yaml", "path: apps/web-v2\nnamspace: web\n");
        write("environments/db.yaml", "path: apps/db-v2\n");
        commit("Break web, move db");
        compute(jenkins, folder);

        GitOpsEnvironment web = folder.getItem("web");
        assertThat(web.getPath()).as("left as it was").isEqualTo("apps/web");
        assertThat(web.isDisabled()).isFalse();
        assertThat(folder.getItem("db").getPath()).isEqualTo("apps/db-v2");
        String error = "environments/web.yaml:2: unknown key \"namspace\"; did you mean \"namespace\"?";
        assertThat(folder.getSummary().getErrors()).singleElement().asString().startsWith(error);
        assertThat(Files.readString(folder.getComputation().getLogFile().toPath())).contains(error);
        assertThat(jenkins.createWebClient().getPage(folder).getWebResponse().getContentAsString())
                .contains("environments/web.yaml:2: unknown key");
    }

    @Test
    void shouldNameBothFilesOfADuplicateEnvironmentName(JenkinsRule jenkins) throws Exception {
        write("environments/a.yaml", "name: web\npath: apps/a\n");
        write("environments/b.yaml", "name: web\npath: apps/b\n");
        commit("Two declarations of web");
        GitOpsEnvironmentFolder folder = filesFolder(jenkins);

        compute(jenkins, folder);

        assertThat(folder.getItem("web")).isNull();
        assertThat(folder.getSummary().getErrors()).hasSize(2)
                .allMatch(error -> error.contains("environments/a.yaml") && error.contains("environments/b.yaml"));
    }

    @Test
    void shouldComputeWhenTheRepositoryIsPushedTo(JenkinsRule jenkins) throws Exception {
        GitOpsConfiguration.get().setWebhookToken(Secret.fromString(TOKEN));
        write("clusters/prod/apps/web/deploy.yaml", "kind: ConfigMap\n");
        commit("Web");
        GitOpsEnvironmentFolder folder = directoriesFolder(jenkins);
        compute(jenkins, folder);
        write("clusters/prod/apps/api/deploy.yaml", "kind: ConfigMap\n");
        commit("Add api");

        WebResponse answer = notify(jenkins, repository.toString());

        assertThat(answer.getStatusCode()).isEqualTo(200);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (folder.getItem("prod-api") == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(folder.getItem("prod-api")).as("created by the computation the push scheduled").isNotNull();
        jenkins.waitUntilNoActivity();
    }

    @Test
    void shouldRefuseAConfigurationChangeOfAGeneratedEnvironmentButLetItBePaused(JenkinsRule jenkins) throws Exception {
        write("clusters/prod/apps/web/deploy.yaml", "kind: ConfigMap\n");
        commit("Web");
        GitOpsEnvironmentFolder folder = directoriesFolder(jenkins);
        compute(jenkins, folder);
        GitOpsEnvironment web = folder.getItem("prod-web");
        jenkins.jenkins.setCrumbIssuer(null); // raw POSTs below; what is tested is the permission, not the crumb
        JenkinsRule.WebClient client = jenkins.createWebClient();
        client.setThrowExceptionOnFailingStatusCode(false);

        WebRequest post = new WebRequest(new URL(jenkins.getURL(), web.getUrl() + "config.xml"), HttpMethod.POST);
        post.setAdditionalHeader("Content-Type", "application/xml");
        post.setRequestBody(Files.readString(web.getConfigFile().getFile().toPath()).replace("clusters/prod/apps/web",
                "somewhere/else"));
        int status = client.getPage(post).getWebResponse().getStatusCode();

        assertThat(status).isEqualTo(403);
        assertThat(folder.getItem("prod-web").getPath()).isEqualTo("clusters/prod/apps/web");
        assertThat(client.getPage(web, "configure").getWebResponse().getContentAsString()).contains("gitops-generated");

        WebRequest pause = new WebRequest(new URL(jenkins.getURL(), web.getUrl() + "pauseAutomation"), HttpMethod.POST);
        client.getPage(pause);
        assertThat(folder.getItem("prod-web").isAutomationPaused()).isTrue();
    }

    @Test
    void shouldBeCreatedFromConfigXmlOverRest(JenkinsRule jenkins) throws Exception {
        write("environments/web.yaml", "path: apps/web\n");
        commit("Declare web");
        jenkins.jenkins.setCrumbIssuer(null);
        JenkinsRule.WebClient client = jenkins.createWebClient();
        String xml = """
                <io.jenkins.plugins.gitops.folder.GitOpsEnvironmentFolder>
                  <repositoryUrl>%s</repositoryUrl>
                  <generator class="io.jenkins.plugins.gitops.folder.GitFilesGenerator">
                    <pattern>environments/*.yaml</pattern>
                  </generator>
                  <template>
                    <namespace>{path.filenameWithoutExtension}</namespace>
                    <automated>false</automated>
                    <prune>false</prune>
                    <selfHeal>false</selfHeal>
                  </template>
                  <orphanedItemStrategy class="io.jenkins.plugins.gitops.folder.EnvironmentOrphanStrategy">
                    <deleteAfterDays>30</deleteAfterDays>
                  </orphanedItemStrategy>
                </io.jenkins.plugins.gitops.folder.GitOpsEnvironmentFolder>
                """.formatted(repository.toUri());
        WebRequest create = new WebRequest(new URL(jenkins.getURL(), "createItem?name=declared"), HttpMethod.POST);
        create.setAdditionalHeader("Content-Type", "application/xml");
        create.setRequestBody(xml);

        assertThat(client.getPage(create).getWebResponse().getStatusCode()).isEqualTo(200);
        GitOpsEnvironmentFolder folder = jenkins.jenkins.getItemByFullName("declared", GitOpsEnvironmentFolder.class);
        assertThat(folder.getGenerator()).isInstanceOf(GitFilesGenerator.class);
        assertThat(((EnvironmentOrphanStrategy) folder.getOrphanedItemStrategy()).getDeleteAfterDays()).isEqualTo(30);
        compute(jenkins, folder);
        assertThat(folder.getItem("web").getNamespace()).isEqualTo("web");
        assertThat(client.goToXml("job/declared/config.xml").getWebResponse().getContentAsString())
                .contains("<pattern>environments/*.yaml</pattern>");
    }

    @Test
    void shouldHoldGeneratedEnvironmentsToTheFoldersDeploymentPolicy(JenkinsRule jenkins) throws Exception {
        write("environments/web.yaml", "path: apps/web\nnamespace: web\n");
        write("apps/web/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n");
        commit("Declare web in namespace web");
        GitOpsEnvironmentFolder folder = filesFolder(jenkins);
        DeploymentPolicySettings policy = new DeploymentPolicySettings();
        policy.setAllowedNamespaces("team-a-*");
        folder.addProperty(new FolderDeploymentPolicy(policy));
        compute(jenkins, folder);
        GitOpsEnvironment web = folder.getItem("web");

        web.scheduleSync(SyncCause.user("admin"));
        jenkins.waitUntilNoActivity();

        SyncRun run = web.getLastBuild();
        assertThat(run.getResult()).isEqualTo(Result.FAILURE);
        assertThat(JenkinsRule.getLog(run)).contains("Namespace \"web\" of the environment: not allowed by the"
                + " deployment policy of folder environments");
    }

    @Test
    void shouldKeepItsSettingsThroughTheConfigurationPage(JenkinsRule jenkins) throws Exception {
        GitOpsEnvironmentFolder folder = filesFolder(jenkins);
        folder.getTemplate().setNamespace("{path.filenameWithoutExtension}");
        folder.getTemplate().setAutomated(true);
        folder.getTemplate().setAgentLabel("kube-{path[0]}");
        EnvironmentOrphanStrategy strategy = new EnvironmentOrphanStrategy();
        strategy.setDeleteAfterDays(7);
        strategy.setPruneObjectsOnDelete(true);
        folder.setOrphanedItemStrategy(strategy);
        folder.save();

        jenkins.submit(jenkins.createWebClient().getPage(folder, "configure").getFormByName("config"));

        assertThat(folder.getRepositoryUrl()).isEqualTo(repository.toUri().toString());
        assertThat(folder.getGenerator()).isInstanceOf(GitFilesGenerator.class);
        assertThat(folder.getGenerator().getPattern()).isEqualTo("environments/*.yaml");
        assertThat(folder.getTemplate().getNamespace()).isEqualTo("{path.filenameWithoutExtension}");
        assertThat(folder.getTemplate().getClusterCredentialsId()).isEqualTo("kube-{path.filenameWithoutExtension}");
        assertThat(folder.getTemplate().isAutomated()).isTrue();
        assertThat(folder.getOrphanedItemStrategy()).isInstanceOf(EnvironmentOrphanStrategy.class);
        assertThat(((EnvironmentOrphanStrategy) folder.getOrphanedItemStrategy()).getDeleteAfterDays()).isEqualTo(7);
        assertThat(((EnvironmentOrphanStrategy) folder.getOrphanedItemStrategy()).isPruneObjectsOnDelete()).isTrue();
        assertThat(folder.getTemplate().getAgentLabel()).isEqualTo("kube-{path[0]}");
    }

    // ---------------------------------------------------------------- helpers

    private GitOpsEnvironmentFolder directoriesFolder(JenkinsRule jenkins) throws Exception {
        GitOpsEnvironmentFolder folder = jenkins.createProject(GitOpsEnvironmentFolder.class, "clusters");
        folder.setRepositoryUrl(repository.toUri().toString());
        GitDirectoriesGenerator generator = new GitDirectoriesGenerator("clusters/*/apps/*");
        generator.setNameTemplate("{path[1]}-{path.basename}");
        folder.setGenerator(generator);
        EnvironmentTemplateSettings template = new EnvironmentTemplateSettings();
        template.setNamespace("{path.basename}");
        template.setClusterCredentialsId("kube-{path[1]}");
        folder.setTemplate(template);
        folder.save();
        return folder;
    }

    private GitOpsEnvironmentFolder filesFolder(JenkinsRule jenkins) throws Exception {
        GitOpsEnvironmentFolder folder = jenkins.createProject(GitOpsEnvironmentFolder.class, "environments");
        folder.setRepositoryUrl(repository.toUri().toString());
        folder.setGenerator(new GitFilesGenerator("environments/*.yaml"));
        EnvironmentTemplateSettings template = new EnvironmentTemplateSettings();
        template.setClusterCredentialsId("kube-{path.filenameWithoutExtension}");
        folder.setTemplate(template);
        folder.save();
        return folder;
    }

    /** Runs one computation and waits for it; the computation itself must succeed whatever the declarations say. */
    private static void compute(JenkinsRule jenkins, GitOpsEnvironmentFolder folder) throws Exception {
        jenkins.waitUntilNoActivity(); // a periodic computation may be running: let it end first
        assertThat(folder.scheduleBuild2(0)).isNotNull();
        jenkins.waitUntilNoActivity();
        assertThat(folder.getComputation().getResult()).isEqualTo(Result.SUCCESS);
    }

    private void write(String path, String content) throws Exception {
        Path file = repository.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private void delete(String path) throws Exception {
        try (Stream<Path> files = Files.walk(repository.resolve(path))) {
            for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(file);
            }
        }
    }

    private void commit(String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().setUpdate(true).addFilepattern(".").call();
        git.commit().setMessage(message).setAuthor("Ann", "ann@example.com").setCommitter("Ann", "ann@example.com")
                .setSign(false).call();
    }

    private static WebResponse notify(JenkinsRule jenkins, String url) throws Exception {
        JenkinsRule.WebClient client = jenkins.createWebClient();
        client.setThrowExceptionOnFailingStatusCode(false);
        String path = "gitops-sync/notify?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8) + "&token="
                + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8);
        return client.getPage(new WebRequest(new URL(jenkins.getURL(), path), HttpMethod.POST)).getWebResponse();
    }
}
