package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.resource.Origin;
import io.jenkins.plugins.gitops.engine.source.LocalDirectoryTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runs the real {@code kubectl kustomize} of the machine (/usr/bin/kubectl: kubectl 1.32, Kustomize v5.5.0). */
class KustomizeRendererTest extends RendererContractTest {

    @Override
    Renderer renderer() {
        return new KustomizeRenderer(ExecutableFinder.fromEnvironment());
    }

    @Override
    String fixturePrefix() {
        return "kustomize";
    }

    @Test
    void shouldBuildOverlayOnItsBaseWithTheFolderAsOrigin() throws RenderException {
        RenderResult result = render("kustomize-base-overlay", "apps/web/overlays/prod");

        assertThat(result.objects()).extracting(KubeObject::toString).containsExactly(
                "Service/prod/web (apps/web/overlays/prod)",
                "Deployment/prod/web (apps/web/overlays/prod)");
        assertThat(result.objects().get(1).manifest().at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(result.objects().get(0).origin()).isEqualTo(Origin.of("apps/web/overlays/prod"));
    }

    @Test
    void shouldFallBackToKubectlWhenNoKustomizeBinaryIsOnThePath() throws RenderException {
        KustomizeRenderer kubectlOnly = new KustomizeRenderer(new ExecutableFinder("/usr/bin"));

        RenderResult result = kubectlOnly.render(RenderFixtures.repository("kustomize-base-overlay", tempDir),
                "apps/web/base", options());

        assertThat(result.objects()).extracting(KubeObject::name).containsExactly("web", "web");
    }

    @Test
    void shouldUseTheConfiguredExecutable() throws RenderException {
        RenderOptions configured = options().withKustomize(
                KustomizeOptions.defaults().withExecutable("/usr/bin/kubectl"));
        KustomizeRenderer nothingOnPath = new KustomizeRenderer(new ExecutableFinder(""));

        RenderResult result = nothingOnPath.render(RenderFixtures.repository("kustomize-base-overlay", tempDir),
                "apps/web/base", configured);

        assertThat(result.objects()).hasSize(2);
    }

    @Test
    void shouldSayHowToInstallKustomizeWhenNoToolIsFound() {
        KustomizeRenderer nothingOnPath = new KustomizeRenderer(new ExecutableFinder(tempDir.toString()));

        RenderException failure = catchThrowableOfType(RenderException.class, () -> nothingOnPath.render(
                RenderFixtures.repository("kustomize-base-overlay", tempDir), "apps/web/base", options()));

        assertThat(failure).hasMessage("apps/web/base: kustomize: not found on PATH; install kustomize or kubectl "
                + "1.21+ on the controller, or set the kustomize executable");
    }

    @Test
    void shouldNameTheConfiguredExecutableWhenItCannotRun() {
        RenderOptions missing = options().withKustomize(KustomizeOptions.defaults()
                .withTool(KustomizeTool.KUSTOMIZE).withExecutable("/opt/none/kustomize"));

        RenderException failure = catchThrowableOfType(RenderException.class,
                () -> renderer().render(RenderFixtures.repository("kustomize-empty", tempDir), "", missing));

        assertThat(failure).hasMessage(".: kustomize: the executable /opt/none/kustomize does not exist or cannot "
                + "be run; fix the kustomize executable setting");
    }

    @Test
    void shouldReportKustomizeErrorsWithRepositoryRelativePaths() {
        RenderException failure = failure("kustomize-broken", "");

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.origin()).isEqualTo(Origin.of("."));
            assertThat(problem.message())
                    .startsWith("kubectl kustomize failed (exit code 1): ")
                    .contains("failed to get the patch file from path(missing-patch.yaml)")
                    .doesNotContain(tempDir.toString())
                    .endsWith("; fix the kustomization");
        });
    }

    @Test
    void shouldRefuseBaseOutsideTheRepositoryBeforeRunningKustomize() {
        RenderException failure = failure("kustomize-escape", "outside-base");

        assertThat(failure).hasMessage("outside-base/kustomization.yaml: resources entry \"../../elsewhere\" "
                + "leads outside the repository; keep every base inside the repository");
    }

    @Test
    void shouldRefuseRemoteBase() {
        RenderException failure = failure("kustomize-escape", "remote-base");

        assertThat(failure.problems()).singleElement().satisfies(problem -> assertThat(problem.message())
                .startsWith("resources entry \"https://github.com/kubernetes-sigs/kustomize//examples/helloWorld"
                        + "?ref=v5.0.0\" is not a file or folder of the repository; remote bases are not supported"));
    }

    @Test
    void shouldRefuseLinkAnywhereInTheRepositoryThatLeadsOutside() throws Exception {
        LocalDirectoryTree tree = RenderFixtures.repository("kustomize-base-overlay", tempDir);
        Path outside = Files.writeString(tempDir.resolve("credentials"), "not for the repository\n");
        Files.createSymbolicLink(tree.root().resolve("apps/web/base/credentials"), outside);

        RenderException failure = catchThrowableOfType(RenderException.class,
                () -> renderer().render(tree, "apps/web/overlays/prod", options()));

        assertThat(failure).hasMessageStartingWith("apps/web/base/credentials: symbolic link leads outside the "
                + "repository");
    }

    @Test
    void shouldFailWhenFolderHasNoKustomization() {
        RenderException failure = failure("kustomize-base-overlay", "apps/web");

        assertThat(failure).hasMessage("apps/web: no kustomization.yaml, kustomization.yml or Kustomization in this "
                + "folder; add one, or render the folder as plain manifests");
    }

    @Test
    void shouldStopKustomizeThatRunsTooLong() throws Exception {
        Path slow = tempDir.resolve("bin/kustomize");
        Files.createDirectories(slow.getParent());
        Files.writeString(slow, "#!/bin/sh\nsleep 30\n");
        slow.toFile().setExecutable(true);
        RenderOptions impatient = options().withKustomize(KustomizeOptions.defaults()
                .withExecutable(slow.toString()).withTimeout(Duration.ofMillis(300)));

        RenderException failure = catchThrowableOfType(RenderException.class,
                () -> renderer().render(RenderFixtures.repository("kustomize-empty", tempDir), "", impatient));

        assertThat(failure).hasMessage(".: kustomize build did not finish within 300 ms and was stopped (the time "
                + "limit of a render); check the input for a loop that never ends, or raise the timeout");
    }
}
