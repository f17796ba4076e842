package io.jenkins.plugins.gitops.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.gitops.engine.render.ManifestRenderer;
import io.jenkins.plugins.gitops.engine.render.RenderException;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.render.RenderProblem;
import io.jenkins.plugins.gitops.engine.render.RendererKind;
import io.jenkins.plugins.gitops.engine.source.GitSource;
import io.jenkins.plugins.gitops.engine.source.RepositoryCache;
import io.jenkins.plugins.gitops.engine.source.SourceException;
import io.jenkins.plugins.gitops.engine.source.SourceRequest;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import io.jenkins.plugins.gitops.engine.testing.git.TestGitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken or hostile content committed to Git, rendered from the commit as a sync renders it: the render
 * fails as a whole (no object set, so nothing can be applied or pruned from it), every problem names its
 * file (and line), and nothing outside the repository is ever read.
 */
class RenderFaultsTest {

    private static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: %s
            data:
              greeting: hello
            """;

    @TempDir
    Path originDir;

    @TempDir
    Path cacheDir;

    @TempDir
    Path outside;

    private TestGitRepo origin;
    private RepositoryCache cache;

    @BeforeEach
    void createRepository() {
        origin = TestGitRepo.in(originDir).write("apps/web/config.yaml", CONFIG_MAP.formatted("web")).commit("Add web");
        cache = new RepositoryCache(cacheDir);
    }

    @AfterEach
    void close() {
        cache.close();
        origin.close();
    }

    @Test
    void shouldNameFileAndLineOfMalformedYamlAndRenderNothing() throws Exception {
        origin.write("apps/web/broken.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: broken
                data:
                  greeting: "unterminated
                  other: value
                """).commit("Break the YAML");

        RenderException failure = renderFails("apps/web", RenderOptions.defaults());

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.origin().file()).isEqualTo("apps/web/broken.yaml");
            assertThat(problem.origin().line()).isPositive();
            assertThat(problem.toString()).matches("apps/web/broken\\.yaml:\\d+: malformed YAML \\(.*\\); fix the YAML syntax");
        });
    }

    @Test
    void shouldNameBothFilesOfAnObjectDefinedTwice() throws Exception {
        origin.write("apps/web/again.yaml", CONFIG_MAP.formatted("web")).commit("Define web twice");

        RenderException failure = renderFails("apps/web", RenderOptions.defaults());

        assertThat(failure).hasMessage("apps/web/config.yaml:1: ConfigMap/web is already defined at "
                + "apps/web/again.yaml:1; remove one of the two definitions");
    }

    @Test
    void shouldRefuseASymbolicLinkToAnAbsolutePathOutsideTheRepository() throws Exception {
        Path secret = Files.writeString(outside.resolve("secret.yaml"), CONFIG_MAP.formatted("stolen"));
        origin.symlink("apps/web/stolen.yaml", secret.toString()).commit("Link to a file of the controller");

        RenderException failure = renderFails("apps/web", RenderOptions.defaults());

        assertThat(failure).hasMessage("apps/web/stolen.yaml: symbolic link leads outside the repository "
                + "(apps/web/stolen.yaml -> " + secret + "); replace the link with a copy of its target inside the "
                + "repository");
    }

    @Test
    void shouldRefuseASymbolicLinkThatClimbsOutOfTheRepository() throws Exception {
        origin.symlink("apps/web/up.yaml", "../../../outside.yaml").commit("Link up and out");

        RenderException failure = renderFails("apps/web", RenderOptions.defaults());

        assertThat(failure).hasMessage("apps/web/up.yaml: symbolic link leads outside the repository "
                + "(apps/web/up.yaml -> ../../../outside.yaml); replace the link with a copy of its target inside the "
                + "repository");
    }

    @Test
    void shouldRefuseALinkAnywhereInTheRepositoryBeforeKustomizeCanFollowIt() throws Exception {
        Path secret = Files.writeString(outside.resolve("credentials"), "not for the repository\n");
        origin.write("apps/web/kustomization.yaml", "resources:\n  - config.yaml\n")
                .symlink("docs/credentials", secret.toString())
                .commit("Kustomize web, and a link elsewhere");

        RenderException failure = renderFails("apps/web", RenderOptions.defaults().withKind(RendererKind.KUSTOMIZE));

        assertThat(failure.problems()).extracting(RenderProblem::toString).containsExactly("docs/credentials: "
                + "symbolic link leads outside the repository (docs/credentials -> " + secret + "); replace the link "
                + "with a copy of its target inside the repository");
    }

    @Test
    void shouldReportAFailingKustomizationByItsFolderWithoutTheControllersPaths() throws Exception {
        origin.write("apps/web/kustomization.yaml", "resources:\n  - config.yaml\npatches:\n  - path: missing-patch.yaml\n")
                .commit("Patch with a file that is not there");

        RenderException failure = renderFails("apps/web", RenderOptions.defaults());

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.origin().file()).isEqualTo("apps/web");
            assertThat(problem.message()).matches("(kubectl )?kustomize failed \\(exit code \\d+\\): .*")
                    .contains("missing-patch.yaml")
                    .doesNotContain(cacheDir.toString())
                    .endsWith("; fix the kustomization");
        });
    }

    @Test
    void shouldReportAFailingHelmTemplateByItsChart() throws Exception {
        origin.write("charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n")
                .write("charts/web/templates/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                        + "  name: {{ required \"set .Values.name\" .Values.name }}\n")
                .commit("A chart that needs a value");

        RenderException failure = renderFails("charts/web", RenderOptions.defaults());

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.origin().file()).isEqualTo("charts/web");
            assertThat(problem.message()).startsWith("helm template failed: ").contains("set .Values.name")
                    .doesNotContain(cacheDir.toString())
                    .endsWith("; fix the chart or its values");
        });
    }

    @Test
    void shouldRefuseAPathThatClimbsOutOfTheRepositoryBeforeFetching() {
        SourceException failure = catchThrowableOfType(SourceException.class,
                () -> fetch("apps/../../etc"));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.INVALID_REQUEST);
        assertThat(failure).hasMessage(origin.url() + ": path \"apps/../../etc\" contains \"..\"; give a path inside "
                + "the repository, relative to its root");
    }

    private RenderException renderFails(String path, RenderOptions options) throws IOException {
        SourceSnapshot snapshot = fetch(path);
        return catchThrowableOfType(RenderException.class,
                () -> ManifestRenderer.withDefaults().render(snapshot, path, options));
    }

    private SourceSnapshot fetch(String path) throws SourceException {
        return new GitSource(cache).fetch(SourceRequest.anonymous(origin.url(), "main", path));
    }
}
