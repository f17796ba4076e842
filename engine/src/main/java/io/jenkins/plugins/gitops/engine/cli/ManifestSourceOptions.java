package io.jenkins.plugins.gitops.engine.cli;

import io.jenkins.plugins.gitops.engine.chart.ChartReference;
import io.jenkins.plugins.gitops.engine.pipeline.ChartSource;
import io.jenkins.plugins.gitops.engine.pipeline.LoadedFiles;
import io.jenkins.plugins.gitops.engine.pipeline.SourceStep;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.render.RendererKind;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Parameters;

/**
 * Where the manifests come from, for every command that reads them: a local folder, or a Git repository
 * with its credentials, and how they are rendered.
 */
final class ManifestSourceOptions {

    @Parameters(index = "0", arity = "0..1", paramLabel = "<dir>",
            description = "A local folder of manifests (or use --repo; with --chart-repo, default: the current"
                    + " folder, for values files).")
    Path directory;

    /** The folder argument; with a chart from a repository and no other source, the current folder (values files). */
    Path directory() {
        return directory == null && source.repository == null && chart.isGiven() ? Path.of(".") : directory;
    }

    /** The environment's identity without {@code --environment}: the chart's name for a chart alone. */
    String defaultEnvironmentId() {
        ChartReference reference = chart.reference();
        if (reference != null && directory == null && source.repository == null) {
            return reference.chartName();
        }
        return source.defaultEnvironmentId(directory());
    }

    /**
     * How the files are read: the folder or Git repository, with the chart from a repository laid over it when
     * {@code --chart-repo} is given.
     */
    SourceStep sourceStep(Function<String, String> environment, Consumer<LoadedSource> opened) {
        ChartReference reference = chart.reference();
        SourceStep files = listener -> {
            LoadedSource loaded = source.open(directory(), credentials, environment, listener::event);
            opened.accept(loaded);
            return new LoadedFiles(loaded.tree(), loaded.path(), loaded.location(), loaded.revision(), loaded.commit());
        };
        if (reference == null) {
            return files;
        }
        Path cache = source.cacheDirectory(environment).resolve("charts");
        return new ChartSource(files, ChartOptions.fetcher(cache), reference, chart.credentials(environment), cache);
    }

    /** The render options, Helm's when the chart comes from a repository. */
    RenderOptions renderOptions(String namespace) {
        RenderOptions options = rendering.toRenderOptions(namespace);
        return chart.isGiven() ? options.withKind(RendererKind.HELM) : options;
    }

    @ArgGroup(validate = false, heading = "%nSource (a folder, or a Git repository):%n")
    SourceOptions source = new SourceOptions();

    @ArgGroup(validate = false, heading = "%nGit credentials (secrets only from files or the environment):%n")
    GitCredentialOptions credentials = new GitCredentialOptions();

    @ArgGroup(validate = false, heading = "%nChart from a Helm repository or OCI registry:%n")
    ChartOptions chart = new ChartOptions();

    @ArgGroup(validate = false, heading = "%nRendering:%n")
    RenderingOptions rendering = new RenderingOptions();
}
