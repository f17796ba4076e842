package io.jenkins.plugins.gitops.engine.declare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading one declaration file: its values, and errors that name the file and line. */
class DeclarationParserTest {

    private static final String FILE = "environments/web.yaml";

    private final DeclarationParser parser = new DeclarationParser(DeclarationSchema.load());
    private final List<DeclarationError> errors = new ArrayList<>();

    private Map<String, Object> parse(String yaml) {
        return parser.parse(FILE, yaml.getBytes(StandardCharsets.UTF_8), errors);
    }

    private List<String> messages() {
        return errors.stream().map(DeclarationError::toString).toList();
    }

    @Test
    void shouldReadEverySetting() {
        Map<String, Object> values = parse("""
                name: web-prod
                repository: https://git.example.com/shop.git
                revision: main
                credentialsId: git-token
                path: apps/web/overlays/prod
                serverUrl: https://kube.example.com:6443
                clusterCredentialsId: kube-prod
                namespace: web
                renderer: helm
                syncPolicy:
                  automated: true
                  prune: false
                  selfHeal: yes
                checkIntervalMinutes: 5
                agentLabel: linux && prod-network
                helm:
                  releaseName: web
                  valuesFiles: [apps/web/values.yaml, apps/web/values-prod.yaml]
                """);

        assertThat(errors).isEmpty();
        EnvironmentSettings settings = FileGenerator.settingsOf(values);
        assertThat(values).containsEntry("name", "web-prod");
        assertThat(settings.repositoryUrl()).isEqualTo("https://git.example.com/shop.git");
        assertThat(settings.path()).isEqualTo("apps/web/overlays/prod");
        assertThat(settings.namespace()).isEqualTo("web");
        assertThat(settings.renderer()).isEqualTo("helm");
        assertThat(settings.automated()).isTrue();
        assertThat(settings.prune()).isFalse();
        assertThat(settings.selfHeal()).isTrue();
        assertThat(settings.checkIntervalMinutes()).isEqualTo(5);
        assertThat(settings.agentLabel()).isEqualTo("linux && prod-network");
        assertThat(settings.helmValuesFiles()).containsExactly("apps/web/values.yaml", "apps/web/values-prod.yaml");
    }

    @Test
    void shouldReadJsonToo() {
        Map<String, Object> values = parse("{\"path\": \"apps/web\", \"syncPolicy\": {\"automated\": false}}");

        assertThat(errors).isEmpty();
        assertThat(FileGenerator.settingsOf(values).automated()).isFalse();
    }

    @Test
    void shouldNameAnUnknownKeyWithItsLineAndTheKeyMeant() {
        assertThat(parse("path: apps/web\nnamspace: web\n")).isNull();

        assertThat(messages()).containsExactly("environments/web.yaml:2: unknown key \"namspace\"; did you mean"
                + " \"namespace\"?; the keys are described in environment-declaration.schema.json");
    }

    @Test
    void shouldNameUnknownNestedKeys() {
        parse("path: apps/web\nsyncPolicy:\n  automated: true\n  selfheal: true\n");

        assertThat(messages()).singleElement().asString().startsWith("environments/web.yaml:4: unknown key"
                + " \"syncPolicy.selfheal\"; did you mean \"selfHeal\"?");
    }

    @Test
    void shouldNotSuggestAnUnrelatedKey() {
        parse("colour: blue\n");

        assertThat(messages()).singleElement().asString().doesNotContain("did you mean");
    }

    @Test
    void shouldNameWrongTypesWithTheirLine() {
        parse("""
                path: apps/web
                revision: 1.10
                syncPolicy:
                  automated: sometimes
                checkIntervalMinutes: five
                helm: [web]
                """);

        assertThat(messages()).containsExactly(
                "environments/web.yaml:2: \"revision\" must be text, not the number 1.10; put it in quotes: \"1.10\"",
                "environments/web.yaml:4: \"syncPolicy.automated\" must be true or false, not the text \"sometimes\"",
                "environments/web.yaml:5: \"checkIntervalMinutes\" must be a whole number written in decimal, not"
                        + " the text \"five\"",
                "environments/web.yaml:6: \"helm\" must be a mapping of keys to values, not a list");
    }

    @Test
    void shouldCheckEnumsPatternsAndBounds() {
        parse("""
                name: ../web
                renderer: kustomise
                namespace: Web_Prod
                checkIntervalMinutes: 0
                path: ""
                credentialsId: ""
                """);

        assertThat(messages()).containsExactly(
                "environments/web.yaml:1: \"name\" is \"../web\", which does not match ^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$",
                "environments/web.yaml:2: \"renderer\" is \"kustomise\"; it must be one of auto, plain, kustomize,"
                        + " helm; did you mean \"kustomize\"?",
                "environments/web.yaml:3: \"namespace\" is \"Web_Prod\", which does not match"
                        + " ^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$",
                "environments/web.yaml:4: \"checkIntervalMinutes\" is 0; the smallest allowed is 1",
                "environments/web.yaml:6: \"credentialsId\" is empty; give a value or remove the key");
    }

    @Test
    void shouldRefuseAnAgentLabelThatIsNotText() {
        parse("agentLabel: \"\"\n");
        parse("agentLabel: [linux]\n");

        assertThat(messages()).hasSize(2).allMatch(message -> message.startsWith("environments/web.yaml:1: \"agentLabel\""));
    }

    @Test
    void shouldNameAnEmptyValue() {
        parse("path:\n");

        assertThat(messages()).containsExactly(
                "environments/web.yaml:1: \"path\" must be text, not empty; give a value or remove the key");
    }

    @Test
    void shouldNameBothLinesOfADuplicateKey() {
        parse("path: apps/web\nnamespace: a\npath: apps/db\n");

        assertThat(messages()).containsExactly(
                "environments/web.yaml:3: \"path\" is set twice (first on line 1); remove one of them");
    }

    @Test
    void shouldNameTheLineOfMalformedYaml() {
        parse("path: apps/web\nnamespace: [web\nrevision: main\n");

        assertThat(messages()).singleElement().asString().startsWith("environments/web.yaml:")
                .contains("malformed YAML");
    }

    @Test
    void shouldRefuseSomethingThatIsNotAMapping() {
        parse("- path: apps/web\n");

        assertThat(messages()).containsExactly(
                "environments/web.yaml:1: the declaration must be a mapping of keys to values, not a list");
    }

    @Test
    void shouldRefuseAnEmptyFileAndSeveralDocuments() {
        parse("# nothing yet\n");
        parse("path: a\n---\npath: b\n");

        assertThat(messages()).hasSize(2);
        assertThat(messages().get(0)).isEqualTo("environments/web.yaml: is empty; declare the environment's"
                + " settings, or delete the file to remove the environment");
        assertThat(messages().get(1)).contains("malformed YAML").contains("single document");
    }

    @Test
    void shouldRefuseTagsThatCouldMeanObjects() {
        assertThat(parse("path: !!javax.script.ScriptEngineManager [x]\n")).isNull();
        assertThat(parse("path: !local apps/web\n")).isNull();

        assertThat(messages()).containsExactly("environments/web.yaml:1: malformed YAML (Global tag is not allowed:"
                + " tag:yaml.org,2002:javax.script.ScriptEngineManager); fix the syntax",
                "environments/web.yaml:1: \"path\" must be text, not the value apps/web (!local); remove the tag");
    }

    @Test
    void shouldStopABillionLaughsAtItsFirstAlias() {
        String bomb = """
                a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                path: *d
                """;

        assertThat(parse(bomb)).isNull();
        assertThat(messages()).singleElement().asString().contains("aliases");
    }

    @Test
    void shouldStopDeepNesting() {
        parse("path: " + "[".repeat(50) + "]".repeat(50) + "\n");

        assertThat(messages()).singleElement().asString().contains("Nesting Depth exceeded");
    }

    @Test
    void shouldRefuseAnOversizedFileWithoutReadingIt() {
        parse("# " + "x".repeat(DeclarationLimits.MAX_DECLARATION_BYTES) + "\npath: a\n");

        assertThat(messages()).singleElement().asString().startsWith("environments/web.yaml: is 65");
    }

    @Test
    void shouldSuggestTheClosestKey() {
        assertThat(DeclarationSchema.suggestion("Namespace", List.of("name", "namespace"))).contains("\"namespace\"");
        assertThat(DeclarationSchema.suggestion("repo", List.of("repository", "revision"))).isEmpty();
        assertThat(DeclarationSchema.suggestion("repositry", List.of("repository", "revision")))
                .contains("\"repository\"");
    }
}
