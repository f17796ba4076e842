package io.jenkins.plugins.gitops.item;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import hudson.model.Items;
import hudson.model.Result;
import io.jenkins.plugins.gitops.TestUsers;
import io.jenkins.plugins.gitops.run.SyncAction;
import io.jenkins.plugins.gitops.run.SyncCause;
import io.jenkins.plugins.gitops.run.SyncInProgress;
import io.jenkins.plugins.gitops.run.SyncRun;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlForm;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockFolder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

@WithJenkins
class GitOpsEnvironmentITest {

    private static final String DESCRIPTORS = "descriptorByName/io.jenkins.plugins.gitops.item.";

    @Test
    void shouldKeepEverySettingThroughTheConfigurationPage(JenkinsRule jenkins) throws Exception {
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
        environment.setRepositoryUrl("https://git.example.com/shop.git");
        environment.setCredentialsId("shop-git");
        environment.setRevision("v1.4.2");
        environment.setPath("apps/shop/overlays/prod");
        environment.setRenderer("KUSTOMIZE");
        environment.setServerUrl("https://k8s.example.com:6443");
        environment.setClusterCredentialsId("prod-kubeconfig");
        environment.setNamespace("shop");
        environment.setAutomated(true);
        environment.setPrune(true);
        environment.setSelfHeal(true);
        environment.setKeepConflicts(true);
        environment.setWaitForHealth(false);
        environment.setHealthTimeoutSeconds(120);
        environment.setCheckIntervalMinutes(10);
        environment.setIgnoreRules("/spec/replicas\n/metadata/annotations");
        environment.save();

        GitOpsEnvironment saved = jenkins.configRoundtrip(environment);

        assertThat(saved.getRepositoryUrl()).isEqualTo("https://git.example.com/shop.git");
        assertThat(saved.getCredentialsId()).isEqualTo("shop-git");
        assertThat(saved.getRevision()).isEqualTo("v1.4.2");
        assertThat(saved.getPath()).isEqualTo("apps/shop/overlays/prod");
        assertThat(saved.getRenderer()).isEqualTo("KUSTOMIZE");
        assertThat(saved.getServerUrl()).isEqualTo("https://k8s.example.com:6443");
        assertThat(saved.getClusterCredentialsId()).isEqualTo("prod-kubeconfig");
        assertThat(saved.getNamespace()).isEqualTo("shop");
        assertThat(saved.isAutomated()).isTrue();
        assertThat(saved.isPrune()).isTrue();
        assertThat(saved.isSelfHeal()).isTrue();
        assertThat(saved.isAllowEmpty()).isFalse();
        assertThat(saved.isKeepConflicts()).isTrue();
        assertThat(saved.isWaitForHealth()).isFalse();
        assertThat(saved.getHealthTimeoutSeconds()).isEqualTo(120);
        assertThat(saved.getCheckIntervalMinutes()).isEqualTo(10);
        assertThat(saved.getIgnoreRules()).isEqualTo("/spec/replicas\n/metadata/annotations");
        assertThat(saved.isDisabled()).isFalse();
    }

    @Test
    void shouldKeepTheHelmSettingsThroughTheConfigurationPageAndDropThemWhenUnchecked(JenkinsRule jenkins)
            throws Exception {
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "podinfo");
        HelmSettings helm = new HelmSettings();
        helm.setValuesFiles("envs/prod/values.yaml\nenvs/prod/secrets.yaml");
        helm.setValues("replicaCount: 3\nimage: {tag: \"6.5.4\"}");
        helm.setReleaseName("web");
        helm.setChartRepository("oci://ghcr.io/stefanprodan/charts");
        helm.setChart("podinfo");
        helm.setChartVersion("^6.5");
        helm.setChartCredentialsId("ghcr");
        environment.setHelm(helm);
        environment.save();

        GitOpsEnvironment saved = jenkins.configRoundtrip(environment);

        HelmSettings kept = saved.getHelm();
        assertThat(kept).isNotNull();
        assertThat(kept.getValuesFiles()).isEqualTo("envs/prod/values.yaml\nenvs/prod/secrets.yaml");
        assertThat(kept.getValues()).isEqualTo("replicaCount: 3\nimage: {tag: \"6.5.4\"}");
        assertThat(kept.getReleaseName()).isEqualTo("web");
        assertThat(kept.getChartRepository()).isEqualTo("oci://ghcr.io/stefanprodan/charts");
        assertThat(kept.getChart()).isEqualTo("podinfo");
        assertThat(kept.getChartVersion()).isEqualTo("^6.5");
        assertThat(kept.getChartCredentialsId()).isEqualTo("ghcr");

        environment.setHelm(null);
        environment.save();
        assertThat(jenkins.configRoundtrip(environment).getHelm()).as("no Helm settings stay none").isNull();
    }

    @Test
    void shouldUseTheDefaultsOfANewEnvironment(JenkinsRule jenkins) throws Exception {
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "fresh");

        assertThat(environment.getRevision()).isEqualTo("main");
        assertThat(environment.getRenderer()).isEqualTo("AUTO");
        assertThat(environment.getNamespace()).isEqualTo("default");
        assertThat(environment.isWaitForHealth()).isTrue();
        assertThat(environment.isPrune()).isFalse();
        assertThat(environment.getCheckIntervalMinutes()).isNull();
        assertThat(environment.getStatus().getSyncStatus()).isEqualTo(io.jenkins.plugins.gitops.engine.view.SyncStatus.UNKNOWN);
        assertThat(environment.getBuildDiscarder()).isInstanceOfSatisfying(hudson.tasks.LogRotator.class, rotator -> {
            assertThat(rotator.getDaysToKeep()).isEqualTo(30);
            assertThat(rotator.getNumToKeep()).isEqualTo(200);
        });
    }

    @Test
    void shouldCreateAnEnvironmentFromConfigXml(JenkinsRule jenkins) throws Exception {
        jenkins.jenkins.setSecurityRealm(jenkins.createDummySecurityRealm());
        jenkins.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
        WebRequest request = new WebRequest(new URL(jenkins.getURL(), "createItem?name=shop-staging"), HttpMethod.POST);
        request.setAdditionalHeader("Content-Type", "application/xml");
        request.setRequestBody(resource("shop-staging.xml"));

        Page page = jenkins.createWebClient().withBasicApiToken("admin").getPage(request);

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        GitOpsEnvironment environment = jenkins.jenkins.getItemByFullName("shop-staging", GitOpsEnvironment.class);
        assertThat(environment).isNotNull();
        assertThat(environment.getRepositoryUrl()).isEqualTo("https://git.example.com/shop.git");
        assertThat(environment.getRevision()).isEqualTo("release-1.4");
        assertThat(environment.getRenderer()).isEqualTo("KUSTOMIZE");
        assertThat(environment.getNamespace()).isEqualTo("shop");
        assertThat(environment.isAutomated()).isTrue();
        assertThat(environment.getCheckIntervalMinutes()).isEqualTo(5);
        // written before Git won by default (<forceConflicts>false</forceConflicts>): loads, and lets Git win
        assertThat(environment.isKeepConflicts()).isFalse();
        assertThat(environment.toSyncPolicy("gitops-sync").forceConflicts()).isTrue();
    }

    @Test
    void shouldBeCreatableInsideAFolder(JenkinsRule jenkins) throws Exception {
        MockFolder team = jenkins.createFolder("team");

        GitOpsEnvironment environment = team.createProject(GitOpsEnvironment.class, "shop-prod");

        assertThat(environment.getFullName()).isEqualTo("team/shop-prod");
        assertThat(jenkins.jenkins.getItemByFullName("team/shop-prod")).isSameAs(environment);
    }

    @Test
    void shouldLetAReaderSeeButNeitherConfigureNorSync(JenkinsRule jenkins) throws Exception {
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
        TestUsers.secure(jenkins);
        JenkinsRule.WebClient reader = jenkins.createWebClient().withBasicApiToken("reader");
        reader.setThrowExceptionOnFailingStatusCode(false);

        assertThat(reader.getPage(environment).getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(reader.getPage(environment, "configure").getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(TestUsers.post(jenkins, reader, "job/shop-prod/syncNow")).isEqualTo(403);
        assertThat(TestUsers.post(jenkins, reader, "job/shop-prod/" + DESCRIPTORS
                + "GitSourceSettings/testGitConnection")).isEqualTo(403);
        assertThat(TestUsers.post(jenkins, reader, "job/shop-prod/" + DESCRIPTORS
                + "ClusterSettings/testClusterConnection")).isEqualTo(403);
        assertThat(environment.getQueueItem()).isNull();
    }

    @Test
    void shouldRefuseSyncNowWithoutPost(JenkinsRule jenkins) throws Exception {
        jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
        TestUsers.secure(jenkins);
        JenkinsRule.WebClient builder = jenkins.createWebClient().withBasicApiToken("builder");
        builder.setThrowExceptionOnFailingStatusCode(false);

        Page page = builder.goTo("job/shop-prod/syncNow", null);

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(405);
    }

    @Test
    void shouldNeitherApplyNorPruneWhenGitFails(JenkinsRule jenkins, @org.junit.jupiter.api.io.TempDir Path missing)
            throws Exception {
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
        environment.setRepositoryUrl(missing.resolve("no-such-repository.git").toUri().toString());
        environment.setClusterCredentialsId("prod-kubeconfig");
        TestUsers.secure(jenkins);
        JenkinsRule.WebClient builder = jenkins.createWebClient().withBasicApiToken("builder");

        assertThat(TestUsers.post(jenkins, builder, "job/shop-prod/syncNow")).isEqualTo(200);
        jenkins.waitUntilNoActivity();

        SyncRun run = environment.getLastBuild();
        assertThat(run).isNotNull();
        jenkins.assertBuildStatus(Result.FAILURE, run);
        jenkins.assertLogContains("Nothing was applied or pruned.", run);
        assertThat(run.getCause(SyncCause.class).getKind()).isEqualTo(SyncCause.Kind.USER);
        assertThat(run.getAction(SyncAction.class).getOutcome()).isEqualTo("FAILED");
        assertThat(environment.getStatus().getSyncStatus()).isEqualTo(io.jenkins.plugins.gitops.engine.view.SyncStatus.ERROR);

        run.reload(); // the build record on disk says the same (XStream refuses some collections)
        assertThat(run.getResult()).isEqualTo(Result.FAILURE);
        assertThat(run.getAction(SyncAction.class).getOutcome()).isEqualTo("FAILED");
        assertThat(run.getAction(SyncInProgress.class)).isNull();
    }

    @Test
    void shouldFoldTwoSyncRequestsMadeAtOnceIntoOneBuild(JenkinsRule jenkins, @org.junit.jupiter.api.io.TempDir Path missing)
            throws Exception {
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
        environment.setRepositoryUrl(missing.resolve("no-such-repository.git").toUri().toString());
        environment.setClusterCredentialsId("prod-kubeconfig");
        hudson.model.Queue.Item[] items = new hudson.model.Queue.Item[2];

        hudson.model.Queue.withLock(() -> { // both requests arrive before the queue hands out the first
            items[0] = environment.scheduleSync(SyncCause.user("ann"));
            items[1] = environment.scheduleSync(SyncCause.user("bob"));
        });
        jenkins.waitUntilNoActivity();

        assertThat(items[1]).isSameAs(items[0]);
        assertThat(environment.getBuilds()).hasSize(1);
        assertThat(environment.getLastBuild().getCauses()).extracting(cause -> ((SyncCause) cause).getDetail())
                .containsExactlyInAnyOrder("ann", "bob");
    }

    @Test
    void shouldNotRecreateTheFolderOfAnEnvironmentDeletedWhileACheckRan(JenkinsRule jenkins) throws Exception {
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
        java.io.File folder = environment.getRootDir();

        environment.delete(); // as a user would, while the periodic check below was still running
        environment.completeCheck(EnvironmentStatusFixture.status("1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", true,
                io.jenkins.plugins.gitops.engine.health.HealthStatus.HEALTHY), null);

        assertThat(folder).doesNotExist();
        assertThat(jenkins.jenkins.getItem("shop-prod")).isNull();
    }

    @Test
    void shouldLoadEverySettingOfAConfigXmlWrittenBeforeTheSectionsAndSaveTheSections(JenkinsRule jenkins)
            throws Exception {
        GitOpsEnvironment environment = (GitOpsEnvironment) jenkins.jenkins.createProjectFromXML("shop-prod",
                new ByteArrayInputStream(resource("every-setting-before-sections.xml").getBytes(StandardCharsets.UTF_8)));

        assertEverySettingOfTheFormerFixture(environment);

        environment.save();
        Element saved = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(environment.getConfigFile().getFile()).getDocumentElement();
        assertThat(saved.getTagName()).isEqualTo(GitOpsEnvironment.class.getName());
        assertThat(childElementNames(saved)).contains("gitSource", "rendering", "cluster", "syncPolicy", "disabled")
                .doesNotContain("repositoryUrl", "credentialsId", "revision", "path", "renderer", "knownHosts",
                        "serverUrl", "clusterCredentialsId", "caCertificate", "namespace", "automated", "prune",
                        "selfHeal", "allowEmpty", "keepConflicts", "forceConflicts", "waitForHealth",
                        "healthTimeoutSeconds", "checkIntervalMinutes", "ignoreRules", "helm");
        assertEverySettingOfTheFormerFixture((GitOpsEnvironment) Items.load(jenkins.jenkins, environment.getRootDir()));
    }

    private static void assertEverySettingOfTheFormerFixture(GitOpsEnvironment environment) {
        assertThat(environment.getDescription()).isEqualTo("Shop, production cluster");
        assertThat(environment.getRepositoryUrl()).isEqualTo("git@git.example.com:shop/config.git");
        assertThat(environment.getCredentialsId()).isEqualTo("shop-deploy-key");
        assertThat(environment.getRevision()).isEqualTo("release-2.0");
        assertThat(environment.getPath()).isEqualTo("apps/shop/overlays/prod");
        assertThat(environment.getRenderer()).isEqualTo("HELM");
        assertThat(environment.getKnownHosts()).startsWith("git.example.com ssh-ed25519 ");
        assertThat(environment.getServerUrl()).isEqualTo("https://k8s-prod.example.com:6443");
        assertThat(environment.getClusterCredentialsId()).isEqualTo("prod-kubeconfig");
        assertThat(environment.getCaCertificate()).startsWith("-----BEGIN CERTIFICATE-----")
                .endsWith("-----END CERTIFICATE-----");
        assertThat(environment.getNamespace()).isEqualTo("shop");
        assertThat(environment.isAutomated()).isTrue();
        assertThat(environment.isPrune()).isTrue();
        assertThat(environment.isSelfHeal()).isTrue();
        assertThat(environment.isAllowEmpty()).isTrue();
        assertThat(environment.isKeepConflicts()).isTrue();
        assertThat(environment.isWaitForHealth()).isFalse();
        assertThat(environment.getHealthTimeoutSeconds()).isEqualTo(900);
        assertThat(environment.getCheckIntervalMinutes()).isEqualTo(15);
        assertThat(environment.getIgnoreRules()).isEqualTo("/spec/replicas\n/metadata/annotations");
        HelmSettings helm = environment.getHelm();
        assertThat(helm).isNotNull();
        assertThat(helm.getReleaseName()).isEqualTo("shop");
        assertThat(helm.getValuesFiles()).isEqualTo("envs/prod/values.yaml");
        assertThat(helm.getValues()).isEqualTo("replicaCount: 3");
        assertThat(helm.getChartRepository()).isEqualTo("oci://registry.example.com/charts");
        assertThat(helm.getChart()).isEqualTo("shop");
        assertThat(helm.getChartVersion()).isEqualTo("^2.0");
        assertThat(helm.getChartCredentialsId()).isEqualTo("registry");
        assertThat(environment.isDisabled()).isTrue();
    }

    private static List<String> childElementNames(Element parent) {
        List<String> names = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                names.add(element.getTagName());
            }
        }
        return names;
    }

    @Test
    void shouldBindEachSectionOfTheConfigurationForm(JenkinsRule jenkins) throws Exception {
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
        HtmlForm form = jenkins.createWebClient().getPage(environment, "configure").getFormByName("config");

        form.getInputByName("_.repositoryUrl").setValue("https://git.example.com/shop.git");
        form.getInputByName("_.revision").setValue("v2.0.0");
        form.getInputByName("_.path").setValue("apps/shop");
        form.getInputByName("_.serverUrl").setValue("https://k8s.example.com:6443");
        form.getInputByName("_.namespace").setValue("shop");
        form.getInputByName("_.automated").setChecked(true);
        form.getInputByName("_.prune").setChecked(true);
        form.getInputByName("_.checkIntervalMinutes").setValue("7");
        form.getTextAreaByName("_.ignoreRules").setText("/spec/replicas");
        jenkins.submit(form);

        assertThat(environment.getRepositoryUrl()).isEqualTo("https://git.example.com/shop.git");
        assertThat(environment.getRevision()).isEqualTo("v2.0.0");
        assertThat(environment.getPath()).isEqualTo("apps/shop");
        assertThat(environment.getRenderer()).isEqualTo("AUTO");
        assertThat(environment.getServerUrl()).isEqualTo("https://k8s.example.com:6443");
        assertThat(environment.getNamespace()).isEqualTo("shop");
        assertThat(environment.isAutomated()).isTrue();
        assertThat(environment.isPrune()).isTrue();
        assertThat(environment.isWaitForHealth()).as("a new environment's default").isTrue();
        assertThat(environment.getCheckIntervalMinutes()).isEqualTo(7);
        assertThat(environment.getIgnoreRules()).isEqualTo("/spec/replicas");
        assertThat(environment.getHelm()).isNull();
    }

    @Test
    void shouldRefuseAFormWithAMalformedIgnoreRuleAndChangeNothing(JenkinsRule jenkins) throws Exception {
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop-prod");
        environment.setRevision("v1.0.0");
        environment.setIgnoreRules("/spec/replicas");
        environment.save();
        JenkinsRule.WebClient client = jenkins.createWebClient();
        client.setThrowExceptionOnFailingStatusCode(false);
        HtmlForm form = client.getPage(environment, "configure").getFormByName("config");

        form.getInputByName("_.revision").setValue("v2.0.0");
        form.getTextAreaByName("_.ignoreRules").setText("spec/replicas");
        Page answer = jenkins.submit(form);

        assertThat(answer.getWebResponse().getContentAsString()).contains("Ignore rules, line 1 \"spec/replicas\"");
        assertThat(environment.getRevision()).isEqualTo("v1.0.0");
        assertThat(environment.getIgnoreRules()).isEqualTo("/spec/replicas");
        assertThat(environment.getConfigFile().asString()).contains("v1.0.0").doesNotContain("v2.0.0");
    }

    @Test
    void shouldReplaceTheSettingsByPostingConfigXmlInEitherShape(JenkinsRule jenkins) throws Exception {
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop-staging");
        environment.setPrune(true);
        environment.setHelm(new HelmSettings());
        environment.save();
        TestUsers.secure(jenkins);
        JenkinsRule.WebClient admin = jenkins.createWebClient().withBasicApiToken("admin");

        assertThat(postConfigXml(jenkins, admin, "sections.xml")).isEqualTo(200);

        assertThat(environment.getRepositoryUrl()).isEqualTo("https://git.example.com/shop.git");
        assertThat(environment.getRevision()).isEqualTo("release-1.5");
        assertThat(environment.getRenderer()).isEqualTo("KUSTOMIZE");
        assertThat(environment.getHelm()).isNull();
        assertThat(environment.getClusterCredentialsId()).isEqualTo("staging-kubeconfig");
        assertThat(environment.getNamespace()).isEqualTo("shop-staging");
        assertThat(environment.isAutomated()).isTrue();
        assertThat(environment.isPrune()).isFalse();
        assertThat(environment.getCheckIntervalMinutes()).isEqualTo(5);
        assertThat(environment.isWaitForHealth()).as("left out: the default").isTrue();
        assertThat(environment.getHealthTimeoutSeconds()).as("left out: the default").isEqualTo(300);

        assertThat(postConfigXml(jenkins, admin, "shop-staging.xml")).isEqualTo(200);

        assertThat(environment.getRevision()).isEqualTo("release-1.4");
        assertThat(environment.getPath()).isEqualTo("apps/shop/overlays/staging");
        assertThat(environment.getNamespace()).isEqualTo("shop");
        assertThat(environment.getClusterCredentialsId()).isEqualTo("staging-kubeconfig");
        assertThat(environment.isPrune()).isTrue();
        assertThat(environment.getHealthTimeoutSeconds()).isEqualTo(600);
        assertThat(environment.getIgnoreRules()).isEqualTo("/spec/replicas");
    }

    private static int postConfigXml(JenkinsRule jenkins, JenkinsRule.WebClient client, String fixture)
            throws Exception {
        WebRequest request = new WebRequest(new URL(jenkins.getURL(), "job/shop-staging/config.xml"), HttpMethod.POST);
        request.setAdditionalHeader("Content-Type", "application/xml");
        request.setRequestBody(resource(fixture));
        client.setThrowExceptionOnFailingStatusCode(false);
        return client.getPage(request).getWebResponse().getStatusCode();
    }

    private static String resource(String name) throws Exception {
        return Files.readString(Path.of(GitOpsEnvironmentITest.class.getResource("GitOpsEnvironmentITest/" + name).toURI()),
                StandardCharsets.UTF_8);
    }
}
