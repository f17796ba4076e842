package io.jenkins.plugins.gitops.engine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.jenkins.plugins.gitops.engine.diff.SecretValues;
import io.jenkins.plugins.gitops.engine.pipeline.LoadedFiles;
import io.jenkins.plugins.gitops.engine.render.ManifestRenderer;
import io.jenkins.plugins.gitops.engine.render.RenderException;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.render.RenderProblem;
import io.jenkins.plugins.gitops.engine.render.RenderResult;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.source.SourceException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gitops-sync render}: the objects a folder (or a Git revision) declares, checked and traced to
 * their file and line, like {@code kustomize build}. Needs no cluster.
 */
@Command(name = "render",
        description = {"Print the objects a folder (or a Git revision) declares, as multi-document YAML like"
                + " kustomize build, each with the file and line it comes from. Needs no cluster.",
            "Secret values (data, stringData) are printed as (redacted sha256:…) unless --show-secrets is given.",
            "Errors go to stderr as file:line: message. Exit code 0 when the render succeeds, 2 when it fails."},
        mixinStandardHelpOptions = true)
final class RenderCommand extends Subcommand {

    /** How {@code render} prints the objects. */
    enum Format {
        /** Multi-document YAML, a {@code # Source: file:line} comment on each, like {@code helm template}. */
        YAML,
        /** A {@code v1/List} of the objects, as {@code kubectl get -o json} prints several. */
        JSON,
        /** One line per object: kind, namespace, name and where it comes from. */
        TEXT
    }

    private static final ObjectWriter YAML_WRITER = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build()).writer();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    ManifestSourceOptions manifests = new ManifestSourceOptions();

    @Option(names = {"-n", "--namespace"}, paramLabel = "<namespace>",
            description = "Helm's release namespace (default: \"default\", as with helm template). Objects"
                    + " without a namespace keep none: the target namespace is decided at sync time.")
    String namespace;

    @Option(names = "--kube-version", paramLabel = "<version>",
            description = "Kubernetes version a Helm chart is rendered for (.Capabilities.KubeVersion, the chart's"
                    + " kubeVersion constraint), such as 1.28; default: Helm's (v1.20.0 with the bundled Helm library)."
                    + " Commands with a cluster use its version.")
    String kubeVersion;

    @Option(names = "--api-versions", paramLabel = "<group/version[/Kind]>", split = ",",
            description = "API versions a Helm chart is told the cluster serves (.Capabilities.APIVersions), added to"
                    + " Helm's default ones, such as policy/v1/PodDisruptionBudget; repeatable or comma-separated."
                    + " The bundled Helm library cannot take them: it warns where a chart asks about one; a helm"
                    + " binary (--helm-executable) takes them. Commands with a cluster use the cluster's.")
    List<String> apiVersions = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "<format>", defaultValue = "yaml",
            description = "yaml (default), json or text (a table of the objects and their origins).")
    Format output = Format.YAML;

    @Option(names = "--show-secrets",
            description = "Print the values of Secrets (data, stringData) as Git declares them. Without it they are"
                    + " masked as (redacted sha256:…): a render's output ends up in logs and tickets.")
    boolean showSecrets;

    @Override
    ExitCodes execute() throws Exception {
        LoadedSource[] opened = new LoadedSource[1];
        try {
            LoadedFiles files = read(opened);
            String prefix = files.chart() == null ? opened[0].filePrefix() : "";
            if (files.chart() != null) {
                // The chart's version and digest, to pin them: render prints objects on stdout, this goes to stderr.
                err().println("Chart " + files.chart().describe());
            }
            RenderResult rendered;
            try (ProgressIndicator progress = progress()) {
                progress.event("Rendering " + files.location());
                RenderOptions options = manifests.renderOptions(namespace);
                options = options.withHelm(options.helm().withKubeVersion(kubeVersion).withApiVersions(apiVersions));
                rendered = ManifestRenderer.withDefaults().render(files.tree(), files.path(), options);
            } catch (RenderException e) {
                throw new CommandException(renderFailure(e, prefix), e);
            }
            for (RenderProblem warning : rendered.warnings()) {
                err().println(terminal().yellow("warning: ") + prefix + warning);
            }
            switch (output) {
                case YAML -> printYaml(rendered.objects(), prefix);
                case JSON -> printJson(rendered.objects());
                case TEXT -> printTable(rendered.objects(), prefix);
            }
            return ExitCodes.SUCCESS;
        } finally {
            if (opened[0] != null) {
                opened[0].close();
            }
        }
    }

    private LoadedFiles read(LoadedSource[] opened) throws SourceException {
        try (ProgressIndicator progress = progress()) {
            return manifests.sourceStep(environment(), files -> opened[0] = files).load(progress);
        }
    }

    private void printYaml(List<KubeObject> objects, String prefix) throws JsonProcessingException {
        for (KubeObject object : objects) {
            out().println("---");
            out().println("# Source: " + prefix + object.origin());
            out().print(YAML_WRITER.writeValueAsString(shown(object)));
        }
    }

    private void printJson(List<KubeObject> objects) throws JsonProcessingException {
        ObjectNode list = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "List");
        ArrayNode items = list.putArray("items");
        objects.forEach(object -> items.add(shown(object)));
        out().println(JSON.writeValueAsString(list));
    }

    /** The object as printed: Secret values masked unless {@code --show-secrets} asks for them. */
    private ObjectNode shown(KubeObject object) {
        return showSecrets ? object.manifest() : SecretValues.masked(object.manifest());
    }

    private void printTable(List<KubeObject> objects, String prefix) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"KIND", "NAMESPACE", "NAME", "SOURCE"});
        for (KubeObject object : objects) {
            rows.add(new String[] {object.kind(), object.namespace() == null ? "-" : object.namespace(), object.name(),
                prefix + object.origin()});
        }
        int[] widths = new int[3];
        rows.forEach(row -> {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            out().println(line.append(row[3]));
        }
        out().println(TextReport.count(objects.size(), "object"));
    }
}
