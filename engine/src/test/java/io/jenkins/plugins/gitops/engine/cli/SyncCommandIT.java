package io.jenkins.plugins.gitops.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.jenkins.plugins.gitops.engine.report.ReportJson;
import io.jenkins.plugins.gitops.engine.report.ReportObject;
import io.jenkins.plugins.gitops.engine.report.SyncReport;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.testing.git.TestGitRepo;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.ApiServerAccess;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestNamespace;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code gitops-sync sync} against a real kube-apiserver: what it prints, what it changes, how it exits. */
@ExtendWith(RealApiServer.class)
class SyncCommandIT {

    @TempDir
    Path temp;

    private TestEnvironment environment;

    @BeforeEach
    void createEnvironment(ApiServerAccess access, TestNamespace namespace, KubernetesClient admin) {
        environment = new TestEnvironment(access, namespace, admin, temp, "cli/web");
    }

    @Test
    void shouldCreateEveryObjectAndExitWithZero() {
        CliRun run = environment.run("sync");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("Deployment +" + environment.namespace() + " +web +created +Progressing")
                .containsPattern("Service +" + environment.namespace() + " +web +created +Healthy")
                .containsPattern("ConfigMap +" + environment.namespace() + " +web-settings +created +Healthy")
                .contains("3 objects: 3 created")
                .contains("Synced: 3 objects changed; health Progressing (add --wait to wait for it)");
        assertThat(environment.admin().configMaps().inNamespace(environment.namespace()).withName("web-settings").get())
                .isNotNull();
    }

    @Test
    void shouldFindNothingToDoTheSecondTime() {
        environment.run("sync");

        CliRun run = environment.run("sync");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("3 objects: 3 unchanged", "(0 writes)")
                .contains("Synced: nothing to do, the cluster already matches Git");
    }

    @Test
    void shouldReportAConflictWithExitCodeOneWhenAskedAndOtherwiseTakeTheFieldBack() {
        environment.run("sync");
        environment.editAsKubectl(deployment(), "{\"spec\":{\"replicas\":5}}");

        CliRun conflict = environment.run("sync", "--no-force-conflicts");
        int replicasAfterConflict = deployment().get().getSpec().getReplicas();
        CliRun gitWins = environment.run("sync");

        assertThat(conflict.exitCode()).as(conflict.toString()).isEqualTo(1);
        assertThat(conflict.out()).containsPattern("Deployment .* conflict +Progressing +apply conflict on"
                        + " .spec.replicas with field manager \"kubectl-edit\"")
                .contains("sync without --no-force-conflicts to take them back");
        assertThat(replicasAfterConflict).isEqualTo(5);
        assertThat(gitWins.exitCode()).as(gitWins.toString()).isZero();
        assertThat(gitWins.out()).containsPattern("Deployment .* configured +Progressing +taken from kubectl-edit:"
                + " .spec.replicas 5 → 2");
        assertThat(deployment().get().getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void shouldChangeNothingOnADryRun() {
        CliRun run = environment.run("sync", "--dry-run");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Mode:        dry run")
                .contains("Dry run passed: the API server accepted 3 changes; nothing was written");
        assertThat(environment.admin().configMaps().inNamespace(environment.namespace()).withName("web-settings").get())
                .isNull();
    }

    @Test
    void shouldPruneAnObjectRemovedFromTheFolderOnlyWithPrune() throws IOException {
        environment.run("sync");
        Files.delete(environment.folder().resolve("config.yaml"));

        CliRun withoutPrune = environment.run("sync");
        boolean keptWithoutPrune = configMapExists();
        CliRun withPrune = environment.run("sync", "--prune");

        assertThat(withoutPrune.out()).containsPattern("ConfigMap .* web-settings +skipped");
        assertThat(keptWithoutPrune).isTrue();
        assertThat(withPrune.exitCode()).as(withPrune.toString()).isZero();
        assertThat(withPrune.out()).containsPattern("ConfigMap .* web-settings +pruned");
        assertThat(configMapExists()).isFalse();
    }

    @Test
    void shouldWaitUntilEveryObjectIsHealthy(ApiServerAccess access, TestNamespace namespace, KubernetesClient admin) {
        TestEnvironment settings = new TestEnvironment(access, namespace, admin, temp.resolve("settings"),
                "cli/settings-only");

        CliRun run = settings.run("sync", "--wait", "--timeout", "30s");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).endsWith("Synced: 1 object changed; all healthy\n");
    }

    @Test
    void shouldExitWithOneWhenObjectsStayUnhealthy() {
        // The test API server runs no controllers: nothing ever rolls the Deployment out.
        CliRun run = environment.run("sync", "--wait", "--timeout", "1s");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("Unhealthy: synced, but not every object became healthy within 1s: "
                + "Deployment/" + environment.namespace() + "/web (Progressing)");
    }

    @Test
    void shouldPrintTheSyncReportAsJson() throws IOException {
        CliRun run = environment.run("sync", "-o", "json");

        SyncReport report = ReportJson.read(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
        assertThat(run.exitCode()).isZero();
        assertThat(report.summary().mode()).isEqualTo(Mode.SYNC);
        assertThat(report.summary().outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(report.summary().environment()).isEqualTo(environment.namespace());
        assertThat(report.summary().target().namespace()).isEqualTo(environment.namespace());
        assertThat(report.objects()).extracting(ReportObject::subject, ReportObject::action).contains(
                tuple("ConfigMap/" + environment.namespace() + "/web-settings",
                        Action.CREATED));
    }

    @Test
    void shouldSyncARevisionOfAGitRepository() {
        try (TestGitRepo repo = TestGitRepo.in(temp.resolve("repo"))) {
            Cli.copyFixture("cli/web", repo.directory().resolve("apps/web"));
            repo.commit("Add web");

            CliRun run = environment.runWithoutFolder("sync", "--repo", repo.url(), "--revision", "main",
                    "--path", "apps/web", "--cache-dir", temp.resolve("cache").toString());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            String sha = repo.head().substring(0, 7);
            assertThat(run.out()).contains("Source:      " + repo.url() + ", path apps/web")
                    .contains("Revision:    main -> " + sha + " \"Add web\" (Test Author)")
                    .contains("environment repo/apps/web")
                    .contains("Synced to " + sha + ": 3 objects changed");
        }
    }

    @Test
    void shouldExitWithTwoWhenTheApiServerRefusesAnObject() {
        CliRun run = Cli.run("sync", environment.folder().toString(), "--kubeconfig",
                environment.kubeconfig().toString(), "--namespace", "no-such-namespace");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).contains("Failed: ");
    }

    @Test
    void shouldExitWithTwoWhenTheKubeconfigDoesNotExist() {
        CliRun run = Cli.run("sync", environment.folder().toString(), "--kubeconfig", temp.resolve("nope").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: --kubeconfig " + temp.resolve("nope") + ": does not exist; check the path\n");
    }

    private RollableScalableResource<Deployment> deployment() {
        return environment.admin().apps().deployments().inNamespace(environment.namespace()).withName("web");
    }

    private boolean configMapExists() {
        return environment.admin().configMaps().inNamespace(environment.namespace()).withName("web-settings")
                .get() != null;
    }
}
