package io.jenkins.plugins.gitops.engine.render;

/** Which implementation runs {@code helm template}. */
public enum HelmTool {
    /**
     * helm-java: Helm's own Go library, bundled as a native library for linux-amd64; no install needed. It runs
     * in a child JVM ({@link HelmTemplateMain}), never in the caller's.
     */
    LIBRARY,
    /** A {@code helm} binary (Helm 3): on the PATH, or at {@link HelmOptions#executable()}. */
    BINARY
}
