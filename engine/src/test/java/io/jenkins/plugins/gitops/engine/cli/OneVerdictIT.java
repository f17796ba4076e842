package io.jenkins.plugins.gitops.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.pipeline.ClusterStep;
import io.jenkins.plugins.gitops.engine.pipeline.EnvironmentPipeline;
import io.jenkins.plugins.gitops.engine.pipeline.LoadedFiles;
import io.jenkins.plugins.gitops.engine.pipeline.PipelineRequest;
import io.jenkins.plugins.gitops.engine.pipeline.PipelineRun;
import io.jenkins.plugins.gitops.engine.pipeline.Verdict;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.source.LocalDirectoryTree;
import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Phase;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.ApiServerAccess;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestNamespace;
import io.jenkins.plugins.gitops.engine.view.SyncStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One verdict everywhere: the same scenarios, each run once through the command line (what a user types) and
 * once through the engine's pipeline the way the Jenkins plugin drives it (its own source and cluster steps, its
 * policy object), end with the same outcome, exit code, badge and build result. The plugin maps the verdict's
 * build result and badge one to one ({@code SyncRun.resultOf}, {@code EnvironmentStatus.of}).
 */
@ExtendWith(RealApiServer.class)
class OneVerdictIT {

    @TempDir
    Path temp;

    /** What a scenario does to the cluster and the folder before the run, and how the run is asked for. */
    record Scenario(String name, Consumer<TestEnvironment> setUp, String verb, List<String> flags, Mode mode,
            SyncPolicy policy, boolean limitedUser, Outcome outcome, int exitCode, SyncStatus badge,
            Verdict.BuildResult build) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static final SyncPolicy DEFAULTS = SyncPolicy.defaults().withWaitForHealth(false, Duration.ZERO);

    static Stream<Arguments> scenarios() {
        return Stream.of(
                new Scenario("in sync", env -> env.run("sync"), "diff", List.of(), Mode.PREVIEW, DEFAULTS, false,
                        Outcome.IN_SYNC, 0, SyncStatus.SYNCED, Verdict.BuildResult.SUCCESS),
                new Scenario("extra object, prune on: diff", OneVerdictIT::leaveAnExtraObject, "diff", List.of("--prune"),
                        Mode.PREVIEW, DEFAULTS.withPrune(true), false,
                        Outcome.OUT_OF_SYNC, 1, SyncStatus.OUT_OF_SYNC, Verdict.BuildResult.UNSTABLE),
                new Scenario("extra object, prune on: sync", OneVerdictIT::leaveAnExtraObject, "sync", List.of("--prune"),
                        Mode.SYNC, DEFAULTS.withPrune(true), false,
                        Outcome.SYNCED, 0, SyncStatus.SYNCED, Verdict.BuildResult.SUCCESS),
                new Scenario("extra object, prune off: diff", OneVerdictIT::leaveAnExtraObject, "diff", List.of(),
                        Mode.PREVIEW, DEFAULTS, false,
                        Outcome.OUT_OF_SYNC, 1, SyncStatus.OUT_OF_SYNC, Verdict.BuildResult.UNSTABLE),
                new Scenario("extra object, prune off: dry run", OneVerdictIT::leaveAnExtraObject, "sync",
                        List.of("--dry-run"), Mode.DRY_RUN, DEFAULTS, false,
                        Outcome.IN_SYNC, 0, SyncStatus.OUT_OF_SYNC, Verdict.BuildResult.SUCCESS),
                new Scenario("extra object, prune off: sync", OneVerdictIT::leaveAnExtraObject, "sync", List.of(),
                        Mode.SYNC, DEFAULTS, false,
                        Outcome.IN_SYNC, 0, SyncStatus.OUT_OF_SYNC, Verdict.BuildResult.SUCCESS),
                new Scenario("kubectl edit, Git wins", OneVerdictIT::editByHand, "sync", List.of(), Mode.SYNC, DEFAULTS,
                        false, Outcome.SYNCED, 0, SyncStatus.SYNCED, Verdict.BuildResult.SUCCESS),
                new Scenario("kubectl edit, conflicts kept", OneVerdictIT::editByHand, "sync",
                        List.of("--no-force-conflicts"), Mode.SYNC, DEFAULTS.withForceConflicts(false), false,
                        Outcome.CONFLICTS, 1, SyncStatus.OUT_OF_SYNC, Verdict.BuildResult.UNSTABLE),
                new Scenario("dry run of a first sync", env -> { }, "sync", List.of("--dry-run"), Mode.DRY_RUN, DEFAULTS,
                        false, Outcome.SYNCED, 0, SyncStatus.OUT_OF_SYNC, Verdict.BuildResult.SUCCESS),
                new Scenario("render failure", OneVerdictIT::breakAManifest, "sync", List.of(), Mode.SYNC, DEFAULTS, false,
                        Outcome.FAILED, 2, SyncStatus.ERROR, Verdict.BuildResult.FAILURE),
                new Scenario("RBAC denial", env -> { }, "sync", List.of(), Mode.SYNC, DEFAULTS, true,
                        Outcome.FAILED, 2, SyncStatus.ERROR, Verdict.BuildResult.FAILURE))
                .map(Arguments::of);
    }

    private static void leaveAnExtraObject(TestEnvironment env) {
        env.run("sync");
        try {
            Files.delete(env.folder().resolve("config.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void editByHand(TestEnvironment env) {
        env.run("sync");
        env.editAsKubectl(env.admin().apps().deployments().inNamespace(env.namespace()).withName("web"),
                "{\"spec\":{\"replicas\":5}}");
    }

    private static void breakAManifest(TestEnvironment env) {
        try {
            Files.writeString(env.folder().resolve("broken.yaml"), "kind: ConfigMap\nmetadata: [not, a, map\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldReachTheSameVerdictThroughTheCommandLineAndThroughThePluginsPath(Scenario scenario,
            ApiServerAccess access, TestNamespace namespace, KubernetesClient admin) throws IOException {
        TestEnvironment viaCommandLine = prepared(scenario, access, namespace, admin, "cli");
        String[] flags = scenario.flags().toArray(String[]::new);
        CliRun cli = scenario.limitedUser()
                ? viaCommandLine.runAs(limitedUserKubeconfig(access), scenario.verb(), flags)
                : viaCommandLine.run(scenario.verb(), flags);

        String secondName = admin.namespaces().resource(new NamespaceBuilder().withNewMetadata()
                .withGenerateName("gitops-test-").endMetadata().build()).create().getMetadata().getName();
        try (TestNamespace second = new TestNamespace(secondName, admin)) {
            TestEnvironment viaPlugin = prepared(scenario, access, second, admin, "plugin");
            PipelineRun run = pluginPath(viaPlugin, scenario, access);
            Verdict verdict = run.verdict();

            assertThat(verdict.outcome()).as("outcome; command line said: %s", cli).isEqualTo(scenario.outcome());
            assertThat(verdict.exitCode()).isEqualTo(scenario.exitCode());
            assertThat(cli.exitCode()).as("exit code of %s", cli).isEqualTo(scenario.exitCode());
            assertThat(verdict.syncStatus()).isEqualTo(scenario.badge());
            assertThat(verdict.buildResult()).isEqualTo(scenario.build());
            if (scenario.mode() == Mode.PREVIEW && verdict.syncStatus() == SyncStatus.OUT_OF_SYNC) {
                assertThat(cli.out()).as("the command line counts the same objects out of sync")
                        .contains("OutOfSync: " + verdict.outOfSyncObjects() + " of ");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void shouldAccountForTheWholeRunInItsPhasesFetchRenderAndReportIncluded(ApiServerAccess access,
            TestNamespace namespace, KubernetesClient admin) throws IOException {
        Scenario firstSync = new Scenario("first sync", env -> { }, "sync", List.of(), Mode.SYNC, DEFAULTS, false,
                Outcome.SYNCED, 0, SyncStatus.OUT_OF_SYNC, Verdict.BuildResult.SUCCESS);
        TestEnvironment environment = prepared(firstSync, access, namespace, admin, "phases");

        var summary = pluginPath(environment, firstSync, access).report().summary();

        assertThat(summary.phaseTimingsMs()).containsKeys(Phase.SOURCE, Phase.RENDER, Phase.RESOLVE, Phase.LIVE_STATE,
                Phase.DIFF, Phase.APPLY, Phase.PRUNE, Phase.HEALTH, Phase.REPORT);
        long phases = summary.phaseTimingsMs().values().stream().mapToLong(Long::longValue).sum();
        // each phase is rounded down to the millisecond on its own
        assertThat(summary.durationMs() - phases).isBetween(0L, (long) summary.phaseTimingsMs().size());
    }

    /** A kubeconfig for the user the API server knows by a token and lets do nothing but discovery. */
    private Path limitedUserKubeconfig(ApiServerAccess access) throws IOException {
        var config = access.limitedUserConfig();
        String ca = config.getCaCertData() != null ? config.getCaCertData()
                : Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(config.getCaCertFile())));
        return Files.writeString(temp.resolve("limited-kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: test
                  cluster: {server: "%s", certificate-authority-data: "%s"}
                users:
                - name: limited
                  user: {token: "%s"}
                contexts:
                - name: limited
                  context: {cluster: test, user: limited}
                current-context: limited
                """.formatted(config.getMasterUrl(), ca, access.limitedUserToken()));
    }

    private TestEnvironment prepared(Scenario scenario, ApiServerAccess access, TestNamespace namespace,
            KubernetesClient admin, String side) {
        TestEnvironment environment = new TestEnvironment(access, namespace, admin, temp.resolve(side), "cli/web");
        scenario.setUp().accept(environment);
        return environment;
    }

    /** The pipeline as the plugin's EnvironmentReconcile drives it: its own source step, a pooled-style session. */
    private static PipelineRun pluginPath(TestEnvironment environment, Scenario scenario, ApiServerAccess access)
            throws IOException {
        LoadedFiles files = new LoadedFiles(new LocalDirectoryTree(environment.folder()), "",
                environment.folder().toString(), null, null);
        PipelineRequest request = new PipelineRequest(environment.folder().getFileName().toString(), scenario.policy(),
                scenario.mode(), namespace -> RenderOptions.defaults(), List.of());
        ClusterStep cluster = () -> {
            ClusterConnection connection = scenario.limitedUser()
                    ? ClusterConnection.connect(access.limitedUserConfig())
                    : ClusterConnection.fromKubeconfig(access.kubeconfigYaml(), null);
            return new ClusterStep.Session() {
                @Override
                public ClusterConnection connection() {
                    return connection;
                }

                @Override
                public String namespace() {
                    return environment.namespace();
                }

                @Override
                public void close() {
                    connection.close();
                }
            };
        };
        return EnvironmentPipeline.withDefaults().run(request, listener -> files, cluster, line -> { }, warning -> { });
    }
}
