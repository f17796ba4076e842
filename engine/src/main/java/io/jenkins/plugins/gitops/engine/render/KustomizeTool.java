package io.jenkins.plugins.gitops.engine.render;

/** Which program runs {@code kustomize build}. */
public enum KustomizeTool {
    /** A {@code kustomize} binary if there is one, else {@code kubectl kustomize}. */
    AUTO,
    /** {@code kustomize build <folder>}. */
    KUSTOMIZE,
    /** {@code kubectl kustomize <folder>}: the Kustomize built into kubectl (v5 since kubectl 1.27). */
    KUBECTL
}
