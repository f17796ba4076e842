package io.jenkins.plugins.gitops.engine.bench;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.diff.DriftDetector;
import io.jenkins.plugins.gitops.engine.health.HealthAssessor;
import io.jenkins.plugins.gitops.engine.render.ManifestRenderer;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.source.LocalDirectoryTree;
import io.jenkins.plugins.gitops.engine.sync.Reconciler;
import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.sync.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The reconcile engine next to {@code kubectl diff --server-side}, side by side in one run, on one real
 * kube-apiserver:
 *
 * <ol>
 *   <li><b>No-op reconcile</b> of an environment of 1,000 objects over 5 kinds: render the folder, read the
 *       live state, compute drift. The same folder through {@code kubectl diff --server-side}. Medians;
 *       the engine's requests are counted on the wire.</li>
 *   <li><b>One change</b> among the 1,000: the writes a sync sends.</li>
 *   <li><b>100 environments x 100 objects</b>, in a child JVM with {@code -Xmx256m}: a full drift pass;
 *       time and peak heap.</li>
 * </ol>
 * Prints {@code BENCH key=value} lines; run it with {@code engine/bench/run.sh}.
 */
public final class ReconcileBenchmark {

    private static final SyncPolicy POLICY = SyncPolicy.defaults().withWaitForHealth(false, Duration.ZERO);

    private ReconcileBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Paths.get(args.length > 0 ? args[0] : "target/bench").toAbsolutePath();
        String kubectl = args.length > 1 ? args[1] : "kubectl";
        String classpath = args.length > 2 ? args[2] : System.getProperty("java.class.path");
        int objects = Integer.getInteger("bench.objects", 1_000);
        int runs = Integer.getInteger("bench.runs", 5);
        Files.createDirectories(work);

        KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withApiServerVersion(System.getenv().getOrDefault("KUBE_API_TEST_API_SERVER_VERSION", "1.20.2"))
                .withApiServerFlag("--bind-address", "127.0.0.1")
                .build());
        server.start();
        try {
            Path kubeconfig = work.resolve("kubeconfig.yaml");
            Files.writeString(kubeconfig, server.getKubeConfigYaml(), StandardCharsets.UTF_8);
            try (ClusterConnection connection = ClusterConnection.fromKubeconfig(server.getKubeConfigYaml(), null)) {
                noOpAndOneChange(connection, work, kubeconfig, kubectl, objects, runs);
            }
            manyEnvironments(work, kubeconfig, classpath);
        } finally {
            server.stop();
        }
    }

    private static void noOpAndOneChange(ClusterConnection connection, Path work, Path kubeconfig, String kubectl,
            int objects, int runs) throws Exception {
        String namespace = "bench";
        connection.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                .endMetadata().build()).serverSideApply();
        Path folder = BenchEnvironment.write(work.resolve("env-1000"), objects, namespace, "v1");
        Reconciler reconciler = new Reconciler(connection, new HealthAssessor(), new DriftDetector(), Clock.systemUTC(),
                Duration.ofSeconds(1));
        Target target = new Target("bench/env-1000", namespace);

        SyncResult initial = reconciler.reconcile(render(folder), target, POLICY, Mode.SYNC, line -> { });
        require(initial.outcome() == Outcome.SYNCED, "initial sync: " + initial.outcome() + " " + initial.failure());

        for (int i = 0; i < 3; i++) { // warm up the JIT, as a long-running Jenkins is
            reconciler.reconcile(render(folder), target, POLICY, Mode.PREVIEW, line -> { });
        }
        List<Double> ours = new ArrayList<>();
        long requests = 0;
        long writes = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            SyncResult noOp = reconciler.reconcile(render(folder), target, POLICY, Mode.SYNC, line -> { });
            ours.add(seconds(System.nanoTime() - start));
            require(noOp.outcome() == Outcome.IN_SYNC, "no-op reconcile found changes: " + noOp.totals());
            requests = noOp.requests().total();
            writes = noOp.requests().writes();
        }

        List<Double> theirs = new ArrayList<>();
        String version = run(List.of(kubectl, "version", "--client"), null).lines().findFirst().orElse("?");
        for (int i = 0; i < Math.max(3, runs / 2); i++) {
            long start = System.nanoTime();
            String output = run(List.of(kubectl, "--kubeconfig", kubeconfig.toString(), "diff", "--server-side",
                    "--field-manager", "kubectl-bench", "--force-conflicts", "-f", folder.toString()), "diff");
            theirs.add(seconds(System.nanoTime() - start));
            String differences = output.lines().filter(line -> !line.contains("diffing without lock")).reduce("", (a, b) -> a + b + "\n");
            require(differences.isBlank(), "kubectl diff found differences: " + differences.lines().limit(20).toList());
        }

        BenchEnvironment.write(folder, objects, namespace, "v1");
        Files.writeString(folder.resolve("configmaps.yaml"), Files.readString(folder.resolve("configmaps.yaml"))
                .replaceFirst("hello v1", "hello v2"));
        SyncResult oneChange = reconciler.reconcile(render(folder), target, POLICY, Mode.SYNC, line -> { });
        require(oneChange.outcome() == Outcome.SYNCED, "one change: " + oneChange.outcome() + " " + oneChange.failure());

        // kubectl edit of one declared field: Git wins, in one write
        connection.client().configMaps().inNamespace(namespace).withName("obj-0").patch(new PatchContext.Builder()
                .withPatchType(PatchType.STRATEGIC_MERGE).withFieldManager("kubectl-edit").build(),
                "{\"data\":{\"greeting\":\"edited by hand\"}}");
        SyncResult takeover = reconciler.reconcile(render(folder), target, POLICY, Mode.SYNC, line -> { });
        require(takeover.outcome() == Outcome.SYNCED && takeover.entries().stream()
                .anyMatch(entry -> entry.message().startsWith("taken from kubectl-edit")),
                "takeover: " + takeover.outcome() + " " + takeover.failure());

        double ourMedian = median(ours);
        double theirMedian = median(theirs);
        System.out.println("kubectl used: " + kubectl + " (" + version + ")");
        System.out.printf(Locale.ROOT, "engine no-op reconcile runs (s): %s%n", ours);
        System.out.printf(Locale.ROOT, "kubectl diff --server-side runs (s): %s%n", theirs);
        bench("objects", objects);
        bench("kinds", BenchEnvironment.KINDS);
        bench("noop_engine_seconds", ourMedian);
        bench("noop_kubectl_diff_seconds", theirMedian);
        bench("noop_speedup_vs_kubectl_diff", theirMedian / ourMedian);
        bench("noop_requests", requests);
        bench("noop_writes", writes);
        bench("one_change_writes", oneChange.requests().writes());
        bench("one_change_configured", oneChange.count(io.jenkins.plugins.gitops.engine.sync.Action.CONFIGURED));
        bench("takeover_writes", takeover.requests().writes());
    }

    /** Runs {@link ManyEnvironmentsBenchmark} in a JVM of its own, limited to 256 MB of heap. */
    private static void manyEnvironments(Path work, Path kubeconfig, String classpath) throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m"));
        String logging = System.getProperty("java.util.logging.config.file");
        if (logging != null) {
            command.add("-Djava.util.logging.config.file=" + logging);
        }
        command.addAll(List.of("-cp", classpath, ManyEnvironmentsBenchmark.class.getName(), work.toString(),
                kubeconfig.toString()));
        Process child = new ProcessBuilder(command).inheritIO().start();
        require(child.waitFor(30, TimeUnit.MINUTES), "100x100 benchmark did not finish in 30 minutes");
        require(child.exitValue() == 0, "100x100 benchmark failed with exit code " + child.exitValue());
    }

    static List<KubeObject> render(Path folder) throws Exception {
        return ManifestRenderer.withDefaults().render(new LocalDirectoryTree(folder), "", RenderOptions.defaults()).objects();
    }

    private static String run(List<String> command, String allowedDiffExit) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        // kubectl diff exits 1 when it finds differences, which the caller checks through the output.
        if (exit != 0 && !(allowedDiffExit != null && exit == 1)) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ": " + output);
        }
        return output;
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static void bench(String name, double value) {
        System.out.printf(Locale.ROOT, "BENCH %s=%.3f%n", name, value);
    }

    static void bench(String name, long value) {
        System.out.printf(Locale.ROOT, "BENCH %s=%d%n", name, value);
    }
}
