/**
 * Rendering: from one folder of a {@link io.jenkins.plugins.gitops.engine.source.FileTree} to the
 * {@link io.jenkins.plugins.gitops.engine.resource.KubeObject}s it declares.
 *
 * <p>{@link io.jenkins.plugins.gitops.engine.render.ManifestRenderer} is the entry point: it picks a
 * {@link io.jenkins.plugins.gitops.engine.render.Renderer} by {@link io.jenkins.plugins.gitops.engine.render.RendererKind}
 * or by the folder's content (a kustomization means Kustomize, a Chart.yaml Helm, anything else plain
 * manifests). {@link io.jenkins.plugins.gitops.engine.render.PlainRenderer} reads the files itself;
 * {@link io.jenkins.plugins.gitops.engine.render.KustomizeRenderer} and
 * {@link io.jenkins.plugins.gitops.engine.render.HelmRenderer} run a tool on the tree materialized to disk and
 * parse its output. A tool always runs as a process of its own (helm-java in a child JVM), bounded in time,
 * memory, output and number at once ({@link io.jenkins.plugins.gitops.engine.render.RenderLimits},
 * {@link io.jenkins.plugins.gitops.engine.render.RenderSlots}), and killed with its descendants beyond them. All of them parse with {@link io.jenkins.plugins.gitops.engine.render.ManifestParser}, which
 * reads YAML as kubectl does (YAML 1.1 through go-yaml v2) and keeps each object's file and line.
 *
 * <p>A render is all or nothing: it returns a {@link io.jenkins.plugins.gitops.engine.render.RenderResult}
 * only when nothing went wrong, and otherwise throws a {@link io.jenkins.plugins.gitops.engine.render.RenderException}
 * with every problem found, each with its origin, so that nothing is ever pruned or applied from part of a
 * repository. Nothing a repository holds can make a render read outside it: paths with {@code ..}, absolute
 * paths, symbolic links leading out, and Kustomize bases outside the repository or remote are refused.
 */
package io.jenkins.plugins.gitops.engine.render;
