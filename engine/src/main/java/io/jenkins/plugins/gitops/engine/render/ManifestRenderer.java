package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.source.FileTree;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one renderer the rest of the engine uses: renders with the kind the options name, or for
 * {@link RendererKind#AUTO} with the kind the folder's content calls for (see {@link #detect}).
 */
public final class ManifestRenderer implements Renderer {

    private final Map<RendererKind, Renderer> renderers = new EnumMap<>(RendererKind.class);

    public ManifestRenderer(PlainRenderer plain, KustomizeRenderer kustomize, HelmRenderer helm) {
        renderers.put(RendererKind.PLAIN, Objects.requireNonNull(plain, "plain"));
        renderers.put(RendererKind.KUSTOMIZE, Objects.requireNonNull(kustomize, "kustomize"));
        renderers.put(RendererKind.HELM, Objects.requireNonNull(helm, "helm"));
    }

    /** Every renderer, with tools looked up on this process's PATH. */
    public static ManifestRenderer withDefaults() {
        ExecutableFinder finder = ExecutableFinder.fromEnvironment();
        return new ManifestRenderer(new PlainRenderer(), new KustomizeRenderer(finder), new HelmRenderer(finder));
    }

    @Override
    public RendererKind kind() {
        return RendererKind.AUTO;
    }

    @Override
    public RenderResult render(FileTree tree, String path, RenderOptions options) throws RenderException {
        RendererKind kind = options.kind() == RendererKind.AUTO ? detect(tree, path) : options.kind();
        return renderers.get(kind).render(tree, path, options);
    }

    /**
     * The renderer a folder calls for: Kustomize when it holds a kustomization.yaml, kustomization.yml or
     * Kustomization (a kustomization is the explicit entry point, even next to a chart), else Helm when
     * it holds a Chart.yaml, else plain manifests. A single file is plain.
     *
     * @return never {@link RendererKind#AUTO}
     * @throws RenderException when the path is invalid, leaves the repository or does not exist
     */
    public RendererKind detect(FileTree tree, String path) throws RenderException {
        String requested = RepositoryPaths.normalize(path, "path");
        TreeIndex index = ToolRendering.index(tree, requested);
        String folder = RepositoryPaths.resolveExisting(index, requested, "path");
        if (index.isFile(folder)) {
            return RendererKind.PLAIN;
        }
        if (KustomizationScanner.kustomizationFile(index, folder) != null) {
            return RendererKind.KUSTOMIZE;
        }
        if (index.entry(RepositoryPaths.join(folder, PlainRenderer.CHART_FILE)) != null) {
            return RendererKind.HELM;
        }
        return RendererKind.PLAIN;
    }
}
