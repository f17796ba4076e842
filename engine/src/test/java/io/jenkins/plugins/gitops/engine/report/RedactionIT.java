package io.jenkins.plugins.gitops.engine.report;

import static io.jenkins.plugins.gitops.engine.testing.Manifests.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.diff.DriftDetector;
import io.jenkins.plugins.gitops.engine.health.HealthAssessor;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.ChangeSetEntry;
import io.jenkins.plugins.gitops.engine.sync.Reconciler;
import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.sync.Target;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestNamespace;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Not one byte of a secret value leaves a reconcile, on any path a value can take against a real API
 * server: create, drift by hand then preview and sync, conflicts, a changed value in Git, API errors that
 * echo what was sent, dry runs, waits. Values are planted in a Secret ({@code stringData} and
 * {@code data}) and in environment variables named {@code DB_PASSWORD} and {@code API_TOKEN}; every
 * listener line, every report (as JSON) and every result is searched for them, as written and in base64.
 */
@ExtendWith(RealApiServer.class)
class RedactionIT {

    private static final String IN_STRING_DATA = "planted-StringData-4821";
    private static final String IN_DATA = "planted-Data-7735";
    private static final String IN_DB_PASSWORD = "planted-DbPass-5531";
    private static final String IN_API_TOKEN = "planted-ApiTok-9902";
    private static final String NEW_DB_PASSWORD = "planted-DbPass-New-6610";
    private static final String BAD_KEY_VALUE = "planted-BadKey-Value-2207";
    private static final String BY_HAND_ENV = "byhand-DbPass-1144";
    private static final String BY_HAND_SECRET = "byhand-Secret-3390";

    private static final List<String> PLANTED = List.of(IN_STRING_DATA, IN_DATA, IN_DB_PASSWORD, IN_API_TOKEN,
            NEW_DB_PASSWORD, BAD_KEY_VALUE, BY_HAND_ENV, BY_HAND_SECRET);


    private ClusterConnection connection;
    private KubernetesClient admin;
    private String namespace;
    private final List<String> console = new ArrayList<>();
    private final List<String> reports = new ArrayList<>();
    private final List<SyncResult> results = new ArrayList<>();

    @BeforeEach
    void connect(ClusterConnection engineConnection, TestNamespace testNamespace, KubernetesClient client) {
        connection = engineConnection;
        admin = client;
        namespace = testNamespace.name();
    }

    private static final SyncPolicy NO_WAIT = SyncPolicy.defaults().withWaitForHealth(false, Duration.ZERO);

    @Test
    void shouldHideSecretsWhenPreviewingDryRunningAndCreating() {
        assertThat(reconcile(app(IN_DB_PASSWORD), NO_WAIT, Mode.PREVIEW).outcome()).isEqualTo(Outcome.OUT_OF_SYNC);
        assertThat(reconcile(app(IN_DB_PASSWORD), NO_WAIT, Mode.DRY_RUN).count(Action.CREATED)).isEqualTo(2);
        assertThat(reconcile(app(IN_DB_PASSWORD), NO_WAIT, Mode.SYNC).outcome()).isEqualTo(Outcome.SYNCED);

        assertNoSecretShown();
    }

    @Test
    void shouldHideSecretsAndValuesChangedByHandInPreviewsAndConflicts() {
        reconcile(app(IN_DB_PASSWORD), NO_WAIT, Mode.SYNC);
        admin.apps().deployments().inNamespace(namespace).withName("web").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().replaceAll(env ->
                    env.getName().equals("DB_PASSWORD") ? new EnvVar("DB_PASSWORD", BY_HAND_ENV, null) : env);
            return d;
        });
        admin.secrets().inNamespace(namespace).withName("db").edit(s -> {
            s.getData().put("data-key", base64(BY_HAND_SECRET));
            return s;
        });

        SyncResult preview = reconcile(app(IN_DB_PASSWORD), NO_WAIT, Mode.PREVIEW);
        SyncResult conflict = reconcile(app(IN_DB_PASSWORD), NO_WAIT, Mode.SYNC);
        SyncResult forced = reconcile(app(IN_DB_PASSWORD), NO_WAIT.withForceConflicts(true), Mode.SYNC);

        assertThat(preview.entries()).extracting(ChangeSetEntry::action).containsOnly(Action.CONFIGURED);
        assertThat(entryOf(preview, "web").changedPaths())
                .containsExactly(".spec.template.spec.containers[name=main].env[name=DB_PASSWORD].value");
        assertThat(conflict.outcome()).isEqualTo(Outcome.CONFLICTS);
        assertThat(forced.outcome()).isEqualTo(Outcome.SYNCED);
        assertNoSecretShown();
    }

    @Test
    void shouldHideSecretsWhenGitChangesAValue() {
        reconcile(app(IN_DB_PASSWORD), NO_WAIT, Mode.SYNC);

        reconcile(app(NEW_DB_PASSWORD), NO_WAIT, Mode.PREVIEW);
        reconcile(app(NEW_DB_PASSWORD), NO_WAIT, Mode.DRY_RUN);
        SyncResult changed = reconcile(app(NEW_DB_PASSWORD), NO_WAIT, Mode.SYNC);

        assertThat(actionOf(changed, "web")).isEqualTo(Action.CONFIGURED);
        assertThat(entryOf(changed, "web").diff()).contains("(redacted sha256:");
        assertNoSecretShown();
    }

    @Test
    void shouldRedactSecretsThatTheApiServerQuotesInAnError() {
        SyncResult refusedDryRun = reconcile(withBadSecret(app(IN_DB_PASSWORD)), NO_WAIT, Mode.DRY_RUN);
        SyncResult refused = reconcile(withBadSecret(app(IN_DB_PASSWORD)), NO_WAIT, Mode.SYNC);

        assertThat(refused.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(refused.failure()).as("the server quoted the key, which holds a secret value: it was redacted")
                .contains("bad key! (redacted)");
        assertThat(refusedDryRun.failure()).contains("bad key! (redacted)");
        assertNoSecretShown();
    }

    @Test
    void shouldHideSecretsWhileWaitingForHealth() {
        // No controller runs here, so the Deployment never becomes available and the wait times out.
        SyncResult result = reconcile(app(IN_DB_PASSWORD), NO_WAIT.withWaitForHealth(true, Duration.ofSeconds(2)),
                Mode.SYNC);

        assertThat(result.outcome()).isEqualTo(Outcome.UNHEALTHY);
        assertThat(console).anyMatch(line -> line.startsWith("Waiting for"));
        assertNoSecretShown();
    }

    /** Every listener line, every report as JSON and every result, searched for every planted value. */
    private void assertNoSecretShown() {
        String everything = String.join("\n", console) + "\n" + String.join("\n", reports) + "\n" + results;
        for (String value : PLANTED) {
            for (String spelling : spellings(value)) {
                assertThat(everything).as("%s, spelled %s", value, spelling).doesNotContain(spelling);
            }
        }
    }

    private SyncResult reconcile(List<KubeObject> desired, SyncPolicy policy, Mode mode) {
        Instant start = Instant.now();
        SyncResult result = new Reconciler(connection, new HealthAssessor(), new DriftDetector(), Clock.systemUTC(),
                Duration.ofMillis(200)).reconcile(desired, new Target("redaction-" + namespace, namespace), policy, mode,
                console::add);
        results.add(result);
        SyncReport report = SyncReport.of(result, new ReportContext("redaction-" + namespace, connection.serverUrl(),
                namespace, "/work/config", "", null, null, policy, start, Instant.now()));
        reports.add(new String(ReportJsonTest.json(report), StandardCharsets.UTF_8));
        return result;
    }

    private List<KubeObject> app(String dbPassword) {
        return parse("app.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                type: Opaque
                stringData:
                  string-key: "%s"
                data:
                  data-key: "%s"
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                        - name: main
                          image: nginx:1.25
                          env:
                            - {name: DB_PASSWORD, value: "%s"}
                            - {name: API_TOKEN, value: "%s"}
                            - {name: GREETING, value: "hello"}
                """.formatted(IN_STRING_DATA, base64(IN_DATA), dbPassword, IN_API_TOKEN));
    }

    /** A Secret whose key the API server refuses, and quotes in its answer; the key holds a secret value. */
    private static List<KubeObject> withBadSecret(List<KubeObject> app) {
        List<KubeObject> objects = new ArrayList<>(parse("bad.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: a-bad
                type: Opaque
                stringData:
                  "bad key! %s": "%s"
                """.formatted(IN_API_TOKEN, BAD_KEY_VALUE)));
        objects.addAll(app);
        return objects;
    }

    private static ChangeSetEntry entryOf(SyncResult result, String name) {
        return result.entries().stream().filter(e -> e.ref().name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + result.entries()));
    }

    private static Action actionOf(SyncResult result, String name) {
        return entryOf(result, name).action();
    }

    private static List<String> spellings(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        String base64 = Base64.getEncoder().encodeToString(bytes);
        return List.of(value, base64, base64.replace("=", ""), Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
