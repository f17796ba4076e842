package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.source.FileTree;

/**
 * Turns one folder of a {@link FileTree} into Kubernetes objects.
 *
 * <p>Every renderer keeps to the same contract: the path is repository-relative and may not leave the
 * tree (no {@code ..}, no absolute path, no symbolic link pointing outside); every object has an
 * apiVersion, a kind and a metadata.name; no two objects share group, kind, namespace and name; a
 * missing namespace stays missing; and any error fails the whole render with every problem found.
 */
public interface Renderer {

    /** Which renderer this is ({@link RendererKind#AUTO} for one that chooses). */
    RendererKind kind();

    /**
     * Renders {@code path} (repository-relative, '/'-separated, {@code ""} for the root).
     *
     * @throws RenderException with every problem found; then there are no objects at all
     */
    RenderResult render(FileTree tree, String path, RenderOptions options) throws RenderException;
}
