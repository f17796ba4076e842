package io.jenkins.plugins.gitops.engine.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.promote.ImageEditor.FileKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageEditorTest {

    private static final String APP = "registry.example.com/app";

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "deployment-with-comments,             MANIFESTS,     registry.example.com/app, 1.4.2",
        "multi-kind-documents,                 MANIFESTS,     registry.example.com/app, 1.4.2",
        "anchors-and-aliases,                  MANIFESTS,     registry.example.com/app, 1.4.2",
        "crlf-line-endings,                    MANIFESTS,     registry.example.com/app, 1.4.2",
        "docker-hub-short-names,               MANIFESTS,     nginx,                    1.27",
        "already-at-tag,                       MANIFESTS,     registry.example.com/app, 1.4.2",
        "kustomization-images,                 KUSTOMIZATION, registry.example.com/app, 1.4.2",
        "kustomization-digest-and-missing-tag, KUSTOMIZATION, registry.example.com/app, 1.4.2",
        "helm-values,                          HELM_VALUES,   registry.example.com/app, 1.4.2",
        "helm-values-numeric-tag,              HELM_VALUES,   registry.example.com/app, 1.10",
    })
    void shouldChangeOnlyTheImageValuesWhenEditingFixture(String scenario, FileKind kind, String image, String tag)
            throws Exception {
        EditedFile edited = editor(image, tag).edit(scenario + ".yaml", fixture(scenario + ".yaml"), kind);

        assertThat(new String(edited.content(), StandardCharsets.UTF_8))
                .isEqualTo(new String(fixture(scenario + ".expected.yaml"), StandardCharsets.UTF_8));
    }

    @Test
    void shouldReportEachEditWithFileLineOldAndNewValue() throws Exception {
        EditedFile edited = editor(APP, "1.4.2").edit("apps/web/deploy.yaml", fixture("deployment-with-comments.yaml"),
                FileKind.MANIFESTS);

        assertThat(edited.edits()).extracting(ImageEdit::toString).containsExactly(
                "apps/web/deploy.yaml:15: image \"registry.example.com/app:1.4.1\" → \"registry.example.com/app:1.4.2\"",
                "apps/web/deploy.yaml:19: image registry.example.com/app:1.4.1 → registry.example.com/app:1.4.2",
                "apps/web/deploy.yaml:24: image 'registry.example.com/app:1.3.0' → 'registry.example.com/app:1.4.2'");
    }

    @Test
    void shouldEditTheAnchoredValueOnceWhenAliasesUseIt() throws Exception {
        EditedFile edited = editor(APP, "1.4.2").edit("a.yaml", fixture("anchors-and-aliases.yaml"), FileKind.MANIFESTS);

        assertThat(edited.edits()).extracting(ImageEdit::line).containsExactly(11, 22);
    }

    @Test
    void shouldChangeNothingWhenTagIsAlreadySet() throws Exception {
        byte[] content = fixture("already-at-tag.yaml");

        EditedFile edited = editor(APP, "1.4.2").edit("db.yaml", content, FileKind.MANIFESTS);

        assertThat(edited.isChanged()).isFalse();
        assertThat(edited.references()).isEqualTo(1);
        assertThat(edited.content()).isEqualTo(content);
    }

    @Test
    void shouldFindNoReferenceWhenImageIsNotUsed() throws Exception {
        EditedFile edited = editor("registry.example.com/unused", "1.0").edit("web.yaml",
                fixture("deployment-with-comments.yaml"), FileKind.MANIFESTS);

        assertThat(edited.isReferenced()).isFalse();
    }

    @Test
    void shouldIgnoreImageTextOutsideContainersWhenEditingManifests() throws Exception {
        String yaml = "kind: ConfigMap\ndata:\n  image: registry.example.com/app:1.0\n";

        EditedFile edited = editor(APP, "2.0").edit("cm.yaml", bytes(yaml), FileKind.MANIFESTS);

        assertThat(edited.isReferenced()).isFalse();
    }

    @Test
    void shouldQuoteTagWhenYamlWouldReadItAsNumber() throws Exception {
        EditedFile edited = editor(APP, "10").edit("values.yaml",
                bytes("image:\n  repository: registry.example.com/app\n  tag: v9\n"), FileKind.HELM_VALUES);

        assertThat(text(edited)).isEqualTo("image:\n  repository: registry.example.com/app\n  tag: \"10\"\n");
    }

    @Test
    void shouldQuoteUnquotedNumericTagWhenItAlreadyHasTheValue() throws Exception {
        EditedFile edited = editor(APP, "1.10").edit("values.yaml",
                bytes("image:\n  repository: registry.example.com/app\n  tag: 1.10\n"), FileKind.HELM_VALUES);

        assertThat(text(edited)).endsWith("  tag: \"1.10\"\n");
    }

    @Test
    void shouldEditKustomizationImagesEntryWhenNewNameMatches() throws Exception {
        String yaml = "images:\n- name: app\n  newName: registry.example.com/app\n  newTag: 1.0\n";

        EditedFile edited = editor(APP, "2.0.1").edit("kustomization.yaml", bytes(yaml), FileKind.KUSTOMIZATION);

        assertThat(text(edited)).endsWith("  newTag: 2.0.1\n");
    }

    @Test
    void shouldIgnoreContainerImagesWhenEditingKustomization() throws Exception {
        EditedFile edited = editor(APP, "1.4.2").edit("kustomization.yaml", fixture("already-at-tag.yaml"),
                FileKind.KUSTOMIZATION);

        assertThat(edited.isReferenced()).isFalse();
    }

    @Test
    void shouldRefuseImageWrittenAsBlockScalar() throws Exception {
        String yaml = "spec:\n  containers:\n    - name: a\n      image: >-\n        registry.example.com/app:1.0\n";

        assertThatThrownBy(() -> editor(APP, "2.0").edit("deploy.yaml", bytes(yaml), FileKind.MANIFESTS))
                .isInstanceOf(PromotionException.class)
                .hasMessage("deploy.yaml:4: image is written as a block scalar (| or >); write it on one line");
    }

    @Test
    void shouldFailWithLineWhenYamlIsInvalidAndMentionsTheImage() throws Exception {
        String yaml = "spec:\n  containers:\n    - image: registry.example.com/app:1.0\n   bad: [\n";

        assertThatThrownBy(() -> editor(APP, "2.0").edit("deploy.yaml", bytes(yaml), FileKind.MANIFESTS))
                .isInstanceOfSatisfying(PromotionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PromotionException.Reason.UNEDITABLE);
                    assertThat(e.getMessage()).startsWith("deploy.yaml:4: not valid YAML (").endsWith("); fix the file, then set the image again");
                });
    }

    @Test
    void shouldSkipInvalidYamlWhenItDoesNotMentionTheImage() throws Exception {
        EditedFile edited = editor(APP, "2.0").edit("template.yaml", bytes("a: {{ .Values.x }\n  b: [\n"),
                FileKind.MANIFESTS);

        assertThat(edited.isReferenced()).isFalse();
    }

    @Test
    void shouldRefuseFileThatIsNotUtf8() {
        byte[] latin1 = "image: registry.example.com/app:1.0 # caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> editor(APP, "2.0").edit("x.yaml", latin1, FileKind.HELM_VALUES))
                .isInstanceOf(PromotionException.class)
                .hasMessageStartingWith("x.yaml: is not UTF-8 text (");
    }

    @Test
    void shouldRejectInvalidTag() {
        assertThatThrownBy(() -> editor(APP, "-1.0"))
                .isInstanceOf(PromotionException.class)
                .hasMessage("tag \"-1.0\": is not a valid image tag (letters, digits, '_', '.' and '-', at most 128,"
                        + " not starting with '.' or '-'); give a tag such as 1.4.2");
    }

    private static ImageEditor editor(String image, String tag) throws PromotionException {
        return new ImageEditor(ImageReference.parse(image), tag);
    }

    private static String text(EditedFile edited) {
        return new String(edited.content(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = ImageEditorTest.class.getResourceAsStream("/promote/editor/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return in.readAllBytes();
        }
    }
}
