package io.jenkins.plugins.gitops.engine.cli;

import io.jenkins.plugins.gitops.engine.render.HelmOptions;
import io.jenkins.plugins.gitops.engine.render.HelmTool;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.render.RendererKind;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How the folder becomes objects: plain manifests, Kustomize or Helm, and Helm's settings. */
final class RenderingOptions {

    @Option(names = "--renderer", paramLabel = "<kind>", defaultValue = "auto",
            description = "auto, plain, kustomize or helm (default: ${DEFAULT-VALUE}: a kustomization means"
                    + " Kustomize, a Chart.yaml Helm, anything else plain manifests).")
    RendererKind renderer = RendererKind.AUTO;

    @Option(names = "--helm-values", paramLabel = "<file>",
            description = "Helm values file, relative to the repository (or <dir>) root; repeatable, later"
                    + " files win.")
    List<String> helmValues = new ArrayList<>();

    @Option(names = "--helm-release", paramLabel = "<name>",
            description = "Helm release name (default: the chart folder's name).")
    String helmRelease;

    @Option(names = "--helm-executable", paramLabel = "<file>",
            description = "Render Helm charts with this helm (Helm 3) binary instead of the bundled Helm library;"
                    + " unlike the library, it is given the cluster's API versions (.Capabilities.APIVersions).")
    String helmExecutable;

    /** The render options; Helm's release namespace is the target namespace, as {@code helm install -n} sets it. */
    RenderOptions toRenderOptions(String namespace) {
        RenderOptions defaults = RenderOptions.defaults();
        HelmOptions helm = defaults.helm()
                .withValuesFiles(helmValues)
                .withReleaseName(helmRelease)
                .withNamespace(namespace);
        if (helmExecutable != null) {
            helm = helm.withTool(HelmTool.BINARY).withExecutable(helmExecutable);
        }
        return defaults.withKind(renderer).withHelm(helm);
    }
}
