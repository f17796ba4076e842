package io.jenkins.plugins.gitops.engine.resource;

import java.util.Objects;

/**
 * Where a desired object comes from: a file relative to the repository root ('/'-separated) and the
 * 1-based line on which its YAML document (or JSON value) starts. Printed as {@code file:line}, the
 * way every error message and every drift-report link refers to it.
 *
 * @param file repository-relative path, never absolute, never containing {@code ..}
 * @param line 1-based line of the document start, or 0 when the object has no single line (for
 *     example output of Kustomize or Helm, where only the folder is known)
 */
public record Origin(String file, int line) {

    public Origin {
        Objects.requireNonNull(file, "file");
        if (line < 0) {
            throw new IllegalArgumentException("line must be 0 (unknown) or positive, was " + line);
        }
    }

    /** An origin that knows only its file or folder, such as the output of a template tool. */
    public static Origin of(String file) {
        return new Origin(file, 0);
    }

    public boolean hasLine() {
        return line > 0;
    }

    @Override
    public String toString() {
        return hasLine() ? file + ":" + line : file;
    }
}
