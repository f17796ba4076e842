package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.resource.Origin;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestParserTest {

    private static final String CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n";

    private final ManifestParser parser = new ManifestParser();

    private List<KubeObject> parse(String file, String content) throws RenderException {
        return parser.parseFile(file, content.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode data(String yaml) throws RenderException {
        return parse("cm.yaml", CONFIG_MAP + "data:\n" + yaml).get(0).manifest().get("data");
    }

    private RenderException failure(String file, String content) {
        return catchThrowableOfType(RenderException.class, () -> parse(file, content));
    }

    @Test
    void shouldReadUnquotedYamlOneOneWordsAsKubectlDoes() throws RenderException {
        JsonNode data = data("  unquoted: on\n  quoted: \"on\"\n  mode: 0644\n  text: '0644'\n  date: 2024-01-31\n");

        assertThat(data.toString()).isEqualTo(
                "{\"unquoted\":true,\"quoted\":\"on\",\"mode\":420,\"text\":\"0644\",\"date\":\"2024-01-31\"}");
    }

    @Test
    void shouldTurnBooleanKeysIntoTextAsKubectlDoes() throws RenderException {
        assertThat(data("  on: push\n  1: one\n").toString()).isEqualTo("{\"true\":\"push\",\"1\":\"one\"}");
    }

    @Test
    void shouldGiveEachDocumentTheLineItStartsOnAndSkipEmptyOnes() throws RenderException {
        String stream = "# comment\n---\n" + CONFIG_MAP + "---\n---\n# only a comment\n---\nnull\n---\n"
                + CONFIG_MAP.replace("settings", "other");

        assertThat(parse("apps/cm.yaml", stream)).extracting(KubeObject::origin).containsExactly(
                new Origin("apps/cm.yaml", 3), new Origin("apps/cm.yaml", 13));
    }

    @Test
    void shouldApplyMergeKeysWithExplicitKeysWinning() throws RenderException {
        String yaml = "defaults: &defaults\n  color: blue\n  size: small\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: merged\n"
                + "data:\n  size: large\n  <<: *defaults\n";

        JsonNode data = parse("cm.yaml", yaml).get(0).manifest().get("data");

        assertThat(data.toString()).isEqualTo("{\"size\":\"large\",\"color\":\"blue\"}");
    }

    @Test
    void shouldRefuseAnAliasBomb() {
        StringBuilder yaml = new StringBuilder(CONFIG_MAP).append("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char level = 'b'; level <= 'f'; level++) {
            char previous = (char) (level - 1);
            yaml.append(level).append(": &").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, "*" + previous))).append("]\n");
        }

        RenderException failure = failure("bomb.yaml", yaml.toString());

        assertThat(failure).hasMessageContaining("alias");
    }

    @Test
    void shouldRefuseTagsThatAreNotPlainYaml() {
        RenderException failure = failure("tags.yaml", CONFIG_MAP + "data:\n  command: !Ref x\n");

        assertThat(failure).hasMessage("tags.yaml:6: unsupported YAML tag !Ref on a scalar; "
                + "Kubernetes manifests use plain YAML: remove the tag");
    }

    @Test
    void shouldRefuseGlobalTagsThatCouldNameJavaClasses() {
        RenderException failure = failure("tags.yaml", CONFIG_MAP + "data: !!javax.script.ScriptEngineManager []\n");

        assertThat(failure).hasMessageStartingWith("tags.yaml:5: malformed YAML (Global tag is not allowed");
    }

    @Test
    void shouldRefuseTheSameKeyTwiceInARepositoryFile() {
        RenderException failure = failure("dup.yaml", CONFIG_MAP + "data:\n  color: blue\n  color: green\n");

        assertThat(failure).hasMessage("dup.yaml:7: key \"color\" appears twice in one mapping (first on line 6); "
                + "remove one of them");
    }

    @Test
    void shouldOnlyWarnAboutTheSameKeyTwiceInToolOutputAndKeepTheLast() {
        Problems problems = new Problems(10);
        List<KubeObject> objects = new ArrayList<>();

        parser.parse(ManifestSource.toolOutput("helm", "charts/web"),
                (CONFIG_MAP + "data:\n  color: blue\n  color: green\n").getBytes(StandardCharsets.UTF_8),
                problems, objects::add);

        assertThat(objects.get(0).manifest().at("/data/color").asText()).isEqualTo("green");
        assertThat(problems.warnings()).singleElement().hasToString("charts/web: line 7 of the helm output: "
                + "key \"color\" appears twice in one mapping (first on line 6); the last value wins, as in kubectl");
    }

    @Test
    void shouldExplainANameThatYamlReadAsABoolean() {
        RenderException failure = failure("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: yes\n");

        assertThat(failure).hasMessage("cm.yaml:1: metadata.name must be text, not a boolean (true); quote it, "
                + "since YAML reads unquoted yes, on, 0777 and the like as booleans or numbers");
    }

    @Test
    void shouldNameEveryMissingField() {
        RenderException failure = failure("values.yaml", "replicas: 3\n");

        assertThat(failure).hasMessage("values.yaml:1: document has no apiVersion, kind or metadata.name; "
                + "it is not a Kubernetes object: complete it or remove it");
    }

    @Test
    void shouldRefuseDocumentThatIsText() {
        assertThat(failure("text.yaml", "just some words\n")).hasMessage("text.yaml:1: document is text "
                + "(15 characters), not a mapping; each YAML document must be one Kubernetes object: fix or "
                + "remove the document");
    }

    @Test
    void shouldRefuseNumbersJsonCannotHold() {
        assertThat(failure("nan.yaml", CONFIG_MAP + "data:\n  ratio: .nan\n")).hasMessage("nan.yaml:6: the value "
                + ".nan is not a number JSON can hold; quote it if it is meant as text");
    }

    @Test
    void shouldReadAStreamOfJsonObjectsWithTheirLines() throws RenderException {
        String json = "{\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\",\n"
                + " \"metadata\": {\"name\": \"web\"}, \"spec\": {\"replicas\": 3.0}}\n"
                + "{\"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\": \"web\"}}\n";

        List<KubeObject> objects = parse("all.json", json);

        assertThat(objects).extracting(object -> object.kind() + "@" + object.origin().line())
                .containsExactly("Deployment@1", "Service@3");
        assertThat(objects.get(0).manifest().at("/spec/replicas").isInt()).isTrue();
    }

    @Test
    void shouldRefuseJsonWithTheSameKeyTwice() {
        RenderException failure = failure("dup.json", "{\"kind\": \"A\",\n \"kind\": \"B\"}");

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.origin()).isEqualTo(new Origin("dup.json", 2));
            assertThat(problem.message()).startsWith("malformed JSON (Duplicate field 'kind')");
        });
    }

    @Test
    void shouldGiveToolOutputTheFolderAsOriginAndTheOutputLineInMessages() {
        RenderException failure = catchThrowableOfType(RenderException.class, () -> parser.parseToolOutput(
                "kustomize", "apps/web", (CONFIG_MAP + "---\napiVersion: v1\nkind: Secret\n").getBytes(
                        StandardCharsets.UTF_8)));

        assertThat(failure).hasMessage("apps/web: line 6 of the kustomize output: document has no metadata.name; "
                + "add a name or remove the document");
    }

    @Test
    void shouldRefuseItemOfAListThatIsNotAMapping() {
        RenderException failure = failure("list.yaml", "apiVersion: v1\nkind: List\nitems:\n  - just text\n");

        assertThat(failure).hasMessage("list.yaml:4: item 1 of the List is text (9 characters), not a mapping; "
                + "fix or remove the item");
    }

    @Test
    void shouldAcceptAHookNamedOnlyByGenerateNameAsArgoCdDoes() throws RenderException {
        List<KubeObject> objects = parse("hooks.yaml", """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  generateName: upgrade-sql-schema-
                  annotations: {argocd.argoproj.io/hook: PreSync}
                ---
                apiVersion: batch/v1
                kind: Job
                metadata:
                  generateName: upgrade-sql-schema-
                  annotations: {argocd.argoproj.io/hook: PostSync}
                """);

        assertThat(objects).as("two hooks with one generateName are two hooks").hasSize(2);
        assertThat(objects.get(0).name()).as("the sync names it").isEmpty();
    }

    @Test
    void shouldSayThatGenerateNameIsForHooksOnly() {
        RenderException failure = failure("job.yaml", "apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: x-\n");

        assertThat(failure).hasMessage("job.yaml:1: document has no metadata.name; metadata.generateName is for hooks"
                + " only (annotate it argocd.argoproj.io/hook); add a name");
    }
}
