package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.gitops.engine.resource.Origin;
import io.jenkins.plugins.gitops.engine.source.LocalDirectoryTree;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A kustomization may only read files of the repository: every field that names a file is checked before
 * Kustomize runs (the real {@code kubectl kustomize} of the machine). A server on the loopback interface,
 * which Kustomize would happily fetch from, must receive no request.
 */
class KustomizeInputBoundaryTest {

    private static final String CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n";

    @TempDir
    Path tempDir;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private String url;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            byte[] body = CONFIG_MAP.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/secret.txt";
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "configMapGenerator[0].files | configMapGenerator: [{name: x, files: [URL]}]",
        "configMapGenerator[0].files | configMapGenerator: [{name: x, files: [key=URL]}]",
        "configMapGenerator[0].envs  | configMapGenerator: [{name: x, envs: [URL]}]",
        "secretGenerator[0].files    | secretGenerator: [{name: x, files: [URL]}]",
        "secretGenerator[0].env      | secretGenerator: [{name: x, env: URL}]",
        "patches[0].path             | patches: [{path: URL}]",
        "patchesStrategicMerge       | patchesStrategicMerge: [URL]",
        "patchesJson6902[0].path     | 'patchesJson6902: [{target: {version: v1, kind: ConfigMap, name: app}, path: URL}]'",
        "openapi.path                | openapi: {path: URL}",
        "replacements[0].path        | replacements: [{path: URL}]",
        "configurations              | configurations: [URL]",
        "crds                        | crds: [URL]",
    })
    void shouldRefuseUrlInFileFieldWithoutAnyRequest(String field, String line) throws Exception {
        LocalDirectoryTree tree = repository("resources: [app.yaml]\n" + line.replace("URL", url) + "\n");

        RenderException failure = render(tree);

        assertThat(requests).isEmpty();
        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.origin()).isEqualTo(Origin.of("kustomization.yaml"));
            assertThat(problem.message()).isEqualTo(field + ": \"" + url + "\" is a URL, which Kustomize would "
                    + "fetch while rendering; only files of the repository can be read: commit the file next to the "
                    + "kustomization and name it by its relative path");
        });
    }

    @Test
    void shouldRefuseUrlInTransformerConfigurationFile() throws Exception {
        LocalDirectoryTree tree = repository("resources: [app.yaml]\ntransformers: [patch.yaml]\n");
        Files.writeString(tree.root().resolve("patch.yaml"),
                "apiVersion: builtin\nkind: PatchTransformer\nmetadata:\n  name: leak\npath: " + url + "\n");

        RenderException failure = render(tree);

        assertThat(requests).isEmpty();
        assertThat(failure).hasMessageStartingWith("patch.yaml: PatchTransformer leak path: \"" + url
                + "\" is a URL, which Kustomize would fetch while rendering");
    }

    @Test
    void shouldRefuseUrlInInlineGeneratorConfiguration() throws Exception {
        LocalDirectoryTree tree = repository("generators:\n- |\n  apiVersion: builtin\n  kind: ConfigMapGenerator\n"
                + "  metadata:\n    name: leak\n  files:\n  - " + url + "\n");

        RenderException failure = render(tree);

        assertThat(requests).isEmpty();
        assertThat(failure).hasMessageStartingWith("kustomization.yaml: generators[0] (ConfigMapGenerator leak) files: \""
                + url + "\" is a URL");
    }

    @Test
    void shouldRefuseHelmInflation() throws Exception {
        LocalDirectoryTree tree = repository("helmCharts:\n- name: web\n  repo: " + url + "\n");

        RenderException failure = render(tree);

        assertThat(requests).isEmpty();
        assertThat(failure).hasMessage("kustomization.yaml: helmCharts: Kustomize's Helm inflation is not supported "
                + "(Helm would download charts and run while rendering); render the chart with the Helm renderer, or "
                + "commit its output");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "git@github.com:org/repo.git",
        "github.com/org/repo//base?ref=v1",
        "gh:org/repo",
        "file:///etc",
    })
    void shouldRefuseRemoteBaseEvenWhenAFolderOfThatNameExists(String base) throws Exception {
        LocalDirectoryTree tree = repository("resources: ['" + base + "']\n");
        Files.createDirectories(tree.root().resolve("github.com/org/repo"));

        RenderException failure = render(tree);

        assertThat(failure).hasMessage("kustomization.yaml: resources entry \"" + base + "\" is not a file or folder "
                + "of the repository; remote bases are not supported: vendor the base into the repository");
    }

    @Test
    void shouldRefuseGeneratorFileOutsideTheRepository() throws Exception {
        Path repository = Files.createDirectories(tempDir.resolve("repository"));
        Files.writeString(tempDir.resolve("controller-secret.txt"), "s3cr3t\n");
        LocalDirectoryTree tree = repository(repository,
                "configMapGenerator: [{name: x, files: [../controller-secret.txt, /etc/hostname]}]\n");

        RenderException failure = render(tree);

        assertThat(failure.problems()).extracting(RenderProblem::message).containsExactly(
                "configMapGenerator[0].files: \"../controller-secret.txt\" leads outside the repository; keep every "
                        + "file the kustomization reads inside the repository",
                "configMapGenerator[0].files: \"/etc/hostname\" is an absolute path; give a path relative to the "
                        + "kustomization, inside the repository");
    }

    @Test
    void shouldCheckTheFilesOfEveryBase() throws Exception {
        LocalDirectoryTree tree = repository("resources: [base]\n");
        Files.createDirectories(tree.root().resolve("base"));
        Files.writeString(tree.root().resolve("base/kustomization.yaml"),
                "configMapGenerator: [{name: x, files: [" + url + "]}]\n");

        RenderException failure = render(tree);

        assertThat(requests).isEmpty();
        assertThat(failure).hasMessageStartingWith("base/kustomization.yaml: configMapGenerator[0].files: \"" + url
                + "\" is a URL");
    }

    @Test
    void shouldStillReadGeneratorFilesAndPatchesOfTheRepository() throws Exception {
        LocalDirectoryTree tree = repository("resources: [app.yaml]\n"
                + "configMapGenerator: [{name: settings, files: [greeting=hello.txt], envs: [app.env]}]\n"
                + "patches: [{path: patch.yaml}]\n");
        Files.writeString(tree.root().resolve("hello.txt"), "hello\n");
        Files.writeString(tree.root().resolve("app.env"), "MODE=prod\n");
        Files.writeString(tree.root().resolve("patch.yaml"), CONFIG_MAP + "data:\n  patched: \"yes\"\n");

        RenderResult result = new KustomizeRenderer(ExecutableFinder.fromEnvironment())
                .render(tree, "", RenderOptions.defaults());

        assertThat(result.objects()).hasSize(2);
        assertThat(result.objects()).anySatisfy(object -> assertThat(object.manifest().at("/data/greeting").asText())
                .isEqualTo("hello\n"));
        assertThat(result.objects()).anySatisfy(object -> assertThat(object.manifest().at("/data/patched").asText())
                .isEqualTo("yes"));
    }

    private LocalDirectoryTree repository(String kustomization) throws IOException {
        return repository(tempDir, kustomization);
    }

    private static LocalDirectoryTree repository(Path root, String kustomization) throws IOException {
        Files.writeString(root.resolve("kustomization.yaml"), kustomization);
        Files.writeString(root.resolve("app.yaml"), CONFIG_MAP);
        return new LocalDirectoryTree(root);
    }

    private static RenderException render(LocalDirectoryTree tree) {
        return catchThrowableOfType(RenderException.class, () -> new KustomizeRenderer(
                ExecutableFinder.fromEnvironment()).render(tree, "", RenderOptions.defaults()));
    }
}
