package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.resource.Origin;
import io.jenkins.plugins.gitops.engine.source.LocalDirectoryTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PlainRendererTest extends RendererContractTest {

    @Override
    Renderer renderer() {
        return new PlainRenderer();
    }

    @Override
    String fixturePrefix() {
        return "plain";
    }

    @Test
    void shouldRenderEveryManifestFileInPathOrderWithItsOrigin() throws RenderException {
        RenderResult result = render("plain-multidoc", "");

        assertThat(result.objects()).extracting(object -> object.ref() + " @ " + object.origin()).containsExactly(
                "Deployment/web @ app.yaml:3",
                "Service/web @ app.yaml:26",
                "ConfigMap/web-config @ config.json:1",
                "Deployment/jobs/worker @ nested/worker.yml:1");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void shouldSkipHiddenFilesAndOtherExtensions() throws RenderException {
        RenderResult result = render("plain-multidoc", "");

        assertThat(result.objects()).extracting(object -> object.origin().file())
                .doesNotContain(".hidden.yaml", ".github/ci.yaml", "README.md");
    }

    @Test
    void shouldRenderOnlyTheGivenSubfolder() throws RenderException {
        assertThat(render("plain-multidoc", "./nested/").objects()).extracting(KubeObject::name)
                .containsExactly("worker");
    }

    @Test
    void shouldRenderASingleFileWhenPathIsAFile() throws RenderException {
        assertThat(render("plain-multidoc", "config.json").objects()).extracting(KubeObject::name)
                .containsExactly("web-config");
    }

    @Test
    void shouldFlattenListsGivingEachItemItsLine() throws RenderException {
        RenderResult result = render("list-kind", "");

        assertThat(result.objects()).extracting(object -> object.name() + " @ " + object.origin()).containsExactly(
                "third @ configmaps.yaml:4",
                "first @ list.yaml:4",
                "second @ list.yaml:8");
    }

    @Test
    void shouldNameFileAndLineWhenDocumentHasNoName() {
        RenderException failure = failure("missing-name", "apps/web");

        assertThat(failure).hasMessage(
                "apps/web/deploy.yaml:14: document has no metadata.name; add a name or remove the document");
    }

    @Test
    void shouldReportEveryBrokenFileAtOnce() {
        RenderException failure = failure("malformed-yaml", "");

        assertThat(failure.problems()).extracting(RenderProblem::toString).containsExactly(
                "broken.yaml:7: malformed YAML (mapping values are not allowed here); fix the YAML syntax",
                "list-document.yaml:6: document is a list, not a mapping; each YAML document must be one "
                        + "Kubernetes object: fix or remove the document");
        assertThat(failure.getMessage()).startsWith(".: rendering failed with 2 problems:\n"
                + "  broken.yaml:7: malformed YAML");
    }

    @Test
    void shouldYieldNoObjectsAtAllWhenOneFileIsBroken() {
        RenderException failure = failure("malformed-yaml", "");

        assertThat(failure.problems()).extracting(problem -> problem.origin().file())
                .containsExactly("broken.yaml", "list-document.yaml");
    }

    @Test
    void shouldReadAHiddenFileWhenItIsTheOneAskedFor() {
        assertThat(failure("plain-multidoc", ".hidden.yaml")).hasMessageStartingWith(
                ".hidden.yaml:1: document has no apiVersion, kind or metadata.name");
    }

    @Test
    void shouldNameBothFilesWhenAnObjectIsDefinedTwice() {
        RenderException failure = failure("duplicate-objects", "");

        assertThat(failure).hasMessage("b.yaml:7: Deployment/shop/web is already defined at a.yaml:1; "
                + "remove one of the two definitions");
    }

    @Test
    void shouldRefuseKustomizationBelowThePath() {
        RenderException failure = failure("plain-with-kustomization", "");

        assertThat(failure).hasMessage("app/kustomization.yaml: Kustomize file in a folder rendered as plain "
                + "manifests; render app with Kustomize (or Auto), or move the kustomization out of the repository root");
    }

    @Test
    void shouldRefuseHelmChartBelowThePathWithoutParsingItsTemplates() {
        RenderException failure = failure("plain-with-chart", "");

        assertThat(failure).hasMessage("chart/Chart.yaml: Helm chart in a folder rendered as plain manifests; "
                + "render chart with Helm (or Auto), or move the chart out of the repository root");
    }

    @Test
    void shouldRefuseFileLargerThanTheLimit() {
        RenderOptions tinyFiles = RenderOptions.defaults()
                .withLimits(RenderLimits.defaults().withMaxFileBytes(500));

        RenderException failure = catchThrowableOfType(RenderException.class,
                () -> renderer().render(RenderFixtures.repository("plain-multidoc", tempDir), "", tinyFiles));

        assertThat(failure.problems()).singleElement().hasToString("app.yaml: file is 508 bytes, larger than the "
                + "limit of 500 bytes; split it into smaller files or raise the limit");
    }

    @Test
    void shouldRefuseFolderWhoseManifestsAddUpToMoreThanTheLimit() {
        RenderOptions smallTotal = RenderOptions.defaults()
                .withLimits(RenderLimits.defaults().withMaxTotalBytes(700));

        RenderException failure = catchThrowableOfType(RenderException.class,
                () -> renderer().render(RenderFixtures.repository("plain-multidoc", tempDir), "", smallTotal));

        assertThat(failure.problems()).singleElement().satisfies(problem ->
                assertThat(problem.message()).startsWith("manifests add up to more than 700 bytes, the limit"));
    }

    @Test
    void shouldRefuseMoreObjectsThanTheLimit() {
        RenderOptions fewObjects = RenderOptions.defaults().withLimits(RenderLimits.defaults().withMaxObjects(3));

        RenderException failure = catchThrowableOfType(RenderException.class,
                () -> renderer().render(RenderFixtures.repository("plain-multidoc", tempDir), "", fewObjects));

        assertThat(failure).hasMessage(".: renders more than 3 objects, the limit; split it into several "
                + "environments or raise the limit");
    }

    @Test
    void shouldKeepOnlyTheConfiguredNumberOfProblemsAndCountTheRest() throws IOException {
        LocalDirectoryTree tree = RenderFixtures.repository("plain-empty", tempDir);
        for (int i = 1; i <= 5; i++) {
            Files.writeString(tree.root().resolve("broken-" + i + ".yaml"), "kind: ConfigMap\n");
        }
        RenderOptions twoProblems = RenderOptions.defaults().withLimits(RenderLimits.defaults().withMaxProblems(2));

        RenderException failure = catchThrowableOfType(RenderException.class,
                () -> renderer().render(tree, "", twoProblems));

        assertThat(failure.problems()).hasSize(2);
        assertThat(failure.omitted()).isEqualTo(3);
        assertThat(failure.getMessage()).endsWith("\n  ... and 3 more");
    }

    @Test
    void shouldFollowSymbolicLinkInsideTheRepositoryNamingTheLink() throws Exception {
        LocalDirectoryTree tree = RenderFixtures.repository("plain-custom-resource", tempDir);
        Path shared = Files.createDirectories(tree.root().resolve("shared"));
        Files.move(tree.root().resolve("widget.yaml"), shared.resolve("widget.yaml"));
        Path app = Files.createDirectories(tree.root().resolve("app"));
        Files.createSymbolicLink(app.resolve("widget.yaml"), Path.of("../shared/widget.yaml"));

        RenderResult result = renderer().render(tree, "app", options());

        assertThat(result.objects()).singleElement().satisfies(widget ->
                assertThat(widget.origin()).isEqualTo(new Origin("app/widget.yaml", 1)));
    }

    @Test
    void shouldFollowChainOfLinksThatStaysInside() throws Exception {
        LocalDirectoryTree tree = RenderFixtures.repository("plain-custom-resource", tempDir);
        Path app = Files.createDirectories(tree.root().resolve("app"));
        Files.createSymbolicLink(tree.root().resolve("current"), Path.of("widget.yaml"));
        Files.createSymbolicLink(app.resolve("widget.yaml"), Path.of("../current"));

        assertThat(renderer().render(tree, "app", options()).objects()).extracting(KubeObject::name)
                .containsExactly("gadget");
    }

    @Test
    void shouldRefuseChainOfLinksThatEndsOutside() throws Exception {
        LocalDirectoryTree tree = RenderFixtures.repository("plain-empty", tempDir);
        Path app = Files.createDirectories(tree.root().resolve("app"));
        Files.createSymbolicLink(tree.root().resolve("up"), Path.of(".."));
        Files.createSymbolicLink(app.resolve("widget.yaml"), Path.of("../up/outside.yaml"));

        RenderException failure = catchThrowableOfType(RenderException.class,
                () -> renderer().render(tree, "app", options()));

        assertThat(failure).hasMessage("app/widget.yaml: symbolic link leads outside the repository (up -> ..); "
                + "replace the link with a copy of its target inside the repository");
    }

    @Test
    void shouldRefuseLinksThatFormALoop() throws Exception {
        LocalDirectoryTree tree = RenderFixtures.repository("plain-empty", tempDir);
        Files.createSymbolicLink(tree.root().resolve("a.yaml"), Path.of("b.yaml"));
        Files.createSymbolicLink(tree.root().resolve("b.yaml"), Path.of("a.yaml"));

        RenderException failure = catchThrowableOfType(RenderException.class,
                () -> renderer().render(tree, "", options()));

        assertThat(failure.problems()).first().satisfies(problem ->
                assertThat(problem.message()).startsWith("symbolic link passes through more than 40 symbolic links"));
    }

    @Test
    void shouldRefuseRenderPathThatIsALinkOutOfTheRepository() throws Exception {
        LocalDirectoryTree tree = RenderFixtures.repository("plain-empty", tempDir);
        Files.createSymbolicLink(tree.root().resolve("apps"), tempDir);

        RenderException failure = catchThrowableOfType(RenderException.class,
                () -> renderer().render(tree, "apps", options()));

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.origin().file()).isEqualTo("apps");
            assertThat(problem.message()).startsWith("path leads outside the repository (apps -> " + tempDir + ")");
        });
    }

    @Test
    void shouldWarnWhenLinkToAFolderIsNotFollowed() throws Exception {
        LocalDirectoryTree tree = RenderFixtures.repository("plain-custom-resource", tempDir);
        Files.createDirectories(tree.root().resolve("other"));
        Files.createSymbolicLink(tree.root().resolve("linked"), Path.of("other"));

        RenderResult result = renderer().render(tree, "", options());

        assertThat(result.warnings()).singleElement().hasToString("linked: symbolic link to the folder other is not "
                + "followed; render that folder in its own environment, or copy its files here");
    }
}
