package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.source.LocalDirectoryTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Renderer} promises, run against each of them with its own fixtures
 * ({@code <prefix>-empty}, {@code <prefix>-custom-resource}), rendered from the repository root.
 */
abstract class RendererContractTest {

    @TempDir
    Path tempDir;

    /** The renderer under test. */
    abstract Renderer renderer();

    /** The fixture prefix: "plain", "kustomize" or "helm". */
    abstract String fixturePrefix();

    RenderOptions options() {
        return RenderOptions.defaults();
    }

    RenderResult render(String scenario, String path) throws RenderException {
        return renderer().render(RenderFixtures.repository(scenario, tempDir), path, options());
    }

    RenderException failure(String scenario, String path) {
        return catchThrowableOfType(RenderException.class, () -> render(scenario, path));
    }

    @Test
    void shouldRenderNoObjectsWhenFolderHasNoManifests() throws RenderException {
        assertThat(render(fixturePrefix() + "-empty", "").objects()).isEmpty();
    }

    @Test
    void shouldKeepFieldsItDoesNotKnow() throws RenderException {
        KubeObject widget = render(fixturePrefix() + "-custom-resource", "").objects().get(0);

        assertThat(widget.manifest().path("x-extension").asText()).isEqualTo("kept as written");
        assertThat(widget.manifest().at("/spec/anything/deep").asText()).isEqualTo("kept");
        assertThat(widget.manifest().at("/spec/anything/list").toString()).isEqualTo("[1,\"two\",3.5]");
    }

    @Test
    void shouldLeaveNamespaceUnspecifiedWhenManifestHasNone() throws RenderException {
        KubeObject widget = render(fixturePrefix() + "-custom-resource", "").objects().get(0);

        assertThat(widget.kind()).isEqualTo("Widget");
        assertThat(widget.namespace()).isNull();
    }

    @Test
    void shouldRenderTheSameObjectsInTheSameOrderWhenRenderedTwice() throws Exception {
        LocalDirectoryTree tree = RenderFixtures.repository(fixturePrefix() + "-custom-resource", tempDir);

        RenderResult first = renderer().render(tree, "", options());
        RenderResult second = renderer().render(tree, "", options());

        assertThat(second.objects()).isEqualTo(first.objects());
    }

    @Test
    void shouldNameTheRendererThatRan() throws RenderException {
        assertThat(render(fixturePrefix() + "-custom-resource", "").renderer()).isEqualTo(renderer().kind());
    }

    @Test
    void shouldRefusePathWithDotDot() {
        RenderException failure = failure(fixturePrefix() + "-custom-resource", "templates/../../other");

        assertThat(failure.problems()).singleElement().satisfies(problem ->
                assertThat(problem.message()).startsWith("path \"templates/../../other\" contains '..'"));
    }

    @Test
    void shouldRefuseAbsolutePath() {
        RenderException failure = failure(fixturePrefix() + "-custom-resource", "/etc");

        assertThat(failure).hasMessage(".: path \"/etc\" is absolute; give a path relative to the repository root");
    }

    @Test
    void shouldFailWhenPathDoesNotExist() {
        RenderException failure = failure(fixturePrefix() + "-custom-resource", "no/such/folder");

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.origin().file()).isEqualTo("no/such/folder");
            assertThat(problem.message()).startsWith("no such path in folder ");
        });
    }

    @Test
    void shouldRefuseSymlinkThatLeadsOutOfTheRepository() throws IOException {
        LocalDirectoryTree tree = RenderFixtures.repository(fixturePrefix() + "-custom-resource", tempDir);
        Path secret = Files.writeString(tempDir.resolve("secret.yaml"), "apiVersion: v1\nkind: Secret\n"
                + "metadata:\n  name: stolen\n");
        Files.createSymbolicLink(tree.root().resolve("leak.yaml"), Path.of("../secret.yaml"));
        Files.createSymbolicLink(tree.root().resolve("absolute.yaml"), secret);

        RenderException failure = catchThrowableOfType(RenderException.class,
                () -> renderer().render(tree, "", options()));

        assertThat(failure.problems()).extracting(RenderProblem::toString).containsExactlyInAnyOrder(
                "absolute.yaml: symbolic link leads outside the repository (absolute.yaml -> " + secret
                        + "); replace the link with a copy of its target inside the repository",
                "leak.yaml: symbolic link leads outside the repository (leak.yaml -> ../secret.yaml); "
                        + "replace the link with a copy of its target inside the repository");
    }
}
