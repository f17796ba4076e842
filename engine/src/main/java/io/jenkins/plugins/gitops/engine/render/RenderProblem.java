package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.resource.Origin;
import java.util.Objects;

/**
 * One thing wrong with (or worth knowing about) a render, and where: printed
 * {@code file:line: what went wrong (cause); what to do}.
 *
 * @param origin the file (and line) or folder the problem is about
 * @param message what went wrong and what to do, without the origin
 */
public record RenderProblem(Origin origin, String message) {

    public RenderProblem {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return origin + ": " + message;
    }
}
