package io.jenkins.plugins.gitops.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.jenkins.plugins.gitops.engine.testing.git.TestGitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gitops-sync render}: objects as YAML with their origin, errors as {@code file:line}. No cluster. */
class RenderCommandTest {

    @TempDir
    Path temp;

    @Test
    void shouldPrintEveryObjectAsYamlWithTheFileAndLineItComesFrom() throws IOException {
        Path app = Cli.copyFixture("cli/web", temp.resolve("web"));

        CliRun run = Cli.run("render", app.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("---\n# Source: " + app + "/config.yaml:1\napiVersion: v1\nkind: ConfigMap\n")
                .contains("---\n# Source: " + app + "/web.yaml:2\napiVersion: apps/v1\nkind: Deployment\n")
                .contains("# Source: " + app + "/web.yaml:20\n");
        assertThat(documents(run.out())).extracting(doc -> doc.path("kind").asText())
                .containsExactly("ConfigMap", "Deployment", "Service");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldPrintAKubernetesListAsJson() throws IOException {
        Path app = Cli.copyFixture("cli/web", temp.resolve("web"));

        CliRun run = Cli.run("render", app.toString(), "-o", "json");

        JsonNode list = new ObjectMapper().readTree(run.out());
        assertThat(list.path("kind").asText()).isEqualTo("List");
        assertThat(list.path("items")).hasSize(3);
    }

    @Test
    void shouldPrintATableOfObjectsAndOrigins() {
        Path app = Cli.copyFixture("cli/web", temp.resolve("web"));

        CliRun run = Cli.run("render", app.toString(), "--output", "text");

        assertThat(run.out()).isEqualTo("""
                KIND        NAMESPACE  NAME          SOURCE
                ConfigMap   -          web-settings  %1$s/config.yaml:1
                Deployment  -          web           %1$s/web.yaml:2
                Service     -          web           %1$s/web.yaml:20
                3 objects
                """.formatted(app));
    }

    @Test
    void shouldRenderAHelmChartForTheKubernetesAndApiVersionsGiven() throws IOException {
        Path chart = Files.createDirectories(temp.resolve("chart/templates")).getParent();
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: chart\nversion: 1.0.0\n"
                + "kubeVersion: \">=1.23.0-0\"\n");
        Files.writeString(chart.resolve("templates/capabilities.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: capabilities
                data:
                  kubeVersion: {{ .Capabilities.KubeVersion.Version | quote }}
                  pdb: {{ .Capabilities.APIVersions.Has "policy/v1/PodDisruptionBudget" | quote }}
                """);

        CliRun withoutVersion = Cli.run("render", chart.toString());
        CliRun run = Cli.run("render", chart.toString(), "--kube-version", "1.28", "--api-versions",
                "policy/v1/PodDisruptionBudget,apps/v1/Deployment", "--api-versions", "example.com/v1");

        assertThat(withoutVersion.exitCode()).isEqualTo(2);
        assertThat(withoutVersion.err()).contains(chart + "/Chart.yaml: the chart requires Kubernetes >=1.23.0-0"
                + " (kubeVersion), which v1.20.0, Helm's default, does not meet");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(documents(run.out()).get(0).path("data").toString())
                .isEqualTo("{\"kubeVersion\":\"v1.28.0\",\"pdb\":\"false\"}");
        // The bundled Helm library cannot be given API versions: it says where that matters.
        assertThat(run.err()).contains("warning: " + chart + "/templates/capabilities.yaml:7: "
                + ".Capabilities.APIVersions.Has \"policy/v1/PodDisruptionBudget\" is false with helm-java");
    }

    @Test
    void shouldGiveAHelmBinaryTheKubernetesAndApiVersions() throws IOException {
        Path chart = Files.createDirectories(temp.resolve("chart"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: chart\nversion: 1.0.0\n");
        Path arguments = temp.resolve("arguments.txt");
        Path helm = temp.resolve("helm");
        // A stand-in for helm: records its arguments and prints one object.
        Files.writeString(helm, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + arguments + "'\n"
                + "printf -- '---\\n# Source: chart/templates/cm.yaml\\napiVersion: v1\\nkind: ConfigMap\\n"
                + "metadata:\\n  name: from-helm\\n'\n");
        helm.toFile().setExecutable(true);

        CliRun run = Cli.run("render", chart.toString(), "--helm-executable", helm.toString(), "--kube-version",
                "1.28", "--api-versions", "policy/v1/PodDisruptionBudget");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("# Source: " + chart + "/templates/cm.yaml\n");
        assertThat(Files.readAllLines(arguments)).containsSequence("--kube-version", "v1.28.0",
                "--api-versions", "policy/v1/PodDisruptionBudget");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldReportAMalformedFileWithItsFileAndLineAndPrintNoObject() {
        Path broken = Cli.copyFixture("cli/broken", temp.resolve("broken"));

        CliRun run = Cli.run("render", broken.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: rendering failed:\n  " + broken
                + "/broken.yaml:7: malformed YAML (mapping values are not allowed here); fix the YAML syntax");
        assertThat(run.out()).as("a failed render yields no objects at all").isEmpty();
    }

    @Test
    void shouldNameAFolderThatDoesNotExist() {
        CliRun run = Cli.run("render", temp.resolve("missing").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: " + temp.resolve("missing") + ": no such folder; check the path\n");
    }

    @Test
    void shouldAskWhereTheManifestsAre() {
        CliRun run = Cli.run("render");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("give a folder (<dir>) or a Git repository (--repo <url>)");
    }

    @Test
    void shouldRenderARevisionOfAGitRepositoryWithRepositoryPaths() {
        try (TestGitRepo repo = TestGitRepo.in(temp.resolve("repo"))) {
            Cli.copyFixture("cli/web", repo.directory().resolve("apps/web"));
            repo.commit("Add web");
            Cli.copyFixture("cli/settings-only", repo.directory().resolve("apps/web/extra"));
            repo.commit("Add settings");

            CliRun run = Cli.run("render", "--repo", repo.url(), "--revision", repo.resolve("HEAD~1"),
                    "--path", "apps/web", "--cache-dir", temp.resolve("cache").toString(), "-o", "text");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("Deployment  -          web           apps/web/web.yaml:2")
                    .as("the commit before the settings were added").doesNotContain("settings.yaml");
        }
    }

    @Test
    void shouldNameARevisionThatDoesNotExist() {
        try (TestGitRepo repo = TestGitRepo.in(temp.resolve("repo"))) {
            Cli.copyFixture("cli/web", repo.directory().resolve("apps/web"));
            repo.commit("Add web");

            CliRun run = Cli.run("render", "--repo", repo.url(), "--revision", "relase-1.2", "--cache-dir",
                    temp.resolve("cache").toString());

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).startsWith("error: ").contains("relase-1.2");
        }
    }

    @Test
    void shouldRefuseARevisionForAFolder() {
        Path app = Cli.copyFixture("cli/web", temp.resolve("web"));

        CliRun run = Cli.run("render", app.toString(), "--revision", "main");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--revision main: applies to --repo only");
    }

    @Test
    void shouldNeverPrintAPasswordGivenInTheUrl() {
        CliRun run = Cli.run("render", "--repo", "https://ann:s3cret@git.example.com/shop.git", "--verbose",
                "--cache-dir", temp.resolve("cache").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("the URL contains a password").doesNotContain("s3cret");
        assertThat(run.out()).doesNotContain("s3cret");
    }

    @Test
    void shouldMaskSecretValuesUnlessAskedToShowThem() throws IOException {
        Path app = Files.createDirectories(temp.resolve("app"));
        Files.writeString(app.resolve("secret.yaml"), """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                data:
                  password: cGxhbnRlZC1wYXNzd29yZA==
                stringData:
                  token: planted-token-value
                """);

        for (String format : List.of("yaml", "json")) {
            CliRun masked = Cli.run("render", app.toString(), "-o", format);
            CliRun shown = Cli.run("render", app.toString(), "-o", format, "--show-secrets");

            assertThat(masked.exitCode()).as(masked.toString()).isZero();
            assertThat(masked.out()).doesNotContain("cGxhbnRlZC1wYXNzd29yZA==", "planted-token-value")
                    .contains("password", "token", "(redacted sha256:");
            assertThat(shown.out()).contains("cGxhbnRlZC1wYXNzd29yZA==", "planted-token-value");
        }
    }

    @Test
    void shouldNeverPrintATokenGivenInTheQueryString() {
        CliRun run = Cli.run("render", "--repo", "http://127.0.0.1:9/shop.git?access_token=planted-T0ken", "--verbose",
                "--cache-dir", temp.resolve("cache").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("access_token=****").doesNotContain("planted-T0ken");
        assertThat(run.out()).doesNotContain("planted-T0ken");
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            new YAMLMapper().readValues(parser, JsonNode.class).forEachRemaining(documents::add);
        }
        return documents;
    }
}
