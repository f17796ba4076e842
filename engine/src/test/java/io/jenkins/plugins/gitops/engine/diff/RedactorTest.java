package io.jenkins.plugins.gitops.engine.diff;

import static io.jenkins.plugins.gitops.engine.diff.Manifests.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.resource.Origin;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private static final String DB_PASSWORD = "s3cr3t-db-Pa55";
    private static final String API_TOKEN = "tok-7f3a9c1e";

    private static KubeObject object(String yaml) {
        return new KubeObject(yaml(yaml), Origin.of("test.yaml"));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Redactor redactorOf(String... yaml) {
        return Redactor.from(Arrays.stream(yaml).map(RedactorTest::object).toList(), RedactionRules.defaults());
    }

    private static final String SECRET = """
            apiVersion: v1
            kind: Secret
            metadata: {name: db}
            data:
              password: %s
            stringData:
              token: %s
            """.formatted(base64(DB_PASSWORD), API_TOKEN);

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              template:
                spec:
                  initContainers:
                    - name: migrate
                      env:
                        - {name: DB_PASSWORD, value: "%s"}
                  containers:
                    - name: web
                      env:
                        - {name: API_TOKEN, value: "%s"}
                        - {name: GREETING, value: "hello world"}
                        - name: FROM_SECRET_KEY
                          valueFrom: {secretKeyRef: {name: db, key: password}}
            """.formatted(DB_PASSWORD, API_TOKEN);

    @Test
    void shouldRedactSecretDataDecodedAndStringData() {
        Redactor redactor = redactorOf(SECRET);

        assertThat(redactor.redact("Secret \"db\" is invalid: " + DB_PASSWORD + " and " + API_TOKEN))
                .isEqualTo("Secret \"db\" is invalid: (redacted) and (redacted)");
    }

    @Test
    void shouldRedactBase64Spellings() {
        Redactor redactor = redactorOf(SECRET);
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(DB_PASSWORD.getBytes(StandardCharsets.UTF_8));

        assertThat(redactor.redact("data: " + base64(DB_PASSWORD))).isEqualTo("data: (redacted)");
        assertThat(redactor.redact("token=" + base64(API_TOKEN))).isEqualTo("token=(redacted)");
        assertThat(redactor.redact(urlSafe)).doesNotContain(urlSafe);
    }

    @Test
    void shouldRedactAValueInsideALongerBase64TextAtEveryAlignment() {
        Redactor redactor = redactorOf(SECRET);
        for (String prefix : List.of("", "u", "us", "user:", "user1:")) {
            String blob = base64(prefix + DB_PASSWORD + "@registry.example.com");

            String redacted = redactor.redact("auth: " + blob);

            assertThat(redacted).as("prefix %s", prefix).contains("(redacted)");
            assertThat(Base64.getDecoder().decode(blob)).asString().contains(DB_PASSWORD);
            // what is left can no longer be decoded into the whole value
            assertThat(redacted).doesNotContain(blob);
        }
    }

    @Test
    void shouldRedactEnvValuesWhoseNamesAreSensitiveInEveryContainerList() {
        Redactor redactor = redactorOf(DEPLOYMENT);

        assertThat(redactor.redact("migrate failed: " + DB_PASSWORD)).isEqualTo("migrate failed: (redacted)");
        assertThat(redactor.redact("bearer " + API_TOKEN)).isEqualTo("bearer (redacted)");
        assertThat(redactor.redact("hello world")).as("GREETING is not sensitive").isEqualTo("hello world");
    }

    @Test
    void shouldFollowTheConfiguredRules() {
        Redactor greetingsOnly = Redactor.from(List.of(object(DEPLOYMENT)), RedactionRules.parse("GREETING"));

        assertThat(greetingsOnly.redact("hello world / " + API_TOKEN)).isEqualTo("(redacted) / " + API_TOKEN);
    }

    @Test
    void shouldIgnoreValuesShorterThanFourCharacters() {
        Redactor redactor = redactorOf("""
                apiVersion: v1
                kind: Secret
                metadata: {name: flags}
                data: {enabled: %s}
                stringData: {replicas: "3", mode: abc}
                """.formatted(base64("yes")));

        assertThat(redactor.isEmpty()).isTrue();
        assertThat(redactor.redact("3 replicas, abc mode, enabled: yes " + base64("yes"))).doesNotContain("(redacted)");
    }

    @Test
    void shouldRedactTheLongerOfTwoOverlappingValuesWhole() {
        Redactor redactor = redactorOf("""
                apiVersion: v1
                kind: Secret
                metadata: {name: two}
                stringData: {short: hunter2, long: hunter2-and-more}
                """);

        assertThat(redactor.redact("was hunter2-and-more")).isEqualTo("was (redacted)");
    }

    @Test
    void shouldHideEveryCharacterOfValuesThatOverlapInTheText() {
        Redactor redactor = redactorOf("""
                apiVersion: v1
                kind: Secret
                metadata: {name: two}
                stringData: {first: abcd-1234, second: 1234-wxyz}
                """);

        assertThat(redactor.redact("[abcd-1234-wxyz]")).isEqualTo("[(redacted)]");
        assertThat(redactor.redact("abcd-1234 1234-wxyz")).isEqualTo("(redacted) (redacted)");
    }

    @Test
    void shouldStayFastWithManySecretsAndManyLines() {
        StringBuilder secrets = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            secrets.append("""
                    apiVersion: v1
                    kind: Secret
                    metadata: {name: s%1$d}
                    stringData: {user: user-%1$d-name, password: pass-%1$d-word, url: "https://u:pass-%1$d-word@db/x"}
                    ---
                    """.formatted(i));
        }
        List<KubeObject> objects = new ArrayList<>();
        for (String document : secrets.toString().split("---\n")) {
            objects.add(object(document));
        }
        Redactor redactor = Redactor.from(objects, RedactionRules.defaults());
        String line = "Deployment/shop/web-42 configured (Progressing): Waiting for rollout to finish: 1 of 3 updated";

        long started = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            assertThat(redactor.redact(line)).isSameAs(line);
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(elapsedMs).as("10,000 lines against 3,000 values").isLessThan(2_000);
        assertThat(redactor.redact("login pass-999-word")).isEqualTo("login (redacted)");
    }

    @Test
    void shouldRedactJsonEscapedSpellings() {
        String quoted = "pa\"ss\\word";
        Redactor redactor = Redactor.from(List.of(new KubeObject(yaml("{apiVersion: v1, kind: Secret, metadata: {name: q}}")
                .put("kind", "Secret").set("stringData", yaml("{p: x}").put("p", quoted)), Origin.of("q.yaml"))),
                RedactionRules.defaults());

        assertThat(redactor.redact("{\"p\":\"pa\\\"ss\\\\word\"}")).isEqualTo("{\"p\":\"(redacted)\"}");
    }

    @Test
    void shouldRedactEachLongLineOfAMultiLineValue() {
        String key = "-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END KEY-----\n";
        Redactor redactor = Redactor.from(List.of(new KubeObject(yaml("{apiVersion: v1, kind: Secret, metadata: {name: k}}")
                .set("stringData", yaml("{k: x}").put("tls.key", key)), Origin.of("k.yaml"))), RedactionRules.defaults());

        String indentedInADiff = "+  tls.key: |\n+    -----BEGIN KEY-----\n+    MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n";

        assertThat(redactor.redact(indentedInADiff)).doesNotContain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC");
        assertThat(redactor.redact(key.strip() + " was refused")).isEqualTo("(redacted) was refused");
    }

    @Test
    void shouldNotCollectValuesFromOtherKindsThanSecretsOrFromValueFrom() {
        Redactor redactor = redactorOf("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                data: {password: visible-in-a-config-map}
                """, DEPLOYMENT);

        assertThat(redactor.redact("visible-in-a-config-map secretKeyRef db password"))
                .isEqualTo("visible-in-a-config-map secretKeyRef db password");
    }

    @Test
    void shouldLeaveTextAloneWithoutSecretsAndNeverShowValuesInItsOwnText() {
        assertThat(Redactor.none().redact("anything")).isEqualTo("anything");
        assertThat(Redactor.none().redact(null)).isNull();
        assertThat(redactorOf(SECRET).toString()).doesNotContain(DB_PASSWORD).doesNotContain(API_TOKEN);
    }
}
