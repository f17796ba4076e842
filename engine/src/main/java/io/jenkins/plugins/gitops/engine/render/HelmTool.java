package io.jenkins.plugins.gitops.engine.render;

/** Which implementation runs {@code helm template}. */
public enum HelmTool {
    /** helm-java: Helm's own Go library, bundled as a native library for linux-amd64; no install needed. */
    LIBRARY,
    /** A {@code helm} binary (Helm 3): on the PATH, or at {@link HelmOptions#executable()}. */
    BINARY
}
