package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.resource.Origin;
import io.jenkins.plugins.gitops.engine.source.LocalDirectoryTree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Helm hooks reach the engine through helm-java, which would leave them out: each with its annotations as written
 * (in the template, a helper, the chart's values, the environment's values file or inline values) and its template
 * as origin, subcharts included; the repository itself is never changed.
 */
class HelmHooksTest {

    private static final String CHART = "charts/app";

    @TempDir
    Path tempDir;

    private final HelmRenderer renderer = new HelmRenderer(ExecutableFinder.fromEnvironment());

    @Test
    void shouldRenderTheHooksWithTheirAnnotationsAndTemplates() throws Exception {
        LocalDirectoryTree tree = RenderFixtures.repository("helm-hooks", tempDir);
        Map<String, Object> inline = new LinkedHashMap<>();
        inline.put("notify", Map.of("annotations", Map.of("helm.sh/hook-weight", "3")));
        RenderOptions prod = RenderOptions.defaults().withHelm(HelmOptions.defaults().withReleaseName("shop")
                .withValuesFiles(List.of("environments/prod-values.yaml")).withValues(inline));

        RenderResult result = renderer.render(tree, CHART, prod);

        assertThat(result.objects()).extracting(object -> object.ref() + " @ " + object.origin())
                .containsExactlyInAnyOrder(
                        "ConfigMap/shop-settings @ charts/app/templates/configmap.yaml",
                        "Job/shop-migrate @ charts/app/templates/migrate-job.yaml",
                        "Pod/shop-notify @ charts/app/templates/notify-pod.yaml",
                        "Job/shop-db-init @ charts/app/charts/db/templates/init-job.yaml");
        assertThat(annotations(result, "shop-migrate")).isEqualTo(Map.of(
                "helm.sh/hook", "pre-install,pre-upgrade",
                "helm.sh/hook-delete-policy", "before-hook-creation,hook-succeeded",
                "helm.sh/hook-weight", "-10"));
        assertThat(annotations(result, "shop-notify")).isEqualTo(Map.of(
                "helm.sh/hook", "post-install,post-upgrade",
                "helm.sh/hook-weight", "3"));
        assertThat(annotations(result, "shop-db-init")).isEqualTo(Map.of("helm.sh/hook", "pre-install"));
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void shouldLeaveTheRepositoryAsItIs() throws Exception {
        LocalDirectoryTree tree = RenderFixtures.repository("helm-hooks", tempDir);

        renderer.render(tree, CHART, RenderOptions.defaults());

        try (Stream<Path> files = Files.walk(tree.root())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(HelmHookKeys.PRIVATE_KEY);
            }
        }
        assertThat(Files.readString(tree.root().resolve(CHART).resolve("templates/migrate-job.yaml")))
                .contains("\"helm.sh/hook\": pre-install,pre-upgrade");
    }

    @Test
    void shouldWarnThatThePackagedSubchartsHooksAreLeftOut() throws Exception {
        LocalDirectoryTree tree = RenderFixtures.repository("helm-hooks", tempDir);
        Path charts = tree.root().resolve(CHART).resolve("charts");
        writePackagedChart(charts.resolve("cache-0.1.0.tgz"), Map.of(
                "cache/Chart.yaml", "apiVersion: v2\nname: cache\nversion: 0.1.0\n",
                "cache/templates/flush.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flush\n"
                        + "  annotations:\n    helm.sh/hook: post-upgrade\n"));

        RenderResult result = renderer.render(tree, CHART, RenderOptions.defaults());

        assertThat(result.warnings()).extracting(RenderProblem::origin, RenderProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Origin.of("charts/app/charts/cache-0.1.0.tgz"), "this packaged "
                        + "subchart has Helm hooks (helm.sh/hook), which helm-java leaves out; unpack it into the "
                        + "charts/ folder, or render with a helm binary (HelmTool.BINARY; on the command line, "
                        + "--helm-executable)"));
        assertThat(result.objects()).extracting(KubeObject::name).doesNotContain("flush");
    }

    private static Map<String, String> annotations(RenderResult result, String name) {
        KubeObject object = result.objects().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
        Map<String, String> annotations = new LinkedHashMap<>();
        object.manifest().path("metadata").path("annotations").fields()
                .forEachRemaining(field -> annotations.put(field.getKey(), field.getValue().asText()));
        return annotations;
    }

    /** A packaged chart as {@code helm package} writes one: a gzip'd tar (ustar) of the chart's folder. */
    private static void writePackagedChart(Path file, Map<String, String> entries) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            byte[] content = entry.getValue().getBytes(StandardCharsets.UTF_8);
            tar.write(tarHeader(entry.getKey(), content.length));
            tar.write(content);
            tar.write(new byte[(512 - content.length % 512) % 512]);
        }
        tar.write(new byte[1024]); // two empty blocks end the archive
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(tar.toByteArray());
        }
    }

    private static byte[] tarHeader(String name, int size) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", size));
        put(header, 136, "00000000000");
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        int checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        put(header, 148, String.format("%06o", checksum));
        header[154] = 0;
        return header;
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
