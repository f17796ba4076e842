package io.jenkins.plugins.gitops.engine.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jenkins.plugins.gitops.engine.render.TreeIndex.TreePathException;
import io.jenkins.plugins.gitops.engine.resource.Origin;
import io.jenkins.plugins.gitops.engine.source.FileTree;
import io.jenkins.plugins.gitops.engine.source.FileTree.FileEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a Helm chart (a folder with a Chart.yaml) with {@code helm template}: through helm-java by
 * default (in a child JVM, see {@link HelmLibrary}), or a helm binary; either way a bounded
 * {@link ToolProcess}. Offline: dependencies must be vendored in the chart's {@code charts/} folder, as
 * nothing is downloaded, and {@code lookup} finds nothing, as nothing asks a cluster.
 *
 * <ul>
 *   <li>Values: the chart's values.yaml, then {@link HelmOptions#valuesFiles()} (repository-relative,
 *       inside the repository), then {@link HelmOptions#values()}.</li>
 *   <li>CRDs from the chart's {@code crds/} folder come first, with their file and line as origin (as
 *       {@code helm install} creates them first).</li>
 *   <li>Hooks ({@code helm.sh/hook}, test hooks included) are part of the result, with their annotations as
 *       written: the engine runs them at their phase as Argo CD does. helm-java would leave them out, so it
 *       renders a copy of the chart in which they are not hooks ({@link HelmHookKeys}).</li>
 *   <li>Capabilities: {@link HelmOptions#kubeVersion()} and {@link HelmOptions#apiVersions()}, the target
 *       cluster's when the render has one. helm-java cannot be given API versions: it warns where a chart asks
 *       about one it answers differently ({@link HelmCapabilities}).</li>
 *   <li>Each object's origin is the template it came from ({@code # Source:} in Helm's output).</li>
 * </ul>
 */
public final class HelmRenderer implements Renderer {

    private static final Logger LOGGER = Logger.getLogger(HelmRenderer.class.getName());
    /** Helm's "chart requires kubeVersion: >=1.23.0-0 which is incompatible with Kubernetes v1.20.0". */
    private static final Pattern KUBE_VERSION_MISMATCH =
            Pattern.compile("chart requires kubeVersion: (.+?) which is incompatible with Kubernetes (\\S+)");
    private static final Pattern SOURCE_COMMENT = Pattern.compile("^# Source: (.+)$", Pattern.MULTILINE);

    private final ExecutableFinder finder;
    private final ManifestParser parser;
    private final RenderSlots slots;

    /** @param finder where to look for a helm binary when {@link HelmTool#BINARY} has no executable */
    public HelmRenderer(ExecutableFinder finder) {
        this(finder, new ManifestParser());
    }

    public HelmRenderer(ExecutableFinder finder, ManifestParser parser) {
        this(finder, parser, RenderSlots.shared());
    }

    /** @param slots bounds how many Helm and Kustomize processes run at once */
    public HelmRenderer(ExecutableFinder finder, ManifestParser parser, RenderSlots slots) {
        this.finder = Objects.requireNonNull(finder, "finder");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.slots = Objects.requireNonNull(slots, "slots");
    }

    @Override
    public RendererKind kind() {
        return RendererKind.HELM;
    }

    @Override
    public RenderResult render(FileTree tree, String path, RenderOptions options) throws RenderException {
        String requested = RepositoryPaths.normalize(path, "path");
        TreeIndex index = ToolRendering.index(tree, requested);
        String chart = RepositoryPaths.resolveExisting(index, requested, "path");
        if (index.entry(RepositoryPaths.join(chart, PlainRenderer.CHART_FILE)) == null) {
            throw new RenderException(new RenderProblem(RepositoryPaths.origin(requested), "no Chart.yaml in this folder; "
                    + "give the folder of a Helm chart, or choose another renderer"));
        }
        HelmOptions helm = options.helm();
        RenderLimits limits = options.limits();
        Problems problems = new Problems(limits.maxProblems());
        // Helm's chart loader follows links: check them before it runs.
        RepositoryPaths.checkLinks(index, index.below(chart), problems);
        List<String> valuesFiles = valuesFiles(index, helm.valuesFiles(), limits, problems);
        problems.throwIfErrors(requested);

        RenderedObjects objects = new RenderedObjects(requested, limits, problems);
        if (helm.includeCrds()) {
            addCrds(index, chart, limits, problems, objects);
        }
        Path root = ToolRendering.materialize(tree, requested);
        String output = template(chart, helm, valuesFiles, root, limits, requested, problems);
        parser.parse(ManifestSource.toolOutput("helm", chart).withOrigins(templateOrigins(chart, output)),
                output.getBytes(StandardCharsets.UTF_8), problems, objects::add);
        problems.throwIfErrors(requested);
        return new RenderResult(objects.list(), RendererKind.HELM, problems.warnings());
    }

    /** The values files as real tree paths, each checked to be a file inside the repository. */
    private static List<String> valuesFiles(TreeIndex index, List<String> files, RenderLimits limits,
            Problems problems) {
        List<String> resolved = new ArrayList<>();
        for (String file : files) {
            try {
                String real = RepositoryPaths.resolveExisting(index, RepositoryPaths.normalize(file, "values file"), "values file");
                if (!index.isFile(real)) {
                    problems.error(Origin.of(file), "values file is a folder; give the path of a YAML file");
                } else if (index.entry(real).size() > limits.maxFileBytes()) {
                    problems.error(Origin.of(file), "values file is larger than "
                            + RenderLimits.describe(limits.maxFileBytes()) + ", the limit; shorten it or raise the limit");
                } else if (real.contains(",")) {
                    problems.error(Origin.of(file), "values file name contains a comma, which Helm reads as a list "
                            + "separator; rename the file");
                } else {
                    resolved.add(real);
                }
            } catch (RenderException e) {
                problems.addAll(e);
            }
        }
        return resolved;
    }

    /** The CRDs of the chart's crds/ folder, read as repository files (helm template leaves them out). */
    private void addCrds(TreeIndex index, String chart, RenderLimits limits, Problems problems,
            RenderedObjects objects) {
        String crdFolder = RepositoryPaths.join(chart, "crds");
        for (FileEntry entry : index.below(crdFolder)) {
            String file = entry.path();
            if (RepositoryPaths.isHidden(RepositoryPaths.relativeTo(crdFolder, file))
                    || !RepositoryPaths.hasManifestExtension(file)) {
                continue;
            }
            try {
                String real = index.resolve(file);
                if (!index.isFile(real)) {
                    continue;
                }
                if (index.entry(real).size() > limits.maxFileBytes()) {
                    problems.error(Origin.of(file), "file is larger than " + RenderLimits.describe(limits.maxFileBytes())
                            + ", the limit; split it or raise the limit");
                    continue;
                }
                parser.parse(ManifestSource.file(file), index.tree().read(real), problems, objects::add);
            } catch (TreePathException e) {
                problems.error(Origin.of(file), RepositoryPaths.linkProblem(e));
            } catch (IOException e) {
                problems.error(Origin.of(file), "cannot read the file (" + e + "); check the repository");
            }
        }
        for (FileEntry entry : index.below(RepositoryPaths.join(chart, "charts"))) {
            if (entry.path().matches(".*/charts/[^/]+/crds/[^/]+")) {
                problems.warn(Origin.of(entry.path()), "CRDs of subcharts are not rendered; install them with the "
                        + "parent chart's crds/ folder or in their own environment");
                break;
            }
        }
    }

    /** Runs helm template with the configured tool; the output, or the render fails. */
    private String template(String chart, HelmOptions helm, List<String> valuesFiles, Path root,
            RenderLimits limits, String requested, Problems problems) throws RenderException {
        Path chartFolder = ToolRendering.local(root, chart);
        String releaseName = helm.releaseName() != null ? helm.releaseName()
                : chart.isEmpty() ? "release" : RepositoryPaths.name(chart);
        String namespace = helm.namespace() != null ? helm.namespace() : "default";
        List<Path> values = new ArrayList<>();
        valuesFiles.forEach(file -> values.add(ToolRendering.local(root, file)));
        Path inlineValues = null;
        try {
            if (!helm.values().isEmpty()) {
                inlineValues = writeInlineValues(helm.values(), requested);
                values.add(inlineValues);
            }
            return helm.tool() == HelmTool.BINARY
                    ? templateWithBinary(chart, chartFolder, releaseName, namespace, values, helm, limits, requested,
                            root)
                    : templateWithLibrary(chart, chartFolder, releaseName, namespace, values, helm, limits, requested,
                            root, problems);
        } finally {
            deleteQuietly(inlineValues);
        }
    }

    /**
     * The helm binary to use instead of helm-java, which cannot run on this platform ({@code unavailable} says
     * why); empty when there is none on the PATH either.
     */
    static java.util.Optional<Path> fallbackToBinary(String unavailable, ExecutableFinder finder) {
        return unavailable == null ? java.util.Optional.empty() : finder.find("helm");
    }

    /** helm-java in a child JVM of its own ({@link HelmLibrary}), which is killed when it goes beyond a limit. */
    private String templateWithLibrary(String chart, Path chartFolder, String releaseName, String namespace,
            List<Path> values, HelmOptions helm, RenderLimits limits, String requested, Path root, Problems problems)
            throws RenderException {
        String unavailable = HelmLibrary.unavailableReason();
        if (unavailable != null) {
            if (fallbackToBinary(unavailable, finder).isPresent()) {
                // helm-java ships a native library for linux-amd64 only: elsewhere (arm64, macOS) a helm on the PATH
                return templateWithBinary(chart, chartFolder, releaseName, namespace, values, helm, limits, requested,
                        root);
            }
            throw failed(chart, requested, helm, unavailable + "; install Helm 3 on the PATH of this machine (it is "
                    + "then used instead), or render on linux-amd64");
        }
        HelmCapabilities.warnWhereHelmJavaAnswersDifferently(chartFolder, chart, helm.apiVersions(), limits, problems);
        Path workFolder = null;
        try {
            workFolder = HelmLibrary.createWorkFolder();
            Path renderRoot = root;
            Path renderChart = chartFolder;
            List<Path> renderValues = values;
            if (HelmHookKeys.mentioned(chartFolder, values)) {
                // helm-java would leave the hooks out: it renders a copy where they are not hooks (HelmHookKeys).
                renderRoot = workFolder.resolve("tree");
                renderChart = renderRoot.resolve(root.relativize(chartFolder).toString());
                renderValues = HelmHookKeys.copyWithoutHooks(root, chartFolder, chart, values, renderRoot, limits,
                        problems);
            }
            ToolProcess.Request request = new ToolProcess.Request(
                    HelmLibrary.command(renderChart, releaseName, namespace, renderValues, helm.kubeVersion(), limits,
                            workFolder),
                    workFolder, HelmLibrary.environment(workFolder), helm.timeout(), limits.maxTotalBytes(),
                    limits.maxProcessMemoryBytes());
            ToolProcess.Outcome outcome = ToolRendering.run("helm template", request, slots, requested, renderRoot);
            if (!outcome.succeeded()) {
                throw failed(chart, requested, helm, HelmHookKeys.restore(
                        ToolRendering.repositoryRelative(outcome.errorOutput(), renderRoot)));
            }
            return HelmHookKeys.restore(new String(outcome.output(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RenderException(new RenderProblem(RepositoryPaths.origin(requested), "helm template: cannot "
                    + "prepare the Helm process (" + e.getMessage() + "); check the free disk space and the "
                    + "engine's installation"));
        } finally {
            HelmLibrary.deleteFolder(workFolder);
        }
    }

    private String templateWithBinary(String chart, Path chartFolder, String releaseName, String namespace,
            List<Path> values, HelmOptions helm, RenderLimits limits, String requested, Path root)
            throws RenderException {
        Path program = helm.executable() != null ? Path.of(helm.executable()) : finder.find("helm").orElseThrow(() ->
                new RenderException(new RenderProblem(RepositoryPaths.origin(requested), "helm: not found on PATH; install Helm 3 "
                        + "on the controller, set the helm executable, or use the bundled Helm library")));
        if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
            throw new RenderException(new RenderProblem(RepositoryPaths.origin(requested), "helm: the executable " + program
                    + " does not exist or cannot be run; fix the helm executable setting"));
        }
        // Hooks (test hooks too) are printed: the engine runs them at their phase, or leaves them out, as Argo CD does.
        List<String> command = new ArrayList<>(List.of(program.toString(), "template", releaseName,
                chartFolder.toString(), "--namespace", namespace));
        if (helm.kubeVersion() != null) {
            command.addAll(List.of("--kube-version", helm.kubeVersion()));
        }
        helm.apiVersions().forEach(version -> command.addAll(List.of("--api-versions", version)));
        values.forEach(file -> command.addAll(List.of("--values", file.toString())));
        ToolProcess.Outcome outcome = ToolRendering.run("helm template", new ToolProcess.Request(command, chartFolder,
                null, helm.timeout(), limits.maxTotalBytes(), limits.maxProcessMemoryBytes()), slots, requested, root);
        if (!outcome.succeeded()) {
            throw failed(chart, requested, helm, ToolRendering.repositoryRelative(outcome.errorOutput(), root));
        }
        return new String(outcome.output(), StandardCharsets.UTF_8);
    }

    private static RenderException failed(String chart, String requested, HelmOptions helm, String cause) {
        Matcher kubeVersion = KUBE_VERSION_MISMATCH.matcher(cause);
        if (kubeVersion.find()) {
            return new RenderException(new RenderProblem(Origin.of(RepositoryPaths.join(chart, PlainRenderer.CHART_FILE)),
                    "the chart requires Kubernetes " + kubeVersion.group(1) + " (kubeVersion), which "
                            + kubeVersion.group(2) + (helm.kubeVersion() == null
                                    ? ", Helm's default, does not meet; render for the target cluster (its version is "
                                            + "then used) or give its Kubernetes version (render --kube-version)"
                                    : ", the target cluster's version (or the one given), does not meet; deploy a "
                                            + "chart version that supports it, or upgrade the cluster")));
        }
        String hint = cause.contains("missing in charts/")
                ? "vendor the chart's dependencies (helm dependency build) and commit its charts/ folder"
                : "fix the chart or its values";
        return new RenderException(new RenderProblem(RepositoryPaths.origin(requested), "helm template failed: " + cause + "; "
                + hint));
    }

    /** Inline values as a values file (JSON is YAML), so that they keep their types, unlike --set. */
    private static Path writeInlineValues(Map<String, Object> values, String requested) throws RenderException {
        try {
            Path file = Files.createTempFile("gitops-helm-values-", ".yaml");
            Files.write(file, JsonMapper.builder().build().writeValueAsBytes(values));
            return file;
        } catch (JsonProcessingException e) {
            throw new RenderException(new RenderProblem(RepositoryPaths.origin(requested), "inline Helm values cannot be written "
                    + "as YAML (" + e.getOriginalMessage() + "); use maps, lists, text, numbers and booleans only"));
        } catch (IOException e) {
            throw new RenderException(new RenderProblem(RepositoryPaths.origin(requested), "cannot write the inline Helm values "
                    + "to a temporary file (" + e + "); check the free disk space"));
        }
    }

    /**
     * Origins from Helm's {@code # Source: chart/templates/x.yaml} comments: each document's template,
     * as a repository path ({@code <chart folder>/templates/x.yaml}).
     */
    private static java.util.function.IntFunction<Origin> templateOrigins(String chart, String output) {
        NavigableMap<Integer, Origin> sources = new TreeMap<>();
        Matcher matcher = SOURCE_COMMENT.matcher(output);
        int line = 1;
        int position = 0;
        while (matcher.find()) {
            for (int i = position; i < matcher.start(); i++) {
                if (output.charAt(i) == '\n') {
                    line++;
                }
            }
            position = matcher.start();
            String template = matcher.group(1).strip();
            int slash = template.indexOf('/');
            // The first segment is the chart's name, not its folder.
            sources.put(line, Origin.of(RepositoryPaths.join(chart, slash < 0 ? template : template.substring(slash + 1))));
        }
        return documentLine -> {
            Map.Entry<Integer, Origin> source = sources.floorEntry(documentLine);
            return source == null ? RepositoryPaths.origin(chart) : source.getValue();
        };
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Only a temporary file is left behind; the render's outcome does not depend on it.
            LOGGER.log(Level.FINE, "Could not delete " + file, e);
        }
    }
}
