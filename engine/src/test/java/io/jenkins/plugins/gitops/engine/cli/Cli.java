package io.jenkins.plugins.gitops.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Runs {@code gitops-sync} in the test's JVM, as a user would from a shell, and keeps what it printed.
 * Environment variables come from a map, never from the machine running the tests.
 */
final class Cli {

    private Cli() {
    }

    static CliRun run(String... args) {
        return run(Map.of(), args);
    }

    static CliRun run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new CommandLine(new GitOpsSyncCommand(environment::get))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** Copies a folder of test resources ({@code "cli/web"}) to {@code target}, so a test may change it. */
    static Path copyFixture(String resourceFolder, Path target) {
        URL resource = Cli.class.getClassLoader().getResource(resourceFolder);
        if (resource == null) {
            throw new IllegalArgumentException("no test resource folder " + resourceFolder);
        }
        try (Stream<Path> files = Files.walk(Paths.get(resource.toURI()))) {
            Path source = Paths.get(resource.toURI());
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
