package io.jenkins.plugins.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Item;
import hudson.model.Result;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.gitops.TestUsers;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.item.ClusterSettings;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.reconcile.LocalRepositories;
import io.jenkins.plugins.gitops.run.SyncCause;
import io.jenkins.plugins.gitops.run.SyncRun;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jenkins.model.Jenkins;
import org.eclipse.jgit.api.Git;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Deployment policies in Jenkins: the global one and the folders' are kept through their configuration pages, an
 * environment keeps to all of them, and a sync, a preview or a step that breaks one fails before it connects,
 * naming the rule. (The engine's own check of every object, with its file and line, runs against a real API
 * server in the engine's tests.) The syncs here send nothing anywhere: the server they would reach is not there.
 */
@WithJenkins
class DeploymentPolicyITest {

    private static final String UNREACHABLE = "https://127.0.0.1:1";
    private static final String FOLDER_RULE = "the deployment policy of folder team-a";

    @BeforeEach
    void allowLocalRepositories() {
        // The repositories of these tests are local folders, which Jenkins refuses unless allowed.
        System.setProperty(LocalRepositories.ALLOW_PROPERTY, "true");
    }

    @AfterEach
    void refuseLocalRepositoriesAgain() {
        System.clearProperty(LocalRepositories.ALLOW_PROPERTY);
    }

    @Test
    void shouldKeepAFolderPolicyThroughTheFolderConfigurationPage(JenkinsRule jenkins) throws Exception {
        Folder team = jenkins.jenkins.createProject(Folder.class, "team-a");
        team.addProperty(new FolderDeploymentPolicy(policy("https://k8s.example.com:6443", "team-a-kubeconfig",
                "team-a-*\nshared", "Namespace\nrbac.authorization.k8s.io/Role")));

        jenkins.configRoundtrip(team);

        FolderDeploymentPolicy saved = team.getProperties().get(FolderDeploymentPolicy.class);
        assertThat(saved).isNotNull();
        assertThat(saved.getPolicy()).isNotNull();
        assertThat(saved.getPolicy().getAllowedServers()).isEqualTo("https://k8s.example.com:6443");
        assertThat(saved.getPolicy().getAllowedCredentials()).isEqualTo("team-a-kubeconfig");
        assertThat(saved.getPolicy().getAllowedNamespaces()).isEqualTo("team-a-*\nshared");
        assertThat(saved.getPolicy().getAllowedClusterKinds()).isEqualTo("Namespace\nrbac.authorization.k8s.io/Role");
    }

    @Test
    void shouldAddNoPolicyToAFolderSavedWithoutOne(JenkinsRule jenkins) throws Exception {
        Folder team = jenkins.jenkins.createProject(Folder.class, "team-a");

        jenkins.configRoundtrip(team);

        assertThat(team.getProperties().get(FolderDeploymentPolicy.class)).isNull();
    }

    @Test
    void shouldKeepAFolderPolicyWhenSomeoneWhoIsNotAnAdministratorSavesTheFolder(JenkinsRule jenkins)
            throws Exception {
        Folder team = jenkins.jenkins.createProject(Folder.class, "team-a");
        team.addProperty(new FolderDeploymentPolicy(policy("", "", "team-a-*", "Namespace")));
        jenkins.jenkins.setSecurityRealm(jenkins.createDummySecurityRealm());
        jenkins.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("lead")
                .grant(Item.READ, Item.CONFIGURE).onItems(team).to("lead"));
        JenkinsRule.WebClient lead = jenkins.createWebClient().withBasicApiToken("lead");

        HtmlPage configure = lead.getPage(team, "configure");
        assertThat(configure.asNormalizedText()).contains("Only an administrator can change the deployment policy");
        jenkins.submit(configure.getFormByName("config"));

        FolderDeploymentPolicy kept = team.getProperties().get(FolderDeploymentPolicy.class);
        assertThat(kept).isNotNull();
        assertThat(kept.getPolicy().getAllowedNamespaces()).isEqualTo("team-a-*");
    }

    @Test
    void shouldGiveAnEnvironmentTheGlobalPolicyThenEachFoldersFromTheOutermostIn(JenkinsRule jenkins)
            throws Exception {
        GitOpsConfiguration.get().setDeploymentPolicy(policy("", "", "team-*", "Namespace"));
        Folder teams = jenkins.jenkins.createProject(Folder.class, "teams");
        teams.addProperty(new FolderDeploymentPolicy(policy("https://*.example.com:6443", "", "", "Namespace")));
        Folder unrestricted = teams.createProject(Folder.class, "shared");
        Folder team = unrestricted.createProject(Folder.class, "team-a");
        team.addProperty(new FolderDeploymentPolicy(policy("", "team-a-token", "team-a-*", "")));
        GitOpsEnvironment environment = team.createProject(GitOpsEnvironment.class, "shop");

        assertThat(environment.getDeploymentPolicies()).containsExactly(
                "the global deployment policy: namespaces team-*; cluster-scoped kinds Namespace; any API server;"
                        + " any cluster credentials",
                "the deployment policy of folder teams: namespaces any; cluster-scoped kinds Namespace;"
                        + " API servers https://*.example.com:6443; any cluster credentials",
                "the deployment policy of folder teams/shared/team-a: namespaces team-a-*; cluster-scoped kinds none;"
                        + " any API server; cluster credentials team-a-token");
        assertThat(DeploymentPolicies.of(environment, GitOpsConfiguration.get()).toEngine())
                .extracting(io.jenkins.plugins.gitops.engine.sync.DeploymentPolicy::source)
                .containsExactly("the global deployment policy", "the deployment policy of folder teams",
                        "the deployment policy of folder teams/shared/team-a");
    }

    @Test
    void shouldFailASyncOutsideTheFoldersNamespacesBeforeConnecting(JenkinsRule jenkins, @TempDir Path repository)
            throws Exception {
        GitOpsEnvironment environment = environmentInTeamA(jenkins, repository, policy("", "", "team-a-*", "Namespace"));
        environment.setNamespace("kube-system");

        SyncRun run = syncAndWait(jenkins, environment);

        jenkins.assertBuildStatus(Result.FAILURE, run);
        jenkins.assertLogContains("Namespace \"kube-system\" of the environment: not allowed by " + FOLDER_RULE
                + " (allowed: team-a-*)", run);
        jenkins.assertLogContains("Nothing was applied or pruned.", run);
        jenkins.assertLogNotContains("Rendering", run); // stopped before the cluster, so before rendering
        assertThat(environment.getStatus().getSyncStatus())
                .isEqualTo(io.jenkins.plugins.gitops.engine.view.SyncStatus.ERROR);
    }

    @Test
    void shouldSyncPastThePolicyCheckInsideTheFoldersNamespaces(JenkinsRule jenkins, @TempDir Path repository)
            throws Exception {
        GitOpsEnvironment environment = environmentInTeamA(jenkins, repository, policy("", "", "team-a-*", "Namespace"));
        environment.setNamespace("team-a-shop");

        SyncRun run = syncAndWait(jenkins, environment);

        // allowed: the sync goes on to the (missing) cluster, and fails there, not on the policy
        jenkins.assertBuildStatus(Result.FAILURE, run);
        jenkins.assertLogNotContains("not allowed by", run);
        jenkins.assertLogContains("127.0.0.1:1", run);
    }

    @Test
    void shouldRefuseClusterCredentialsTheGlobalPolicyDoesNotAllow(JenkinsRule jenkins, @TempDir Path repository)
            throws Exception {
        GitOpsConfiguration.get().setDeploymentPolicy(policy("", "prod-token", "", "Namespace"));
        GitOpsEnvironment environment = environmentInTeamA(jenkins, repository, null);
        environment.setClusterCredentialsId("team-a-token");

        SyncRun run = syncAndWait(jenkins, environment);

        jenkins.assertBuildStatus(Result.FAILURE, run);
        jenkins.assertLogContains("Cluster credentials \"team-a-token\": not allowed by the global deployment policy"
                + " (allowed: prod-token)", run);
        jenkins.assertLogContains("Nothing was applied or pruned.", run);
    }

    @Test
    void shouldRefuseAServerTheGlobalPolicyDoesNotAllow(JenkinsRule jenkins, @TempDir Path repository)
            throws Exception {
        GitOpsConfiguration.get().setDeploymentPolicy(policy("https://k8s.example.com:6443", "", "", "Namespace"));
        GitOpsEnvironment environment = environmentInTeamA(jenkins, repository, null);

        SyncRun run = syncAndWait(jenkins, environment);

        jenkins.assertBuildStatus(Result.FAILURE, run);
        jenkins.assertLogContains("API server " + UNREACHABLE + "/: not allowed by the global deployment policy"
                + " (allowed: https://k8s.example.com:6443)", run);
    }

    @Test
    void shouldRefuseToTestAClusterConnectionThePolicyRefuses(JenkinsRule jenkins, @TempDir Path repository)
            throws Exception {
        GitOpsConfiguration.get().setDeploymentPolicy(policy("", "team-a-token", "", "Namespace"));
        environmentInTeamA(jenkins, repository, policy("", "", "team-a-*", "Namespace"));
        TestUsers.secure(jenkins);
        JenkinsRule.WebClient admin = jenkins.createWebClient().withBasicApiToken("admin");
        admin.setThrowExceptionOnFailingStatusCode(false);
        String test = "job/team-a/job/shop/descriptorByName/io.jenkins.plugins.gitops.item.ClusterSettings/"
                + "testClusterConnection?serverUrl=" + UNREACHABLE;

        String credentials = admin.getPage(new WebRequest(new URL(jenkins.getURL(),
                test + "&clusterCredentialsId=cluster-admin&namespace=team-a-shop"), HttpMethod.POST))
                .getWebResponse().getContentAsString();
        String namespace = admin.getPage(new WebRequest(new URL(jenkins.getURL(),
                test + "&clusterCredentialsId=team-a-token&namespace=kube-system"), HttpMethod.POST))
                .getWebResponse().getContentAsString();

        assertThat(credentials).contains("cluster-admin").contains("not allowed by the global deployment policy");
        assertThat(namespace).contains("kube-system").contains("not allowed by " + FOLDER_RULE);
    }

    @Test
    void shouldShowAPolicysRefusalOnTheEnvironmentsForm(JenkinsRule jenkins, @TempDir Path repository)
            throws Exception {
        GitOpsConfiguration.get().setDeploymentPolicy(policy("https://*.example.com:6443", "team-a-token", "",
                "Namespace"));
        GitOpsEnvironment environment = environmentInTeamA(jenkins, repository,
                policy("", "", "team-a-*", "Namespace"));
        ClusterSettings.DescriptorImpl descriptor =
                jenkins.jenkins.getDescriptorByType(ClusterSettings.DescriptorImpl.class);

        FormValidation namespace = descriptor.doCheckNamespace(environment, "kube-system");
        FormValidation defaultNamespace = descriptor.doCheckNamespace(environment, "");
        FormValidation credentials = descriptor.doCheckClusterCredentialsId(environment, "cluster-admin");
        FormValidation server = descriptor.doCheckServerUrl(environment, "https://k8s.elsewhere.org:6443");

        assertThat(namespace.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(namespace.getMessage()).contains("kube-system").contains("not allowed by " + FOLDER_RULE);
        assertThat(defaultNamespace.kind).isEqualTo(FormValidation.Kind.ERROR); // "default" is not team-a-*
        assertThat(credentials.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(credentials.getMessage()).contains("cluster-admin").contains("not allowed by the global");
        assertThat(server.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(server.getMessage()).contains("k8s.elsewhere.org").contains("not allowed by the global");
        assertThat(descriptor.doCheckNamespace(environment, "team-a-shop").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckClusterCredentialsId(environment, "team-a-token").kind)
                .isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckServerUrl(environment, "https://k8s.example.com:6443").kind)
                .isEqualTo(FormValidation.Kind.OK);
    }

    @Test
    void shouldFailAPreviewStepOutsideTheFoldersNamespaces(JenkinsRule jenkins, @TempDir Path repository)
            throws Exception {
        GitOpsEnvironment environment = environmentInTeamA(jenkins, repository, policy("", "", "team-a-*", "Namespace"));
        environment.setNamespace("kube-system");
        WorkflowJob job = jenkins.createProject(WorkflowJob.class, "app");
        job.setDefinition(new CpsFlowDefinition("gitopsDiff environment: 'team-a/shop'", true));

        WorkflowRun run = jenkins.buildAndAssertStatus(Result.FAILURE, job);

        jenkins.assertLogContains("Namespace \"kube-system\" of the environment: not allowed by " + FOLDER_RULE, run);
        assertThat(environment.getBuilds()).isEmpty();
    }

    @Test
    void shouldShowThePoliciesInForceOnTheEnvironmentPageEscapedWithoutCredentialIdsToAReader(JenkinsRule jenkins, @TempDir Path repository)
            throws Exception {
        GitOpsEnvironment environment = environmentInTeamA(jenkins, repository,
                policy("", "team-a-kubeconfig", "team-a-*\n<img src=x onerror=alert(1)>", "Namespace"));
        TestUsers.secure(jenkins);
        JenkinsRule.WebClient reader = jenkins.createWebClient().withBasicApiToken("reader");

        HtmlPage page = reader.getPage(environment);

        String shown = page.getElementById("gitops-deployment-policy").asNormalizedText();
        assertThat(shown).contains("the global deployment policy: namespaces any; cluster-scoped kinds Namespace;"
                + " any API server; any cluster credentials");
        assertThat(shown).contains(FOLDER_RULE + ": namespaces team-a-*, <img src=x onerror=alert(1)>;");
        assertThat(page.getWebResponse().getContentAsString()).doesNotContain("<img src=x");
        // a reader sees that the credentials are restricted, not their IDs
        assertThat(shown).contains("1 allowed cluster credentials").doesNotContain("team-a-kubeconfig");
    }

    /**
     * An environment {@code team-a/shop} syncing a ConfigMap from a local repository to a server that is not there,
     * with cluster credentials {@code team-a-token}; the folder has {@code folderPolicy} unless it is {@code null}.
     */
    private static GitOpsEnvironment environmentInTeamA(JenkinsRule jenkins, Path repository,
            DeploymentPolicySettings folderPolicy) throws Exception {
        commit(repository);
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "team-a-token", "token of team A", Secret.fromString("team-a-secret")));
        Folder team = jenkins.jenkins.createProject(Folder.class, "team-a");
        if (folderPolicy != null) {
            team.addProperty(new FolderDeploymentPolicy(folderPolicy));
        }
        GitOpsEnvironment environment = team.createProject(GitOpsEnvironment.class, "shop");
        environment.setRepositoryUrl(repository.toUri().toString());
        environment.setServerUrl(UNREACHABLE); // nothing listens there
        environment.setClusterCredentialsId("team-a-token");
        return environment;
    }

    private static DeploymentPolicySettings policy(String servers, String credentials, String namespaces,
            String clusterKinds) {
        DeploymentPolicySettings policy = new DeploymentPolicySettings();
        policy.setAllowedServers(servers);
        policy.setAllowedCredentials(credentials);
        policy.setAllowedNamespaces(namespaces);
        policy.setAllowedClusterKinds(clusterKinds);
        return policy;
    }

    private static SyncRun syncAndWait(JenkinsRule jenkins, GitOpsEnvironment environment) throws Exception {
        environment.scheduleSync(SyncCause.user("admin"));
        jenkins.waitUntilNoActivity();
        return environment.getLastBuild();
    }

    private static void commit(Path repository) throws Exception {
        try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repository.resolve("config.yaml"), """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: web
                    data:
                      greeting: hello
                    """, StandardCharsets.UTF_8);
            git.add().addFilepattern("config.yaml").call();
            git.commit().setMessage("Add the web configuration").setAuthor("Ann", "ann@example.com")
                    .setCommitter("Ann", "ann@example.com").setSign(false).call();
        }
    }
}
