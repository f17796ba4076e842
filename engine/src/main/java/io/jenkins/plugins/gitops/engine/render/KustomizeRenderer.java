package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.resource.Origin;
import io.jenkins.plugins.gitops.engine.source.FileTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Renders a kustomization with an external program: {@code kustomize build <folder>} or
 * {@code kubectl kustomize <folder>}, run in the materialized tree with Kustomize's default load
 * restrictor and no plugins, exec functions or Helm inflation.
 *
 * <p>Before the program runs, every symbolic link in the tree and every base the kustomization reaches
 * is checked to stay inside the repository ({@link KustomizationScanner}). The objects' origin is the
 * kustomization's folder: Kustomize does not say which file an object came from.
 */
public final class KustomizeRenderer implements Renderer {

    private final ExecutableFinder finder;
    private final ManifestParser parser;
    private final RenderSlots slots;

    /** @param finder where to look for kustomize and kubectl when no executable is configured */
    public KustomizeRenderer(ExecutableFinder finder) {
        this(finder, new ManifestParser());
    }

    public KustomizeRenderer(ExecutableFinder finder, ManifestParser parser) {
        this(finder, parser, RenderSlots.shared());
    }

    /** @param slots bounds how many Kustomize and Helm processes run at once */
    public KustomizeRenderer(ExecutableFinder finder, ManifestParser parser, RenderSlots slots) {
        this.finder = Objects.requireNonNull(finder, "finder");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.slots = Objects.requireNonNull(slots, "slots");
    }

    @Override
    public RendererKind kind() {
        return RendererKind.KUSTOMIZE;
    }

    @Override
    public RenderResult render(FileTree tree, String path, RenderOptions options) throws RenderException {
        String requested = RepositoryPaths.normalize(path, "path");
        TreeIndex index = ToolRendering.index(tree, requested);
        String folder = RepositoryPaths.resolveExisting(index, requested, "path");
        if (KustomizationScanner.kustomizationFile(index, folder) == null) {
            throw new RenderException(new RenderProblem(RepositoryPaths.origin(requested), "no kustomization.yaml, "
                    + "kustomization.yml or Kustomization in this folder; add one, or render the folder as plain "
                    + "manifests"));
        }
        RenderLimits limits = options.limits();
        Problems problems = new Problems(limits.maxProblems());
        // Kustomize follows links and bases anywhere in the tree: check them all before it runs.
        RepositoryPaths.checkLinks(index, index.below(""), problems);
        new KustomizationScanner(index, limits, problems).check(folder);
        problems.throwIfErrors(requested);

        Command command = command(options.kustomize(), requested);
        Path root = ToolRendering.materialize(tree, requested);
        Path workingFolder = ToolRendering.local(root, folder);
        ToolProcess.Outcome outcome = ToolRendering.run(command.label(), new ToolProcess.Request(
                command.arguments(workingFolder), workingFolder, null, options.kustomize().timeout(),
                limits.maxTotalBytes(), limits.maxProcessMemoryBytes()), slots, requested, root);
        String errorOutput = ToolRendering.repositoryRelative(outcome.errorOutput(), root);
        if (!outcome.succeeded()) {
            throw new RenderException(new RenderProblem(RepositoryPaths.origin(requested), command.label() + " failed (exit code "
                    + outcome.exitCode() + "): " + errorOutput + "; fix the kustomization"));
        }
        if (!errorOutput.isEmpty()) {
            problems.warn(RepositoryPaths.origin(requested), command.label() + " says: " + errorOutput);
        }
        RenderedObjects objects = new RenderedObjects(requested, limits, problems);
        parser.parse(ManifestSource.toolOutput("kustomize", folder), outcome.output(), problems, objects::add);
        problems.throwIfErrors(requested);
        return new RenderResult(objects.list(), RendererKind.KUSTOMIZE, problems.warnings());
    }

    /** The program to run, by the options: a configured executable, else kustomize or kubectl on the PATH. */
    private Command command(KustomizeOptions options, String requested) throws RenderException {
        KustomizeTool tool = options.tool();
        if (options.executable() != null) {
            Path program = Path.of(options.executable());
            boolean kubectl = tool == KustomizeTool.KUBECTL || tool == KustomizeTool.AUTO
                    && String.valueOf(program.getFileName()).toLowerCase(Locale.ROOT).contains("kubectl");
            if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
                throw new RenderException(new RenderProblem(RepositoryPaths.origin(requested), (kubectl ? "kubectl" : "kustomize")
                        + ": the executable " + program + " does not exist or cannot be run; fix the kustomize "
                        + "executable setting"));
            }
            return new Command(program, kubectl);
        }
        Optional<Path> kustomize = tool == KustomizeTool.KUBECTL ? Optional.empty() : finder.find("kustomize");
        if (kustomize.isPresent()) {
            return new Command(kustomize.get(), false);
        }
        Optional<Path> kubectl = tool == KustomizeTool.KUSTOMIZE ? Optional.empty() : finder.find("kubectl");
        if (kubectl.isPresent()) {
            return new Command(kubectl.get(), true);
        }
        String message = switch (tool) {
            case KUSTOMIZE -> "kustomize: not found on PATH; install kustomize on the controller, or set the kustomize "
                    + "executable";
            case KUBECTL -> "kubectl: not found on PATH; install kubectl 1.21+ on the controller, or set the "
                    + "kustomize executable";
            default -> "kustomize: not found on PATH; install kustomize or kubectl 1.21+ on the controller, or set "
                    + "the kustomize executable";
        };
        throw new RenderException(new RenderProblem(RepositoryPaths.origin(requested), message));
    }

    /** A kustomize program and how to call it. */
    private record Command(Path program, boolean isKubectl) {

        String label() {
            return isKubectl ? "kubectl kustomize" : "kustomize build";
        }

        /** Default load restrictor, no plugins, no exec functions, no Helm: nothing beyond the repository. */
        List<String> arguments(Path folder) {
            return isKubectl
                    ? List.of(program.toString(), "kustomize", folder.toString())
                    : List.of(program.toString(), "build", folder.toString());
        }
    }
}
