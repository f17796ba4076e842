package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import java.util.List;
import java.util.Objects;

/**
 * The objects a successful render produced. Only a render without errors has a result (a failed one
 * throws {@link RenderException}), so the objects are always the complete desired state.
 *
 * @param objects every object, in a stable order: by file path, then by position in the file (for a
 *     tool, in the order of its output)
 * @param renderer the renderer that ran, never {@link RendererKind#AUTO}
 * @param warnings things worth telling the user that did not stop the render
 */
public record RenderResult(List<KubeObject> objects, RendererKind renderer, List<RenderProblem> warnings) {

    public RenderResult {
        objects = List.copyOf(objects);
        Objects.requireNonNull(renderer, "renderer");
        if (renderer == RendererKind.AUTO) {
            throw new IllegalArgumentException("a result names the renderer that ran, not AUTO");
        }
        warnings = List.copyOf(warnings);
    }

    public boolean hasWarnings() {
        return !warnings.isEmpty();
    }
}
