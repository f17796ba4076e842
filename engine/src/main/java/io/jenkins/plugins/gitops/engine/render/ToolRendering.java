package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.resource.Origin;
import io.jenkins.plugins.gitops.engine.source.FileTree;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Steps that the renderers running a tool (Kustomize, Helm) share, each turning failures into problems. */
final class ToolRendering {

    /** kubectl's structured error: {@code "command failed" err=<multi-line>} or {@code err="quoted"}. */
    private static final Pattern KLOG_ERROR =
            Pattern.compile("(?s)^\"command failed\" err=(?:<(.*)>|\"(.*)\")$");
    private static final Pattern KLOG_PREFIX =
            Pattern.compile("(?m)^[IWEF]\\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d+\\s+\\d+ [^ \\]]+\\] ");

    private ToolRendering() {
    }

    static TreeIndex index(FileTree tree, String requested) throws RenderException {
        try {
            return TreeIndex.of(tree);
        } catch (IOException e) {
            throw RepositoryPaths.unreadable(tree, requested, e);
        }
    }

    /** The tree as a local folder, for a tool to read. */
    static Path materialize(FileTree tree, String requested) throws RenderException {
        try {
            return tree.materialize().toAbsolutePath();
        } catch (FileSystemException e) {
            if (e.getFile() != null && e.getReason() != null && !Path.of(e.getFile()).isAbsolute()) {
                // An entry of the repository that cannot be written as it is: the repository must change.
                throw new RenderException(new RenderProblem(Origin.of(e.getFile()), e.getReason()
                        + ", so the tree cannot be written for the tool; replace or remove it in the repository"));
            }
            throw new RenderException(new RenderProblem(RepositoryPaths.origin(requested), "cannot write "
                    + tree.description() + " to the disk for the tool (" + e + "); check the free disk space"));
        } catch (IOException e) {
            throw new RenderException(new RenderProblem(RepositoryPaths.origin(requested), "cannot write "
                    + tree.description() + " to the disk for the tool (" + e + "); check the free disk space"));
        }
    }

    /** A tree path in the materialized folder. */
    static Path local(Path root, String treePath) {
        return treePath.isEmpty() ? root : root.resolve(treePath.replace('/', File.separatorChar));
    }

    /**
     * Runs a tool in a render slot, bounded by the request; a tool that cannot start, hangs, floods its
     * output or runs out of memory fails the render, with a message that names the limit.
     */
    static ToolProcess.Outcome run(String label, ToolProcess.Request request, RenderSlots slots, String requested,
            Path root) throws RenderException {
        try {
            return ToolProcess.run(request, slots);
        } catch (ToolProcess.ToolFailure e) {
            throw new RenderException(new RenderProblem(RepositoryPaths.origin(requested), label + " "
                    + e.getMessage()));
        } catch (IOException e) {
            throw new RenderException(new RenderProblem(RepositoryPaths.origin(requested), label + ": cannot run "
                    + request.command().get(0) + " (" + repositoryRelative(e.getMessage(), root)
                    + "); check the executable"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException(new RenderProblem(RepositoryPaths.origin(requested), label + " was interrupted; "
                    + "the sync was probably cancelled"));
        }
    }

    /**
     * A tool's message as the user needs it, on one line: the materialized folder's absolute path removed
     * (paths read as in the repository), kubectl's log framing ({@code E1123 12:06:59.98 25987 run.go:72]
     * "command failed" err=<...>}) and helm-java's "--debug" advice dropped.
     */
    static String repositoryRelative(String text, Path root) {
        if (text == null) {
            return "";
        }
        String folder = root.toString();
        String message = KLOG_PREFIX.matcher(text).replaceAll("")
                .replace(folder + File.separator, "")
                .replace(folder, ".")
                .replace("Use --debug flag to render out invalid YAML", "")
                .strip();
        Matcher structured = KLOG_ERROR.matcher(message);
        if (structured.matches()) {
            message = structured.group(1) != null ? structured.group(1)
                    : structured.group(2).replace("\\\"", "\"").replace("\\n", "\n");
        }
        return message.replaceAll("\\s*\\n\\s*", " ").strip();
    }
}
