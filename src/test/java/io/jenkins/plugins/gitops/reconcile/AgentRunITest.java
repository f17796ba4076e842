package io.jenkins.plugins.gitops.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.util.FormValidation;
import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.engine.view.SyncStatus;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.item.GitOpsEnvironmentDescriptor;
import io.jenkins.plugins.gitops.run.SyncCause;
import io.jenkins.plugins.gitops.run.SyncRun;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * An environment with an agent label fetches, renders and applies on an agent of that label, in the agent's JVM
 * (a real agent process, as {@code createOnlineSlave} starts it), into a real API server; nothing of the run happens
 * on the controller, and without an agent of the label the run fails saying so instead of falling back to it.
 */
@WithJenkins
class AgentRunITest {

    private static final String SUBJECT = "Greeting for the agent";

    private static KubeAPIServer server;
    private static KubernetesClient admin;

    @TempDir
    Path repository;

    private String namespace;

    @BeforeAll
    static void startApiServer() {
        // the version is KUBE_API_TEST_API_SERVER_VERSION, set by the build as for the engine's integration tests
        server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withApiServerFlag("--bind-address", "127.0.0.1")
                .build());
        server.start();
        admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(server.getKubeConfigYaml())).build();
    }

    @AfterAll
    static void stopApiServer() {
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @BeforeEach
    void repositoryAndNamespace() throws Exception {
        System.setProperty(LocalRepositories.ALLOW_PROPERTY, "true"); // the agent reads it from this machine's disk
        try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repository.resolve("greeting.yaml"), """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: greeting
                    data:
                      text: hello from Git
                    """, StandardCharsets.UTF_8);
            git.add().addFilepattern("greeting.yaml").call();
            git.commit().setMessage(SUBJECT).setAuthor("Ann", "ann@example.com")
                    .setCommitter("Ann", "ann@example.com").setSign(false).call();
        }
        namespace = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .create();
    }

    @AfterEach
    void refuseLocalRepositoriesAgain() {
        System.clearProperty(LocalRepositories.ALLOW_PROPERTY);
    }

    @Test
    void shouldFetchRenderAndApplyOnAnAgentOfTheEnvironmentsLabel(JenkinsRule jenkins) throws Exception {
        DumbSlave agent = jenkins.createOnlineSlave(Label.get("gitops"));
        GitOpsEnvironment environment = environment(jenkins);
        environment.setAgentLabel("gitops");

        SyncRun run = sync(jenkins, environment);

        jenkins.assertBuildStatus(Result.SUCCESS, run);
        jenkins.assertLogContains("Running on agent " + agent.getNodeName() + " (label gitops)", run);
        jenkins.assertLogContains("Fetching", run);
        jenkins.assertLogContains(SUBJECT, run);
        assertThat(greeting()).isNotNull();
        assertThat(greeting().getData()).containsEntry("text", "hello from Git");
        // the checkout is in the agent's file system, written by the agent's JVM; the controller's cache is untouched
        assertThat(repositoriesIn(new File(agent.getRemoteFS(), "gitops-sync/cache").toPath())).isPositive();
        assertThat(repositoriesIn(controllerCache(jenkins))).isZero();
    }

    @Test
    void shouldRenderAHelmChartOnTheAgent(JenkinsRule jenkins) throws Exception {
        DumbSlave agent = jenkins.createOnlineSlave(Label.get("gitops"));
        try (Git git = Git.open(repository.toFile())) {
            Files.createDirectories(repository.resolve("chart/templates"));
            Files.writeString(repository.resolve("chart/Chart.yaml"), """
                    apiVersion: v2
                    name: greeting
                    version: 1.0.0
                    """, StandardCharsets.UTF_8);
            Files.writeString(repository.resolve("chart/values.yaml"), "text: hello from Helm\n", StandardCharsets.UTF_8);
            Files.writeString(repository.resolve("chart/templates/greeting.yaml"), """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: greeting
                    data:
                      text: {{ .Values.text | quote }}
                    """, StandardCharsets.UTF_8);
            git.add().addFilepattern("chart").call();
            git.commit().setMessage("A chart").setAuthor("Ann", "ann@example.com")
                    .setCommitter("Ann", "ann@example.com").setSign(false).call();
        }
        GitOpsEnvironment environment = environment(jenkins);
        environment.setPath("chart");
        environment.setAgentLabel("gitops");

        SyncRun run = sync(jenkins, environment);

        jenkins.assertBuildStatus(Result.SUCCESS, run);
        jenkins.assertLogContains("Running on agent " + agent.getNodeName(), run);
        jenkins.assertLogContains("(helm)", run);
        assertThat(greeting().getData()).containsEntry("text", "hello from Helm");
        // the Helm child JVM was started by the agent's, from the jars the controller copied there
        assertThat(new File(agent.getRemoteFS(), "gitops-sync/helm-library")).isDirectory();
        assertThat(repositoriesIn(controllerCache(jenkins))).isZero();
    }

    @Test
    void shouldCheckOnTheAgentOfTheEnvironmentsLabel(JenkinsRule jenkins) throws Exception {
        DumbSlave agent = jenkins.createOnlineSlave(Label.get("gitops"));
        GitOpsEnvironment environment = environment(jenkins);
        environment.setAgentLabel("gitops");

        environment.requestCheck(Instant.now()); // as a push notification asks: checked at the reconciler's next run
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (environment.getStatus().getLastCheck() == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        jenkins.waitUntilNoActivity(); // the preview build the check records, on the agent too

        assertThat(environment.getStatus().getLastCheck()).as("a check ran").isNotNull();
        assertThat(environment.getStatus().getError()).isNullOrEmpty();
        assertThat(environment.getStatus().getCommitSubject()).isEqualTo(SUBJECT);
        assertThat(environment.getStatus().getSyncStatus()).isEqualTo(SyncStatus.OUT_OF_SYNC);
        assertThat(greeting()).as("a check writes nothing").isNull();
        assertThat(repositoriesIn(new File(agent.getRemoteFS(), "gitops-sync/cache").toPath())).isPositive();
        assertThat(repositoriesIn(controllerCache(jenkins))).isZero();
    }

    @Test
    void shouldRunOnTheAgentOfTheGlobalDefaultLabelWhenTheEnvironmentHasNone(JenkinsRule jenkins) throws Exception {
        DumbSlave agent = jenkins.createOnlineSlave(Label.get("gitops"));
        GitOpsConfiguration.get().setDefaultAgentLabel("gitops");
        GitOpsEnvironment environment = environment(jenkins);

        SyncRun run = sync(jenkins, environment);

        jenkins.assertBuildStatus(Result.SUCCESS, run);
        jenkins.assertLogContains("Running on agent " + agent.getNodeName(), run);
        assertThat(greeting()).isNotNull();
        assertThat(repositoriesIn(controllerCache(jenkins))).isZero();
    }

    @Test
    void shouldFailNamingTheLabelWhenNoAgentHasIt(JenkinsRule jenkins) throws Exception {
        jenkins.createOnlineSlave(Label.get("gitops"));
        GitOpsEnvironment environment = environment(jenkins);
        environment.setAgentLabel("nowhere");

        SyncRun run = sync(jenkins, environment);

        jenkins.assertBuildStatus(Result.FAILURE, run);
        jenkins.assertLogContains("No online agent of label \"nowhere\"", run);
        jenkins.assertLogContains("Nothing was applied or pruned.", run);
        jenkins.assertLogNotContains("Fetching", run);
        assertThat(greeting()).isNull();
        assertThat(repositoriesIn(controllerCache(jenkins))).isZero();
    }

    @Test
    void shouldCheckAndCompleteTheLabelAsRestrictWhereThisProjectCanBeRunDoes(JenkinsRule jenkins) throws Exception {
        jenkins.createOnlineSlave(Label.get("gitops"));
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "labelled");
        GitOpsEnvironmentDescriptor descriptor = environment.getDescriptor();

        assertThat(descriptor.doCheckAgentLabel(environment, "gitops").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckAgentLabel(environment, "nowhere").kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(descriptor.doCheckAgentLabel(environment, "gitops &&").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor.doCheckAgentLabel(environment, "").getMessage()).contains("on the controller");
        assertThat(descriptor.doAutoCompleteAgentLabel(environment, "git").getValues()).contains("gitops");
    }

    @Test
    void shouldRunOnTheControllerAsBeforeWithoutALabel(JenkinsRule jenkins) throws Exception {
        GitOpsEnvironment environment = environment(jenkins);

        SyncRun run = sync(jenkins, environment);

        jenkins.assertBuildStatus(Result.SUCCESS, run);
        jenkins.assertLogNotContains("Running on agent", run);
        assertThat(greeting()).isNotNull();
        assertThat(repositoriesIn(controllerCache(jenkins))).isPositive();
    }

    private GitOpsEnvironment environment(JenkinsRule jenkins) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new FileCredentialsImpl(CredentialsScope.GLOBAL,
                "test-cluster", "the test's API server", "kubeconfig",
                SecretBytes.fromBytes(inlineKubeconfig().getBytes(StandardCharsets.UTF_8))));
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "greeting");
        environment.setRepositoryUrl(repository.toUri().toString());
        environment.setClusterCredentialsId("test-cluster");
        environment.setNamespace(namespace);
        environment.setWaitForHealth(false);
        return environment;
    }

    /**
     * The test server's kubeconfig with its certificates inline: the plugin refuses a kubeconfig that names files,
     * as kube-api-test's does.
     */
    private static String inlineKubeconfig() throws Exception {
        Config config = Config.fromKubeconfig(server.getKubeConfigYaml());
        return """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: test
                    cluster: {server: "%s", certificate-authority-data: "%s"}
                users:
                  - name: admin
                    user: {client-certificate-data: "%s", client-key-data: "%s"}
                contexts:
                  - name: test
                    context: {cluster: test, user: admin}
                current-context: test
                """.formatted(config.getMasterUrl(), data(config.getCaCertData(), config.getCaCertFile()),
                data(config.getClientCertData(), config.getClientCertFile()),
                data(config.getClientKeyData(), config.getClientKeyFile()));
    }

    private static String data(String inline, String file) throws Exception {
        return inline != null ? inline : Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(file)));
    }

    private static SyncRun sync(JenkinsRule jenkins, GitOpsEnvironment environment) throws Exception {
        environment.scheduleSync(SyncCause.user("admin"));
        jenkins.waitUntilNoActivity();
        SyncRun run = environment.getLastBuild();
        assertThat(run).isNotNull();
        return run;
    }

    private ConfigMap greeting() {
        return admin.configMaps().inNamespace(namespace).withName("greeting").get();
    }

    private static Path controllerCache(JenkinsRule jenkins) {
        return jenkins.jenkins.getRootDir().toPath().resolve("gitops-sync/cache");
    }

    /** How many entries the Git cache {@code folder} holds (one bare repository per URL); 0 when it does not exist. */
    private static long repositoriesIn(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.count();
        }
    }
}
