package io.jenkins.plugins.gitops.engine.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Files that options name (passwords, keys, certificates), read with one kind of error naming the option. */
final class OptionFiles {

    private OptionFiles() {
    }

    /** @throws CommandException naming the option and the file when it is missing or unreadable */
    static String read(Path file, String option) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CommandException(option + " " + file + ": does not exist; check the path", e);
        } catch (IOException e) {
            throw new CommandException(option + " " + file + ": cannot be read (" + e.getMessage()
                    + "); check the file and its permissions", e);
        }
    }

    /** The first line: a password or token, without the line end an editor adds. */
    static String firstLine(Path file, String option) {
        return read(file, option).lines().findFirst().orElse("");
    }
}
