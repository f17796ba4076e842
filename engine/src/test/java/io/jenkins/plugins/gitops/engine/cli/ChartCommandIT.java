package io.jenkins.plugins.gitops.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.report.ReportJson;
import io.jenkins.plugins.gitops.engine.report.ReportSummary;
import io.jenkins.plugins.gitops.engine.report.SyncReport;
import io.jenkins.plugins.gitops.engine.testing.charts.ChartRepositoryServer;
import io.jenkins.plugins.gitops.engine.testing.charts.TarGz;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.ApiServerAccess;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestNamespace;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --chart-repo}: a chart from a real chart repository on loopback, with values files from the folder,
 * rendered and synced to a real kube-apiserver; the report records the version and digest, and a pinned digest
 * that no longer matches stops the sync before anything is applied.
 */
@ExtendWith(RealApiServer.class)
class ChartCommandIT {

    @TempDir
    Path temp;

    private ChartRepositoryServer repository;
    private TestEnvironment environment;
    private String digest;

    @BeforeEach
    void publishAndPrepare(ApiServerAccess access, TestNamespace namespace, KubernetesClient admin) throws Exception {
        repository = new ChartRepositoryServer();
        repository.publish("web", "1.0.0", TarGz.chart("web", "1.0.0"));
        digest = "sha256:" + repository.publish("web", "1.1.0", TarGz.chart("web", "1.1.0"));
        environment = new TestEnvironment(access, namespace, admin, temp, "cli/web");
        Files.createDirectories(environment.folder().resolve("values"));
        Files.writeString(environment.folder().resolve("values/prod.yaml"), "greeting: hello from Git\n");
    }

    @AfterEach
    void stop() {
        if (repository != null) {
            repository.close();
        }
    }

    private String[] chartOptions(String... more) {
        return versionedChartOptions("~1.0 || ~1.1", more);
    }

    private String[] versionedChartOptions(String version, String... more) {
        return concat(new String[] {"--chart-repo", repository.url(), "--chart", "web", "--chart-version", version,
            "--helm-values", "values/prod.yaml", "--cache-dir", temp.resolve("cache").toString()}, more);
    }

    @Test
    void rendersTheChartWithTheFoldersValuesAndNamesItsVersionAndDigest() {
        CliRun run = Cli.run(concat(new String[] {"render", environment.folder().toString(), "-o", "text"},
                chartOptions()));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("ConfigMap +- +web-settings +@charts/web/templates/settings.yaml")
                .contains("1 object");
        assertThat(run.err()).contains("Chart web 1.1.0 (" + digest + ") from " + repository.url());
    }

    @Test
    void syncsTheChartAndRecordsItsVersionAndDigestInTheReport() throws Exception {
        CliRun run = environment.run("sync", chartOptions("-o", "json"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        SyncReport report = ReportJson.read(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
        assertThat(report.summary().source().chart()).isEqualTo(new ReportSummary.Chart(repository.url(), "web",
                "~1.0 || ~1.1", "1.1.0", digest));
        ConfigMap settings = environment.admin().configMaps().inNamespace(environment.namespace())
                .withName("web-settings").get();
        assertThat(settings.getData()).containsEntry("greeting", "hello from Git").containsEntry("chartVersion", "1.1.0");

        CliRun text = environment.run("diff", chartOptions());
        assertThat(text.out()).contains("Chart:       web 1.1.0 from " + repository.url() + " (asked: ~1.0 || ~1.1)")
                .contains("Digest:      " + digest + " (repeat with --chart-version 1.1.0 --chart-digest " + digest + ")");
    }

    @Test
    void stopsBeforeApplyingWhenThePinnedChartWasReplaced() {
        String replaced = "sha256:" + repository.republish("web", "1.1.0", TarGz.chart("web", "1.1.0",
                Map.of("templates/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n")));

        CliRun run = environment.run("sync", versionedChartOptions("1.1.0", "--chart-digest", digest));

        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.err()).contains("chart web from " + repository.url() + ": version 1.1.0 now has the digest "
                + replaced + ", not the pinned " + digest);
        assertThat(environment.admin().configMaps().inNamespace(environment.namespace()).withName("web-settings").get())
                .as("nothing applied").isNull();
    }

    @Test
    void readsTheRepositoryPasswordFromTheEnvironmentNeverFromAnOption() {
        repository.requireBasicAuth("reader", "pa55");

        CliRun anonymous = Cli.run(concat(new String[] {"render", environment.folder().toString()}, chartOptions()));
        CliRun withPassword = Cli.run(Map.of(ChartOptions.PASSWORD_VARIABLE, "pa55"), concat(new String[] {"render",
            environment.folder().toString()}, chartOptions("--chart-username", "reader")));

        assertThat(anonymous.exitCode()).isNotZero();
        assertThat(anonymous.err()).contains("the repository asks for credentials: give a user and password");
        assertThat(withPassword.exitCode()).as(withPassword.toString()).isZero();
        assertThat(withPassword.out()).contains("greeting: hello from Git");
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
