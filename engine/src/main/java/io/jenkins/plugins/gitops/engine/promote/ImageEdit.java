package io.jenkins.plugins.gitops.engine.promote;

import java.util.Objects;

/**
 * One change made to a file, as a user reads it: {@code apps/web/deploy.yaml:14: image
 * registry.example.com/app:1.4.1 → registry.example.com/app:1.4.2}.
 *
 * @param file the file, '/'-separated and relative to the repository root
 * @param line the 1-based line of the changed value
 * @param field the YAML key whose value changed ({@code image}, {@code tag}, {@code newTag}, {@code digest})
 * @param oldValue the value before, or {@code ""} when the key was added
 * @param newValue the value after, or {@code ""} when the key was removed
 */
public record ImageEdit(String file, int line, String field, String oldValue, String newValue) {

    public ImageEdit {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(oldValue, "oldValue");
        Objects.requireNonNull(newValue, "newValue");
    }

    /** {@code file:line}. */
    public String location() {
        return file + ":" + line;
    }

    @Override
    public String toString() {
        return location() + ": " + field + " " + (oldValue.isEmpty() ? "(added)" : oldValue) + " → "
                + (newValue.isEmpty() ? "(removed)" : newValue);
    }
}
