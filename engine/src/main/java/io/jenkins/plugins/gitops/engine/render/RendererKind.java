package io.jenkins.plugins.gitops.engine.render;

/** How a folder of the repository becomes Kubernetes objects. */
public enum RendererKind {
    /** Pick by the folder's content: a kustomization file means Kustomize, a Chart.yaml Helm, else plain. */
    AUTO,
    /** Every {@code *.yaml}, {@code *.yml} and {@code *.json} file below the folder, as written. */
    PLAIN,
    /** {@code kustomize build} of the folder (a kustomize binary, or {@code kubectl kustomize}). */
    KUSTOMIZE,
    /** {@code helm template} of the chart in the folder (helm-java, or a helm binary). */
    HELM
}
