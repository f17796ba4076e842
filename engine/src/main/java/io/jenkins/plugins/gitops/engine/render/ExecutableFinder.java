package io.jenkins.plugins.gitops.engine.render;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a program the way a shell does: in the folders of a search path, in order. Renderers receive
 * one, so that tests (and a controller with a special PATH) decide where tools come from.
 */
public final class ExecutableFinder {

    private final String searchPath;

    /** @param searchPath folders separated by {@link File#pathSeparator}, as in the PATH variable */
    public ExecutableFinder(String searchPath) {
        this.searchPath = searchPath == null ? "" : searchPath;
    }

    /** The PATH of this process. */
    public static ExecutableFinder fromEnvironment() {
        return new ExecutableFinder(System.getenv("PATH"));
    }

    /** The first executable file named {@code name} on the search path. */
    public Optional<Path> find(String name) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        for (String folder : searchPath.split(File.pathSeparator)) {
            if (folder.isBlank()) {
                continue;
            }
            for (String candidate : windows ? new String[] {name + ".exe", name} : new String[] {name}) {
                try {
                    Path program = Path.of(folder, candidate);
                    if (Files.isRegularFile(program) && Files.isExecutable(program)) {
                        return Optional.of(program);
                    }
                } catch (InvalidPathException e) {
                    break; // a malformed PATH entry holds no program
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "PATH=" + searchPath;
    }
}
