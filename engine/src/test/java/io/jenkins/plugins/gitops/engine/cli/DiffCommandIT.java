package io.jenkins.plugins.gitops.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.report.ReportJson;
import io.jenkins.plugins.gitops.engine.report.ReportObject;
import io.jenkins.plugins.gitops.engine.report.SyncReport;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Phase;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.ApiServerAccess;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestNamespace;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code gitops-sync diff} against a real kube-apiserver: reads only, shows each drift, exits like kubectl diff. */
@ExtendWith(RealApiServer.class)
class DiffCommandIT {

    @TempDir
    Path temp;

    private TestEnvironment environment;

    @BeforeEach
    void createEnvironment(ApiServerAccess access, TestNamespace namespace, KubernetesClient admin) {
        environment = new TestEnvironment(access, namespace, admin, temp, "cli/web");
    }

    @Test
    void shouldListWhatASyncWouldCreateAndExitWithOne() {
        CliRun run = environment.run("diff");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).containsPattern("Deployment +" + environment.namespace() + " +web +create +Missing")
                .contains("3 objects: 3 to create")
                .contains("OutOfSync: 3 of 3 objects differ from Git; gitops-sync sync applies the changes");
        assertThat(environment.admin().configMaps().inNamespace(environment.namespace()).list().getItems())
                .as("diff writes nothing").extracting(cm -> cm.getMetadata().getName())
                .doesNotContain("web-settings");
    }

    @Test
    void shouldExitWithZeroWhenTheClusterMatchesGit() {
        environment.run("sync");

        CliRun run = environment.run("diff");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).endsWith("Synced: the cluster matches Git\n");
    }

    @Test
    void shouldShowTheDiffOfAFieldChangedInTheCluster() {
        environment.run("sync");
        environment.editAsKubectl(environment.admin().configMaps().inNamespace(environment.namespace())
                .withName("web-settings"), "{\"data\":{\"GREETING\":\"changed by hand\"}}");

        CliRun run = environment.run("diff");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).containsPattern("ConfigMap +\\S+ +web-settings +configure +Healthy +taken from kubectl-edit:"
                        + " .data.GREETING changed by hand → hello")
                .contains("    -  GREETING: changed by hand\n    +  GREETING: hello\n")
                .contains("OutOfSync: 1 of 3 objects differs from Git");
    }

    @Test
    void shouldNotReportAFieldItIsToldToIgnore() {
        environment.run("sync");
        environment.editAsKubectl(environment.admin().apps().deployments().inNamespace(environment.namespace())
                .withName("web"), "{\"spec\":{\"replicas\":5}}");

        CliRun everyKind = environment.run("diff", "--ignore", "/spec/replicas");
        CliRun deploymentsOnly = environment.run("diff", "--ignore", "Deployment=/spec/replicas");
        CliRun otherKind = environment.run("diff", "--ignore", "StatefulSet=/spec/replicas");

        assertThat(everyKind.exitCode()).as(everyKind.toString()).isZero();
        assertThat(deploymentsOnly.exitCode()).as(deploymentsOnly.toString()).isZero();
        assertThat(otherKind.exitCode()).as(otherKind.toString()).isEqualTo(1);
    }

    @Test
    void shouldPrintThePreviewAsJson() throws IOException {
        CliRun run = environment.run("diff", "--output", "json");

        SyncReport report = ReportJson.read(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(report.summary().mode()).isEqualTo(Mode.PREVIEW);
        assertThat(report.summary().outcome()).isEqualTo(Outcome.OUT_OF_SYNC);
        assertThat(report.summary().revision()).as("a folder has no revision").isNull();
        assertThat(report.objects()).extracting(ReportObject::action).containsOnly(Action.CREATED);
        assertThat(report.objects()).extracting(ReportObject::file).contains("web.yaml", "config.yaml");
    }

    @Test
    void shouldAccountForTheWholeRunInThePhasesOfItsReport() throws IOException {
        CliRun run = environment.run("diff", "--output", "json");

        var summary = ReportJson.read(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8))).summary();
        assertThat(summary.phaseTimingsMs()).containsKeys(Phase.SOURCE, Phase.RENDER, Phase.RESOLVE, Phase.LIVE_STATE,
                Phase.DIFF, Phase.REPORT);
        long phases = summary.phaseTimingsMs().values().stream().mapToLong(Long::longValue).sum();
        assertThat(summary.durationMs() - phases).isBetween(0L, (long) summary.phaseTimingsMs().size());
    }

    @Test
    void shouldReportABrokenManifestWithItsFileAndLineBeforeAskingTheCluster() {
        Path broken = Cli.copyFixture("cli/broken", temp.resolve("broken"));

        CliRun run = Cli.run("diff", broken.toString(), "--kubeconfig", environment.kubeconfig().toString(),
                "--namespace", environment.namespace());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(broken + "/broken.yaml:7: malformed YAML");
        assertThat(run.out()).isEmpty();
    }
}
