package io.jenkins.plugins.gitops.engine.report;

import static io.jenkins.plugins.gitops.engine.testing.Manifests.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.diff.DriftDetector;
import io.jenkins.plugins.gitops.engine.health.HealthAssessor;
import io.jenkins.plugins.gitops.engine.render.ManifestRenderer;
import io.jenkins.plugins.gitops.engine.render.RenderException;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.source.GitCredentials;
import io.jenkins.plugins.gitops.engine.source.GitSource;
import io.jenkins.plugins.gitops.engine.source.RepositoryCache;
import io.jenkins.plugins.gitops.engine.source.SourceException;
import io.jenkins.plugins.gitops.engine.source.SourceRequest;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.ChangeSetEntry;
import io.jenkins.plugins.gitops.engine.sync.Reconciler;
import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.sync.Target;
import io.jenkins.plugins.gitops.engine.testing.git.GitHttpTestServer;
import io.jenkins.plugins.gitops.engine.testing.git.GitSshTestServer;
import io.jenkins.plugins.gitops.engine.testing.git.TestGitRepo;
import io.jenkins.plugins.gitops.engine.testing.git.TestSshKeys;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.ApiServerAccess;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestNamespace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not one byte of a secret leaves the engine, on any path a value can take against a real API server and
 * real Git servers: create, drift by hand then preview and sync, conflicts, a changed value in Git, API
 * errors that echo what was sent, dry runs, waits, a render that fails on a secret value, Git over HTTP and
 * SSH with right and wrong credentials, a cluster token the server accepts and one it refuses.
 *
 * <p>Values are planted in a Secret ({@code stringData}, {@code data}, one with quotes and a backslash), in
 * environment variables named {@code DB_PASSWORD} and {@code API_TOKEN}, in Git credentials (an HTTP
 * password, an SSH key's passphrase, the key itself, a token in the URL's query string) and in cluster
 * tokens. Every listener line, every report (as JSON), every result, every exception (message and stack
 * trace) and every java.util.logging record (engine, JGit and Apache MINA SSHD at every level, fabric8 up to
 * FINE) is searched for them: as written, in base64 and JSON-escaped.
 *
 * <p>Not searched: fabric8's HTTP trace (FINEST on {@code io.fabric8.kubernetes.client.http}), which logs
 * request headers and bodies by design; {@code docs/security.md} says never to switch it on.
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

    private static final String WITH_QUOTE_AND_BACKSLASH = "planted-\"Quote\\Slash-5150";
    private static final String IN_BAD_TAGGED = "planted-NotANumber-8086ab";
    private static final String GIT_PASSWORD = "planted-GitPass-4410";
    private static final String WRONG_GIT_PASSWORD = "planted-WrongGitPass-7781";
    private static final String SSH_PASSPHRASE = "planted-SshPhrase-2323";
    private static final String WRONG_SSH_PASSPHRASE = "planted-WrongSshPhrase-6464";
    private static final String REFUSED_CLUSTER_TOKEN = "planted-ClusterToken-3141";
    private static final String QUERY_TOKEN = "planted-QueryToken-2718";

    private static final List<String> PLANTED = List.of(IN_STRING_DATA, IN_DATA, IN_DB_PASSWORD, IN_API_TOKEN,
            NEW_DB_PASSWORD, BAD_KEY_VALUE, BY_HAND_ENV, BY_HAND_SECRET, WITH_QUOTE_AND_BACKSLASH, IN_BAD_TAGGED,
            GIT_PASSWORD, WRONG_GIT_PASSWORD, SSH_PASSPHRASE, WRONG_SSH_PASSPHRASE, REFUSED_CLUSTER_TOKEN, QUERY_TOKEN);

    /** Loggers raised to see everything they would tell an operator; fabric8 stops short of its HTTP trace. */
    private static final Map<String, Level> LOGGERS = Map.of("io.jenkins.plugins.gitops", Level.ALL,
            "org.eclipse.jgit", Level.ALL, "org.apache.sshd", Level.ALL, "io.fabric8", Level.FINE);

    @TempDir
    Path temp;

    private ClusterConnection connection;
    private KubernetesClient admin;
    private ApiServerAccess access;
    private String namespace;
    private final List<String> console = new ArrayList<>();
    private final List<String> reports = new ArrayList<>();
    private final List<SyncResult> results = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> logs = Collections.synchronizedList(new ArrayList<>());
    /** Secrets known only once the test runs: a generated private key, a token the API server issued. */
    private final List<String> generated = new ArrayList<>();
    private final Map<String, Level> previousLevels = new HashMap<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringWriter text = new StringWriter();
            text.append(record.getLevel().getName()).append(' ').append(record.getLoggerName()).append(": ")
                    .append(new java.util.logging.SimpleFormatter().formatMessage(record));
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(text));
            }
            logs.add(text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void connect(ClusterConnection engineConnection, TestNamespace testNamespace, KubernetesClient client,
            ApiServerAccess serverAccess) {
        connection = engineConnection;
        admin = client;
        access = serverAccess;
        namespace = testNamespace.name();
    }

    /**
     * The loggers whose levels this test sets, held: java.util.logging keeps loggers weakly, and a logger collected
     * mid-test comes back at the default level (INFO), which would drop the FINE records this test searches.
     */
    private final List<Logger> configuredLoggers = new ArrayList<>();

    @BeforeEach
    void captureEveryLogRecord() {
        LOGGERS.forEach((name, level) -> {
            Logger logger = Logger.getLogger(name);
            configuredLoggers.add(logger);
            previousLevels.put(name, logger.getLevel());
            logger.setLevel(level);
        });
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
        previousLevels.forEach((name, level) -> Logger.getLogger(name).setLevel(level));
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
        SyncResult conflict = reconcile(app(IN_DB_PASSWORD), NO_WAIT.withForceConflicts(false), Mode.SYNC);
        SyncResult forced = reconcile(app(IN_DB_PASSWORD), NO_WAIT, Mode.SYNC);

        assertThat(preview.entries()).extracting(ChangeSetEntry::action).containsOnly(Action.CONFIGURED);
        assertThat(entryOf(preview, "web").changedPaths())
                .containsExactly(".spec.template.spec.containers[name=main].env[name=DB_PASSWORD].value");
        assertThat(conflict.outcome()).isEqualTo(Outcome.CONFLICTS);
        assertThat(forced.outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(entryOf(forced, "web").message()).as("the takeover is named, its values redacted")
                .contains("taken from").contains("env[name=DB_PASSWORD].value (redacted sha256:");
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

    @Test
    void shouldHideGitCredentialsAndSecretsFromGitThroughRenderSyncAndFailedFetches() throws Exception {
        TestSshKeys key = TestSshKeys.generate(SSH_PASSPHRASE);
        generated.addAll(key.privateKey().lines().filter(line -> line.length() > 20 && !line.startsWith("-----")).toList());
        try (TestGitRepo origin = TestGitRepo.in(temp.resolve("origin"));
                GitHttpTestServer http = GitHttpTestServer.start().requireBasicAuth("ci-bot", GIT_PASSWORD);
                GitSshTestServer ssh = GitSshTestServer.start().authorize("git", key.keyPair().getPublic());
                RepositoryCache cache = new RepositoryCache(temp.resolve("cache"))) {
            origin.write("apps/web/app.yaml", appYaml(IN_DB_PASSWORD)).commit("Add web");
            String httpUrl = http.serve("shop", origin.repository());
            String sshUrl = ssh.serve("shop", origin.repository());
            GitSource source = new GitSource(cache, Duration.ofSeconds(20));

            SourceSnapshot snapshot = source.fetch(new SourceRequest(httpUrl,
                    GitCredentials.usernamePassword("ci-bot", GIT_PASSWORD.toCharArray()), "main", "apps/web"));
            List<KubeObject> rendered = ManifestRenderer.withDefaults().render(snapshot, "apps/web",
                    RenderOptions.defaults()).objects();
            SyncResult synced = reconcile(rendered, NO_WAIT, Mode.SYNC);
            source.fetch(new SourceRequest(sshUrl, GitCredentials.SshKey.withKnownHosts("git", key.privateKey(),
                    SSH_PASSPHRASE.toCharArray(), ssh.knownHostsLine()), "main", "apps/web"));
            failFetch(source, new SourceRequest(httpUrl,
                    GitCredentials.usernamePassword("ci-bot", WRONG_GIT_PASSWORD.toCharArray()), "main", "apps/web"));
            failFetch(source, new SourceRequest(httpUrl,
                    GitCredentials.usernamePassword("ci-bot", WRONG_GIT_PASSWORD.toCharArray()), snapshot.commit().sha(), ""));
            failFetch(source, new SourceRequest(sshUrl, GitCredentials.SshKey.withKnownHosts("git", key.privateKey(),
                    WRONG_SSH_PASSPHRASE.toCharArray(), ssh.knownHostsLine()), "main", ""));
            failFetch(source, SourceRequest.anonymous(httpUrl + "?access_token=" + QUERY_TOKEN, "main", ""));

            assertThat(synced.outcome()).isEqualTo(Outcome.SYNCED);
            assertThat(failures).hasSize(4);
            assertThat(logs).as("the engine's and JGit's log records were captured")
                    .anyMatch(line -> line.contains("io.jenkins.plugins.gitops"))
                    .anyMatch(line -> line.contains("org.eclipse.jgit"));
        }
        assertNoSecretShown();
    }

    @Test
    void shouldHideASecretValueThatARenderErrorWouldQuote() throws Exception {
        try (TestGitRepo origin = TestGitRepo.in(temp.resolve("origin"));
                RepositoryCache cache = new RepositoryCache(temp.resolve("cache"))) {
            origin.write("apps/web/secret.yaml", """
                    apiVersion: v1
                    kind: Secret
                    metadata:
                      name: tagged
                    stringData:
                      pin: !!int "%s"
                    """.formatted(IN_BAD_TAGGED)).commit("A value that is not a number");
            SourceSnapshot snapshot = new GitSource(cache).fetch(SourceRequest.anonymous(origin.url(), "main", "apps/web"));

            try {
                ManifestRenderer.withDefaults().render(snapshot, "apps/web", RenderOptions.defaults());
            } catch (RenderException e) {
                failures.add(stackTrace(e));
                e.problems().forEach(problem -> failures.add(problem.toString()));
            }
        }

        assertThat(failures).anySatisfy(failure -> assertThat(failure)
                .contains("apps/web/secret.yaml:6: cannot decode a !!str value of 25 characters as a !!int"));
        assertNoSecretShown();
    }

    @Test
    void shouldHideATokenTheApiServerAcceptsAndOneItRefuses() {
        String account = "sweeper-" + namespace;
        admin.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder().withNewMetadata()
                .withName(account).endMetadata().build()).create();
        admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(account)
                .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "cluster-admin")
                .addNewSubject().withKind("ServiceAccount").withName(account).withNamespace(namespace).endSubject()
                .build()).create();
        try {
            String issued = admin.serviceAccounts().inNamespace(namespace).withName(account)
                    .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(600L).endSpec().build())
                    .getStatus().getToken();
            generated.add(issued);

            SyncResult accepted;
            try (ClusterConnection withToken = ClusterConnection.connect(tokenConfig(issued))) {
                accepted = reconcile(withToken, app(IN_DB_PASSWORD), NO_WAIT, Mode.SYNC);
            }
            SyncResult refused;
            try (ClusterConnection withToken = ClusterConnection.connect(tokenConfig(REFUSED_CLUSTER_TOKEN))) {
                refused = reconcile(withToken, app(NEW_DB_PASSWORD), NO_WAIT, Mode.SYNC);
            }

            assertThat(accepted.outcome()).as(accepted.failure()).isEqualTo(Outcome.SYNCED);
            assertThat(refused.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(refused.failure()).containsIgnoringCase("unauthorized");
        } finally {
            admin.rbac().clusterRoleBindings().withName(account).delete();
        }
        assertNoSecretShown();
    }

    /**
     * Every listener line, report (as JSON), result, exception and log record, searched for every planted and
     * generated secret.
     */
    private void assertNoSecretShown() {
        String everything = String.join("\n", console) + "\n" + String.join("\n", reports) + "\n" + results
                + "\n" + String.join("\n", failures) + "\n" + String.join("\n", List.copyOf(logs));
        List<String> secrets = new ArrayList<>(PLANTED);
        secrets.addAll(generated);
        for (String value : secrets) {
            for (String spelling : spellings(value)) {
                assertThat(everything).as("%s, spelled %s", value, spelling).doesNotContain(spelling);
            }
        }
    }

    private void failFetch(GitSource source, SourceRequest request) {
        try {
            source.fetch(request);
            throw new AssertionError("fetch with wrong credentials succeeded: " + request);
        } catch (SourceException e) {
            failures.add(stackTrace(e));
        }
    }

    private Config tokenConfig(String token) {
        // The admin's kubeconfig without its client certificate: the token is the only credential.
        return new ConfigBuilder(Config.fromKubeconfig(access.kubeconfigYaml())).withClientCertData(null)
                .withClientKeyData(null).withClientCertFile(null).withClientKeyFile(null).withOauthToken(token).build();
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private SyncResult reconcile(List<KubeObject> desired, SyncPolicy policy, Mode mode) {
        return reconcile(connection, desired, policy, mode);
    }

    private SyncResult reconcile(ClusterConnection connection, List<KubeObject> desired, SyncPolicy policy, Mode mode) {
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
        return parse("app.yaml", appYaml(dbPassword));
    }

    private static String appYaml(String dbPassword) {
        return """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                type: Opaque
                stringData:
                  string-key: "%s"
                  quoted-key: '%s'
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
                """.formatted(IN_STRING_DATA, WITH_QUOTE_AND_BACKSLASH, base64(IN_DATA), dbPassword, IN_API_TOKEN);
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
        return List.of(value, base64, base64.replace("=", ""), Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                jsonEscaped(value));
    }

    private static String jsonEscaped(String value) {
        try {
            String quoted = new ObjectMapper().writeValueAsString(value);
            return quoted.substring(1, quoted.length() - 1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
