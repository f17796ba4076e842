package io.jenkins.plugins.gitops.engine.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.testing.charts.TarGz;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart archive comes from a repository we do not control: only plain files inside the chart's folder. */
class ChartArchiveTest {

    private static final String CHART_YAML = "apiVersion: v2\nname: web\nversion: 1.0.0\n";

    private static ChartFiles extract(byte[] archive) throws ChartArchive.ArchiveException {
        return ChartArchive.extract(archive, ArchiveLimits.defaults(), "test chart");
    }

    private static ChartFiles extract(TarGz archive) throws ChartArchive.ArchiveException {
        return extract(archive.gzip());
    }

    @Test
    void extractsTheChartsFolderContent(@TempDir Path folder) throws IOException {
        ChartFiles files = extract(TarGz.chart("web", "1.0.0", Map.of("templates/deep/x.yaml", "a: 1\n")));

        assertThat(files.list("")).extracting(FileEntryPath::of).containsExactly("Chart.yaml",
                "templates/deep/x.yaml", "templates/settings.yaml", "values.yaml");
        assertThat(files.isDirectory("templates")).isTrue();
        assertThat(files.isDirectory("templates/deep")).isTrue();
        assertThat(files.isDirectory("template")).isFalse();
        assertThat(new String(files.read("values.yaml"), StandardCharsets.UTF_8)).contains("greeting");
        files.writeTo(folder);
        assertThat(folder.resolve("templates/deep/x.yaml")).hasContent("a: 1");
    }

    @Test
    void refusesAParentSegment() {
        assertThatThrownBy(() -> extract(new TarGz().file("web/Chart.yaml", CHART_YAML)
                .file("web/../../etc/cron.d/evil", "x")))
                .hasMessage("'web/../../etc/cron.d/evil' has a '..' segment; a chart archive may not name files"
                        + " outside its folder");
    }

    @Test
    void refusesAnAbsolutePath() {
        assertThatThrownBy(() -> extract(new TarGz().file("/etc/passwd", "x")))
                .hasMessageContaining("'/etc/passwd' is an absolute path");
        assertThatThrownBy(() -> extract(new TarGz().file("web\\..\\x", "x")))
                .hasMessageContaining("is an absolute path or uses '\\'");
    }

    @Test
    void refusesLinksAndDevices() {
        assertThatThrownBy(() -> extract(new TarGz().file("web/Chart.yaml", CHART_YAML)
                .entry("web/values.yaml", '2', new byte[0], "/etc/shadow")))
                .hasMessage("'web/values.yaml' is a symbolic link; a chart archive may hold regular files only");
        assertThatThrownBy(() -> extract(new TarGz().file("web/Chart.yaml", CHART_YAML)
                .entry("web/values.yaml", '1', new byte[0], "web/Chart.yaml")))
                .hasMessageContaining("is a hard link");
        assertThatThrownBy(() -> extract(new TarGz().file("web/Chart.yaml", CHART_YAML)
                .entry("web/tty", '3', new byte[0], "")))
                .hasMessageContaining("'web/tty' is not a regular file (tar type '3'");
    }

    @Test
    void refusesFilesOutsideTheOneChartFolder() {
        assertThatThrownBy(() -> extract(new TarGz().file("web/Chart.yaml", CHART_YAML).file("other/x.yaml", "x")))
                .hasMessageContaining("'other/x.yaml' is outside the chart's folder web/");
        assertThatThrownBy(() -> extract(new TarGz().file("Chart.yaml", CHART_YAML)))
                .hasMessageContaining("'Chart.yaml' is outside the chart's folder");
    }

    @Test
    void refusesDuplicatesAndAPathThatIsFileAndFolder() {
        assertThatThrownBy(() -> extract(new TarGz().file("web/Chart.yaml", CHART_YAML).file("web/Chart.yaml", "x")))
                .hasMessage("'web/Chart.yaml' is in the archive twice");
        assertThatThrownBy(() -> extract(new TarGz().file("web/Chart.yaml", CHART_YAML).file("web/a", "x")
                .file("web/a/b", "y")))
                .hasMessage("'a' is both a file and a folder in the archive");
    }

    @Test
    void refusesAnArchiveWithoutChartYaml() {
        assertThatThrownBy(() -> extract(new TarGz().file("web/values.yaml", "a: 1")))
                .hasMessage("no Chart.yaml in the chart's folder web/; it is not a Helm chart");
    }

    @Test
    void enforcesTheLimits() {
        ArchiveLimits small = new ArchiveLimits(1 << 20, 4096, 1024, 3);
        TarGz many = new TarGz().file("web/Chart.yaml", CHART_YAML);
        for (int i = 0; i < 3; i++) {
            many.file("web/f" + i, "x");
        }
        assertThatThrownBy(() -> ChartArchive.extract(many.gzip(), small, "t"))
                .hasMessage("the archive holds more than 3 files, the limit");
        assertThatThrownBy(() -> ChartArchive.extract(new TarGz().file("web/Chart.yaml", CHART_YAML)
                .file("web/big", new byte[2000]).gzip(), small, "t"))
                .hasMessage("'web/big' has 2000 bytes, more than the limit of 1024 per file");
        assertThatThrownBy(() -> ChartArchive.extract(new TarGz().file("web/Chart.yaml", CHART_YAML)
                .file("web/a", new byte[1000]).file("web/b", new byte[1000]).gzip(),
                new ArchiveLimits(1 << 20, 1500, 1024, 10), "t"))
                .hasMessageContaining("unpacks to more than");
        assertThatThrownBy(() -> ChartArchive.extract(new byte[2 << 20], small, "t"))
                .hasMessageContaining("more than the limit of 1048576");
    }

    @Test
    void stopsAGzipBombWhileReading() throws IOException {
        // 200 MiB of zeros compress to about 200 KiB; a tar header that claims a huge file precedes them.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) {
                gzip.write(zeros);
            }
        }
        assertThatThrownBy(() -> extract(out.toByteArray())).isInstanceOf(ChartArchive.ArchiveException.class);
        assertThatThrownBy(() -> ChartArchive.extract(out.toByteArray(), new ArchiveLimits(1 << 30, 1 << 20,
                1 << 20, 10), "t")).isInstanceOf(ChartArchive.ArchiveException.class);
    }

    @Test
    void refusesWhatIsNoGzippedTar() {
        assertThatThrownBy(() -> extract("<html>not found</html>".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("the archive is not gzip-compressed");
        byte[] good = new TarGz().file("web/Chart.yaml", CHART_YAML).gzip();
        byte[] cut = java.util.Arrays.copyOf(good, good.length / 2);
        assertThatThrownBy(() -> extract(cut)).isInstanceOf(ChartArchive.ArchiveException.class);
    }

    @Test
    void writingStaysInsideTheFolder(@TempDir Path folder) throws IOException {
        ChartFiles files = extract(new TarGz().file("web/Chart.yaml", CHART_YAML).file("web/./a/./b.yaml", "x"));
        files.writeTo(folder);
        assertThat(Files.readString(folder.resolve("a/b.yaml"))).isEqualTo("x");
    }

    /** Reads an entry's path, for assertions. */
    private static final class FileEntryPath {
        static String of(io.jenkins.plugins.gitops.engine.source.FileTree.FileEntry entry) {
            return entry.path();
        }
    }
}
