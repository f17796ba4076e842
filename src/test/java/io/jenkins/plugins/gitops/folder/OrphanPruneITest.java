package io.jenkins.plugins.gitops.folder;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.reconcile.LocalRepositories;
import io.jenkins.plugins.gitops.run.SyncCause;
import io.jenkins.plugins.gitops.run.SyncRun;
import io.jenkins.plugins.gitops.testing.TestCluster;
import io.jenkins.plugins.gitops.testing.TestRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * An environment of a folder, synced into a real kube-apiserver, then no longer declared: deleting it deletes its
 * objects from the cluster only when the folder's orphan strategy says so, and an environment whose objects cannot be
 * deleted is kept, disabled.
 */
@WithJenkins
class OrphanPruneITest {

    @TempDir
    Path temp;

    private final TestCluster cluster = TestCluster.get();
    private TestRepository repository;

    @BeforeEach
    void allowTheTestRepository() throws Exception {
        System.setProperty(LocalRepositories.ALLOW_PROPERTY, "true");
        repository = TestRepository.init(temp);
    }

    @AfterEach
    void refuseLocalRepositoriesAgain() {
        repository.close();
        System.clearProperty(LocalRepositories.ALLOW_PROPERTY);
    }

    @Test
    void shouldDeleteTheObjectsOfADeletedOrphanWhenTheFolderAllowsIt(JenkinsRule jenkins) throws Exception {
        String namespace = cluster.newNamespace("orphan-prune");
        GitOpsEnvironmentFolder folder = syncedFolder(jenkins, namespace, "test-cluster", true);

        repository.delete("environments/shop.yaml").commit("Retire shop");
        compute(jenkins, folder);

        assertThat(folder.getItem("shop")).as("deleted by the strategy").isNull();
        assertThat(cluster.admin().configMaps().inNamespace(namespace).withName("shop-config").get())
                .as("pruned with its environment").isNull();
        assertThat(computationLog(folder)).contains("Deleting the objects of shop from its cluster")
                .contains("ConfigMap/" + namespace + "/shop-config pruned")
                .contains("Deleting shop: 1 object deleted from the cluster");
    }

    @Test
    void shouldLeaveTheObjectsOfADeletedOrphanInTheClusterByDefault(JenkinsRule jenkins) throws Exception {
        String namespace = cluster.newNamespace("orphan-keep");
        GitOpsEnvironmentFolder folder = syncedFolder(jenkins, namespace, "test-cluster", false);

        repository.delete("environments/shop.yaml").commit("Retire shop");
        compute(jenkins, folder);

        assertThat(folder.getItem("shop")).as("deleted by the strategy").isNull();
        assertThat(cluster.admin().configMaps().inNamespace(namespace).withName("shop-config").get())
                .as("left in the cluster").isNotNull();
        assertThat(computationLog(folder)).contains("Deleting shop: no longer declared for 0 days or more (its objects"
                + " stay in the cluster)");
    }

    @Test
    void shouldKeepAnOrphanDisabledWhenItsObjectsCannotBeDeleted(JenkinsRule jenkins) throws Exception {
        repository.write("app/config.yaml", TestRepository.configMap("shop-config", "color", "blue"))
                .write("environments/shop.yaml", "path: app\nnamespace: shop\nclusterCredentialsId: no-such-cluster\n")
                .commit("Declare shop");
        GitOpsEnvironmentFolder folder = folder(jenkins, true);
        compute(jenkins, folder);

        repository.delete("environments/shop.yaml").commit("Retire shop");
        compute(jenkins, folder);

        GitOpsEnvironment shop = folder.getItem("shop");
        assertThat(shop).as("kept: its objects could not be deleted").isNotNull();
        assertThat(shop.isDisabled()).isTrue();
        assertThat(computationLog(folder)).contains("Keeping shop disabled: its objects could not be deleted from the"
                + " cluster").contains("no-such-cluster");
    }

    /** A folder declaring one environment, {@code shop}, synced once: its ConfigMap is in the cluster. */
    private GitOpsEnvironmentFolder syncedFolder(JenkinsRule jenkins, String namespace, String clusterCredentialsId,
            boolean pruneObjectsOnDelete) throws Exception {
        cluster.addKubeconfigCredentials(clusterCredentialsId); // once Jenkins runs: the credentials store is its
        repository.write("app/config.yaml", TestRepository.configMap("shop-config", "color", "blue"))
                .write("environments/shop.yaml", "path: app\nnamespace: " + namespace + "\nclusterCredentialsId: "
                        + clusterCredentialsId + "\n")
                .commit("Declare shop");
        GitOpsEnvironmentFolder folder = folder(jenkins, pruneObjectsOnDelete);
        compute(jenkins, folder);
        GitOpsEnvironment shop = folder.getItem("shop");
        assertThat(shop).as("generated from environments/shop.yaml").isNotNull();
        int number = shop.getNextBuildNumber();
        shop.scheduleSync(SyncCause.user("admin"));
        jenkins.waitUntilNoActivity();
        SyncRun sync = shop.getBuildByNumber(number);
        assertThat(sync).as("the sync build").isNotNull();
        jenkins.assertBuildStatus(Result.SUCCESS, sync);
        ConfigMap live = cluster.admin().configMaps().inNamespace(namespace).withName("shop-config").get();
        assertThat(live).as("synced").isNotNull();
        return folder;
    }

    private GitOpsEnvironmentFolder folder(JenkinsRule jenkins, boolean pruneObjectsOnDelete) throws Exception {
        GitOpsEnvironmentFolder folder = jenkins.createProject(GitOpsEnvironmentFolder.class, "environments");
        folder.setRepositoryUrl(repository.url());
        folder.setGenerator(new GitFilesGenerator("environments/*.yaml"));
        EnvironmentOrphanStrategy strategy = new EnvironmentOrphanStrategy();
        strategy.setDeleteAfterDays(0);
        strategy.setPruneObjectsOnDelete(pruneObjectsOnDelete);
        folder.setOrphanedItemStrategy(strategy);
        folder.save();
        return folder;
    }

    /** Runs one computation and waits for it; the computation itself must succeed whatever happens to the orphans. */
    private static void compute(JenkinsRule jenkins, GitOpsEnvironmentFolder folder) throws Exception {
        jenkins.waitUntilNoActivity();
        assertThat(folder.scheduleBuild2(0)).isNotNull();
        jenkins.waitUntilNoActivity();
        assertThat(folder.getComputation().getResult()).isEqualTo(Result.SUCCESS);
    }

    private static String computationLog(GitOpsEnvironmentFolder folder) throws Exception {
        return Files.readString(folder.getComputation().getLogFile().toPath(), StandardCharsets.UTF_8);
    }
}
