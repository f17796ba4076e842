package io.jenkins.plugins.gitops.engine.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.source.FileTree.FileEntry;
import io.jenkins.plugins.gitops.engine.source.LocalDirectoryTree;
import io.jenkins.plugins.gitops.engine.testing.charts.TarGz;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart laid over the environment's files at {@code @charts/<chart>}, which the repository cannot shadow. */
class ChartOverlayTreeTest {

    @TempDir
    Path temp;

    private ChartOverlayTree overlay() throws IOException {
        Path repository = Files.createDirectories(temp.resolve("repo"));
        Files.createDirectories(repository.resolve("values"));
        Files.writeString(repository.resolve("values/prod.yaml"), "greeting: prod\n");
        Files.createDirectories(repository.resolve("@charts/web/templates"));
        Files.writeString(repository.resolve("@charts/web/templates/planted.yaml"), "kind: Secret\n");
        byte[] archive = TarGz.chart("web", "1.0.0");
        ChartFiles files = ChartArchive.extract(archive, ArchiveLimits.defaults(), "web 1.0.0");
        ResolvedChart chart = new ResolvedChart(ChartReference.of("https://charts.example.com", "web", "1.0.0"),
                "1.0.0", ChartCache.digestOf(archive), files, false);
        return new ChartOverlayTree(new LocalDirectoryTree(repository), chart, temp.resolve("work"));
    }

    @Test
    void showsTheRepositorysFilesAndTheChartButNotTheRepositorysOwnChartsFolder() throws IOException {
        ChartOverlayTree tree = overlay();

        assertThat(tree.chartPath()).isEqualTo("@charts/web");
        assertThat(tree.list("")).extracting(FileEntry::path).containsExactly("@charts/web/Chart.yaml",
                "@charts/web/templates/settings.yaml", "@charts/web/values.yaml", "values/prod.yaml");
        assertThat(tree.list("@charts/web/templates")).extracting(FileEntry::path)
                .containsExactly("@charts/web/templates/settings.yaml");
        assertThat(tree.isDirectory("@charts")).isTrue();
        assertThat(tree.isDirectory("@charts/web/templates")).isTrue();
        assertThat(tree.isDirectory("values")).isTrue();
        assertThat(new String(tree.read("values/prod.yaml"), StandardCharsets.UTF_8)).isEqualTo("greeting: prod\n");
        assertThatThrownBy(() -> tree.read("@charts/web/templates/planted.yaml")).isInstanceOf(NoSuchFileException.class);
        assertThat(tree.description()).endsWith("with chart web 1.0.0 (" + tree.chart().digest()
                + ") from https://charts.example.com");
    }

    @Test
    void materializesLinksToTheRepositoryAndACopyOfTheChartOnceAndReusesIt() throws IOException {
        ChartOverlayTree tree = overlay();

        Path folder = tree.materialize();

        assertThat(folder.resolve("values/prod.yaml")).hasContent("greeting: prod");
        assertThat(Files.isSymbolicLink(folder.resolve("values"))).isTrue();
        assertThat(folder.resolve("@charts/web/Chart.yaml")).isRegularFile();
        assertThat(folder.resolve("@charts/web/templates/planted.yaml")).doesNotExist();
        assertThat(overlay().materialize()).as("same files, same chart: the same folder").isEqualTo(folder);
    }
}
