package io.jenkins.plugins.gitops.engine.declare;

import java.util.Objects;

/**
 * One problem found while computing a folder's environments, located in the folder repository.
 *
 * @param file the repository path of the file or folder the problem is about; {@code ""} for the folder's own
 *     settings (its pattern, its template)
 * @param line 1-based line in {@code file}, or 0 when the problem is not about one line
 * @param message what is wrong and what to do, a sentence
 */
public record DeclarationError(String file, int line, String message) {

    public DeclarationError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /** {@code environments/web.yaml:3: message}, {@code environments/web.yaml: message} or the message alone. */
    @Override
    public String toString() {
        if (file.isEmpty()) {
            return message;
        }
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
