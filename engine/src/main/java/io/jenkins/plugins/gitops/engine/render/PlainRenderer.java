package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.render.TreeIndex.TreePathException;
import io.jenkins.plugins.gitops.engine.resource.Origin;
import io.jenkins.plugins.gitops.engine.source.FileTree;
import io.jenkins.plugins.gitops.engine.source.FileTree.FileEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Renders a folder of plain manifests: every {@code *.yaml}, {@code *.yml} and {@code *.json} file below
 * it, recursively, in path order, as {@code kubectl apply -R -f} would read them. A single file may be
 * rendered too.
 *
 * <ul>
 *   <li>Hidden files and folders (a name starting with a dot) are skipped, and so are other extensions.</li>
 *   <li>A symbolic link is followed when it stays inside the repository; one that leads outside is an
 *       error, and a link to a folder is not followed (a warning says so).</li>
 *   <li>A kustomization or Helm chart below the folder is an error: its files are not plain manifests,
 *       and rendering them as such would apply something other than what the author meant.</li>
 *   <li>Files larger than {@link RenderLimits#maxFileBytes()} are refused, and so is a folder whose
 *       manifests add up to more than {@link RenderLimits#maxTotalBytes()}.</li>
 * </ul>
 */
public final class PlainRenderer implements Renderer {

    static final Set<String> KUSTOMIZATION_FILES = Set.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    static final String CHART_FILE = "Chart.yaml";

    private final ManifestParser parser;

    public PlainRenderer() {
        this(new ManifestParser());
    }

    public PlainRenderer(ManifestParser parser) {
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    @Override
    public RendererKind kind() {
        return RendererKind.PLAIN;
    }

    @Override
    public RenderResult render(FileTree tree, String path, RenderOptions options) throws RenderException {
        String requested = RepositoryPaths.normalize(path, "path");
        TreeIndex index;
        try {
            index = TreeIndex.of(tree);
        } catch (IOException e) {
            throw RepositoryPaths.unreadable(tree, requested, e);
        }
        String root = RepositoryPaths.resolveExisting(index, requested, "path");
        RenderLimits limits = options.limits();
        Problems problems = new Problems(limits.maxProblems());
        RenderedObjects objects = new RenderedObjects(requested, limits, problems);
        boolean singleFile = index.isFile(root);
        List<FileEntry> entries = singleFile ? List.of(index.entry(root)) : index.below(root);
        String base = singleFile ? RepositoryPaths.parent(root) : root;
        List<String> charts = chartFolders(entries, base);
        for (String chart : charts) {
            problems.error(Origin.of(RepositoryPaths.join(chart, CHART_FILE)), "Helm chart in a folder rendered as "
                    + "plain manifests; render " + folderName(chart) + " with Helm (or Auto), or move the chart out of "
                    + folderName(requested));
        }

        long total = 0;
        for (FileEntry entry : entries) {
            String file = entry.path();
            String relative = RepositoryPaths.relativeTo(base, file);
            // A hidden file is skipped, unless it is the one file asked for.
            if (!singleFile && RepositoryPaths.isHidden(relative) || isInside(charts, file)) {
                continue;
            }
            String name = RepositoryPaths.name(file);
            if (KUSTOMIZATION_FILES.contains(name)) {
                problems.error(Origin.of(file), "Kustomize file in a folder rendered as plain manifests; render "
                        + folderName(RepositoryPaths.parent(file)) + " with Kustomize (or Auto), "
                        + "or move the kustomization out of " + folderName(requested));
                continue;
            }
            FileEntry content = entry.isSymlink() ? followLink(index, entry, problems) : entry;
            if (content == null || !RepositoryPaths.hasManifestExtension(name)) {
                continue;
            }
            if (content.size() > limits.maxFileBytes()) {
                problems.error(Origin.of(file), "file is " + RenderLimits.describe(content.size())
                        + ", larger than the limit of " + RenderLimits.describe(limits.maxFileBytes())
                        + "; split it into smaller files or raise the limit");
                continue;
            }
            total += content.size();
            if (total > limits.maxTotalBytes()) {
                problems.error(RepositoryPaths.origin(requested), "manifests add up to more than "
                        + RenderLimits.describe(limits.maxTotalBytes()) + ", the limit; render a smaller folder "
                        + "or raise the limit");
                break;
            }
            read(tree, file, content, limits, problems, objects);
        }
        problems.throwIfErrors(requested);
        return new RenderResult(objects.list(), RendererKind.PLAIN, problems.warnings());
    }

    private void read(FileTree tree, String file, FileEntry content, RenderLimits limits, Problems problems,
            RenderedObjects objects) {
        byte[] bytes;
        try {
            bytes = tree.read(content.path());
        } catch (IOException e) {
            problems.error(Origin.of(file), "cannot read the file (" + e + "); check the repository");
            return;
        }
        if (bytes.length > limits.maxFileBytes()) { // the listing said less: do not trust it
            problems.error(Origin.of(file), "file is larger than the limit of "
                    + RenderLimits.describe(limits.maxFileBytes()) + "; split it into smaller files or raise the limit");
            return;
        }
        // A link's objects keep the link's name: that is the file the user sees in the folder.
        parser.parse(ManifestSource.file(file), bytes, problems, objects::add);
    }

    /** The file a link leads to, or null when it is not a manifest file to read (reported if need be). */
    private static FileEntry followLink(TreeIndex index, FileEntry link, Problems problems) {
        String target;
        try {
            target = index.resolve(link.path());
        } catch (TreePathException e) {
            problems.error(Origin.of(link.path()), RepositoryPaths.linkProblem(e));
            return null;
        }
        if (index.isFile(target)) {
            return index.entry(target);
        }
        boolean isFolder;
        try {
            isFolder = index.isDirectory(target);
        } catch (IOException e) {
            problems.error(Origin.of(link.path()), "cannot follow the symbolic link to " + target + " (" + e + ")");
            return null;
        }
        if (isFolder) {
            problems.warn(Origin.of(link.path()), "symbolic link to the folder " + folderName(target)
                    + " is not followed; render that folder in its own environment, or copy its files here");
        } else if (RepositoryPaths.hasManifestExtension(link.path())) {
            problems.error(Origin.of(link.path()), "symbolic link points to " + target
                    + ", which does not exist in the repository; fix or remove the link");
        }
        return null;
    }

    /** Folders holding a Chart.yaml below the rendered folder: reported once, their files skipped. */
    private static List<String> chartFolders(List<FileEntry> entries, String base) {
        List<String> charts = new ArrayList<>();
        for (FileEntry entry : entries) {
            String relative = RepositoryPaths.relativeTo(base, entry.path());
            if (RepositoryPaths.name(entry.path()).equals(CHART_FILE) && !RepositoryPaths.isHidden(relative)
                    && !isInside(charts, entry.path())) {
                charts.add(RepositoryPaths.parent(entry.path()));
            }
        }
        return charts;
    }

    private static boolean isInside(List<String> folders, String path) {
        for (String folder : folders) {
            if (folder.isEmpty() || path.startsWith(folder + "/")) {
                return true;
            }
        }
        return false;
    }

    private static String folderName(String folder) {
        return folder.isEmpty() ? "the repository root" : folder;
    }
}
