package io.jenkins.plugins.gitops.engine.render;

import java.time.Duration;
import java.util.Objects;

/**
 * How Kustomize runs.
 *
 * @param tool which program builds the kustomization; {@link KustomizeTool#AUTO} prefers a
 *     {@code kustomize} binary and falls back to {@code kubectl kustomize}
 * @param executable the program's path, or {@code null} to look it up on the PATH; with
 *     {@link KustomizeTool#AUTO} a file name containing "kubectl" means kubectl
 * @param timeout how long one build may take before it is stopped; a build is normally well under a
 *     second, so a long one is stuck
 */
public record KustomizeOptions(KustomizeTool tool, String executable, Duration timeout) implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    public KustomizeOptions {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(timeout, "timeout");
        if (executable != null && executable.isBlank()) {
            executable = null;
        }
    }

    /** AUTO, looked up on the PATH, 2 minutes. */
    public static KustomizeOptions defaults() {
        return new KustomizeOptions(KustomizeTool.AUTO, null, Duration.ofMinutes(2));
    }

    public KustomizeOptions withTool(KustomizeTool newTool) {
        return new KustomizeOptions(newTool, executable, timeout);
    }

    public KustomizeOptions withExecutable(String newExecutable) {
        return new KustomizeOptions(tool, newExecutable, timeout);
    }

    public KustomizeOptions withTimeout(Duration newTimeout) {
        return new KustomizeOptions(tool, executable, newTimeout);
    }
}
