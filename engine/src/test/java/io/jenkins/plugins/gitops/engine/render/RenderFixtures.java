package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.source.LocalDirectoryTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Test repositories made from the scenario folders under {@code src/test/resources/render/}: each is
 * copied into a temporary folder, so that a test can add symbolic links or files next to it.
 */
final class RenderFixtures {

    private RenderFixtures() {
    }

    /** A copy of the scenario as the whole repository, in {@code tempDir/repo}. */
    static LocalDirectoryTree repository(String scenario, Path tempDir) {
        try {
            Path repo = Files.createDirectories(tempDir.resolve("repo"));
            copy(scenario, repo);
            return new LocalDirectoryTree(repo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a scenario's files into {@code target}. */
    static void copy(String scenario, Path target) throws IOException {
        Path source = folder(scenario);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }

    private static Path folder(String scenario) {
        URL url = RenderFixtures.class.getResource("/render/" + scenario);
        if (url == null) {
            throw new IllegalArgumentException("no fixture render/" + scenario);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
