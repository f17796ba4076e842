package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.resource.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Keeps Helm's hook objects in helm-java's output. helm-java's native {@code Template} returns only the release's
 * manifest: Helm splits off every document whose {@code helm.sh/hook} annotation is set, and only the helm binary
 * prints them. So the chart that helm-java renders is a copy in which the text {@code helm.sh/hook} is
 * {@value #PRIVATE_KEY} (so {@code helm.sh/hook-weight} becomes {@code …/helm-hook-weight}): Helm sees no hook and
 * keeps the documents, and {@link #restore} turns the keys back before the output is parsed. The engine then sees
 * the hooks with their annotations as written, each from its template.
 *
 * <p>The copy covers the chart folder with its unpacked subcharts and the values files (the chart's and the
 * user's), so keys set through values are renamed too. A packaged subchart ({@code charts/x.tgz}) cannot be
 * rewritten: its hooks stay left out, with a warning.
 */
final class HelmHookKeys {

    static final String HOOK_KEY = "helm.sh/hook";
    /** Not a Helm annotation, so that Helm keeps the document; unlikely in a chart, as the output turns it back. */
    static final String PRIVATE_KEY = "gitops-sync.jenkins.io/helm-hook";

    private static final byte[] HOOK_BYTES = HOOK_KEY.getBytes(StandardCharsets.US_ASCII);

    private HelmHookKeys() {
    }

    /** Whether a file of the chart or a values file mentions {@code helm.sh/hook}, so that a copy is needed. */
    static boolean mentioned(Path chartFolder, List<Path> valuesFiles) throws IOException {
        for (Path file : chartFiles(chartFolder)) {
            if (!isPackaged(file) && contains(Files.readAllBytes(file))) {
                return true;
            }
        }
        for (Path file : valuesFiles) {
            if (contains(Files.readAllBytes(file))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Copies the chart and the values files below {@code copyRoot}, at their places relative to {@code root}
     * (so that Helm's messages, made relative to the copy, read as repository paths), with the hook keys
     * renamed; warns about packaged subcharts with hooks.
     *
     * @param chart the chart's repository path, for warnings
     * @param valuesFiles local values files: below {@code root}, or elsewhere (inline values), which are copied
     *     next to {@code copyRoot}
     * @return the values files to give Helm, in the same order
     */
    static List<Path> copyWithoutHooks(Path root, Path chartFolder, String chart, List<Path> valuesFiles,
            Path copyRoot, RenderLimits limits, Problems problems) throws IOException {
        for (Path file : chartFiles(chartFolder)) {
            Path target = copyRoot.resolve(root.relativize(file).toString());
            createParent(target);
            if (isPackaged(file)) {
                Files.copy(file, target);
                if (packageMentionsHooks(file, limits)) {
                    problems.warn(Origin.of(RepositoryPaths.join(chart, chartFolder.relativize(file).toString()
                            .replace('\\', '/'))), "this packaged subchart has Helm hooks (" + HOOK_KEY + "), which "
                            + "helm-java leaves out; unpack it into the charts/ folder, or render with a helm binary "
                            + "(HelmTool.BINARY; on the command line, --helm-executable)");
                }
            } else {
                Files.write(target, hidden(Files.readAllBytes(file)));
            }
        }
        List<Path> copies = new ArrayList<>();
        for (int i = 0; i < valuesFiles.size(); i++) {
            Path file = valuesFiles.get(i);
            Path target = file.startsWith(root) ? copyRoot.resolve(root.relativize(file).toString())
                    : copyRoot.resolveSibling("values-" + i + "-" + file.getFileName());
            createParent(target);
            Files.write(target, hidden(Files.readAllBytes(file)));
            copies.add(target);
        }
        return copies;
    }

    /** Helm's output with the hook keys as the chart wrote them. */
    static String restore(String output) {
        return output.replace(PRIVATE_KEY, HOOK_KEY);
    }

    /** The bytes with every {@code helm.sh/hook} renamed; ISO-8859-1 keeps every other byte as it is. */
    private static byte[] hidden(byte[] content) {
        if (!contains(content)) {
            return content;
        }
        return new String(content, StandardCharsets.ISO_8859_1).replace(HOOK_KEY, PRIVATE_KEY)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Every file of the chart, links followed (they were checked to stay in the repository). */
    private static List<Path> chartFiles(Path chartFolder) throws IOException {
        try (Stream<Path> files = Files.walk(chartFolder, FileVisitOption.FOLLOW_LINKS)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static boolean isPackaged(Path file) {
        return String.valueOf(file.getFileName()).endsWith(".tgz");
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    /** Whether the unpacked content of a packaged chart mentions the hook key (read up to the output limit). */
    private static boolean packageMentionsHooks(Path file, RenderLimits limits) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            byte[] buffer = new byte[64 * 1024];
            byte[] carried = new byte[0];
            long total = 0;
            int read;
            while ((read = in.read(buffer)) > 0 && total < limits.maxTotalBytes()) {
                total += read;
                // Keep the last bytes of the previous chunk, so that a key split across chunks is found.
                byte[] window = new byte[carried.length + read];
                System.arraycopy(carried, 0, window, 0, carried.length);
                System.arraycopy(buffer, 0, window, carried.length, read);
                if (contains(window)) {
                    return true;
                }
                int keep = Math.min(window.length, HOOK_BYTES.length - 1);
                carried = java.util.Arrays.copyOfRange(window, window.length - keep, window.length);
            }
        } catch (IOException e) {
            // Not a gzip archive: Helm's loader says so.
        }
        return false;
    }

    private static boolean contains(byte[] content) {
        outer:
        for (int i = 0; i + HOOK_BYTES.length <= content.length; i++) {
            for (int j = 0; j < HOOK_BYTES.length; j++) {
                if (content[i + j] != HOOK_BYTES[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
