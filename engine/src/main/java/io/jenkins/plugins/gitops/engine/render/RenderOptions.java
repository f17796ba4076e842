package io.jenkins.plugins.gitops.engine.render;

import java.util.Objects;

/**
 * Everything a render can be told, with defaults that suit most repositories.
 *
 * @param kind which renderer to use; {@link RendererKind#AUTO} picks by the folder's content
 * @param limits bounds on sizes and counts, against mistakes and hostile repositories
 * @param kustomize how Kustomize runs (used only when Kustomize renders)
 * @param helm how Helm templates (used only when Helm renders)
 */
public record RenderOptions(RendererKind kind, RenderLimits limits, KustomizeOptions kustomize, HelmOptions helm) implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    public RenderOptions {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(kustomize, "kustomize");
        Objects.requireNonNull(helm, "helm");
    }

    /** AUTO, with the defaults of {@link RenderLimits}, {@link KustomizeOptions} and {@link HelmOptions}. */
    public static RenderOptions defaults() {
        return new RenderOptions(RendererKind.AUTO, RenderLimits.defaults(), KustomizeOptions.defaults(),
                HelmOptions.defaults());
    }

    public RenderOptions withKind(RendererKind newKind) {
        return new RenderOptions(newKind, limits, kustomize, helm);
    }

    public RenderOptions withLimits(RenderLimits newLimits) {
        return new RenderOptions(kind, newLimits, kustomize, helm);
    }

    public RenderOptions withKustomize(KustomizeOptions newKustomize) {
        return new RenderOptions(kind, limits, newKustomize, helm);
    }

    public RenderOptions withHelm(HelmOptions newHelm) {
        return new RenderOptions(kind, limits, kustomize, newHelm);
    }
}
