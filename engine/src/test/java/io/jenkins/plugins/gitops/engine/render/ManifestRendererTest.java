package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.gitops.engine.source.LocalDirectoryTree;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestRendererTest {

    @TempDir
    Path tempDir;

    private final ManifestRenderer renderer = ManifestRenderer.withDefaults();

    @Test
    void shouldPickKustomizeForFolderWithKustomization() throws RenderException {
        LocalDirectoryTree tree = RenderFixtures.repository("kustomize-base-overlay", tempDir);

        assertThat(renderer.detect(tree, "apps/web/overlays/prod")).isEqualTo(RendererKind.KUSTOMIZE);
    }

    @Test
    void shouldPickHelmForFolderWithChart() throws RenderException {
        LocalDirectoryTree tree = RenderFixtures.repository("helm-chart", tempDir);

        assertThat(renderer.detect(tree, "charts/web")).isEqualTo(RendererKind.HELM);
    }

    @Test
    void shouldPickPlainForAnyOtherFolderOrAFile() throws RenderException {
        LocalDirectoryTree tree = RenderFixtures.repository("plain-multidoc", tempDir);

        assertThat(renderer.detect(tree, "")).isEqualTo(RendererKind.PLAIN);
        assertThat(renderer.detect(tree, "app.yaml")).isEqualTo(RendererKind.PLAIN);
    }

    @Test
    void shouldRenderWithTheRendererItPicked() throws RenderException {
        RenderResult result = renderer.render(RenderFixtures.repository("kustomize-base-overlay", tempDir),
                "apps/web/overlays/prod", RenderOptions.defaults());

        assertThat(result.renderer()).isEqualTo(RendererKind.KUSTOMIZE);
        assertThat(result.objects()).hasSize(2);
    }

    @Test
    void shouldRenderWithTheConfiguredRendererWhateverTheFolderHolds() {
        RenderException failure = catchThrowableOfType(RenderException.class, () -> renderer.render(
                RenderFixtures.repository("kustomize-base-overlay", tempDir), "apps/web/overlays/prod",
                RenderOptions.defaults().withKind(RendererKind.PLAIN)));

        assertThat(failure.problems()).first().hasToString("apps/web/overlays/prod/kustomization.yaml: Kustomize "
                + "file in a folder rendered as plain manifests; render apps/web/overlays/prod with Kustomize (or Auto), "
                + "or move the kustomization out of apps/web/overlays/prod");
    }

    @Test
    void shouldRefuseToDetectOutsideTheRepository() {
        RenderException failure = catchThrowableOfType(RenderException.class, () -> renderer.detect(
                RenderFixtures.repository("plain-multidoc", tempDir), "../other"));

        assertThat(failure).hasMessage(".: path \"../other\" contains '..' and could leave the repository; give "
                + "a path inside the repository, relative to its root");
    }
}
