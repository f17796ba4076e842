package io.jenkins.plugins.gitops.engine.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.diff.DriftDetector;
import io.jenkins.plugins.gitops.engine.health.HealthAssessor;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.sync.Reconciler;
import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.sync.Target;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * 100 environments of 100 objects each, one cluster connection, in a JVM started with {@code -Xmx256m}:
 * sync them all, then time one full drift pass over all of them (four at a time, as the plugin's
 * reconciler checks a bounded number of environments at once) and report the peak heap of the pass.
 */
public final class ManyEnvironmentsBenchmark {

    private static final int ENVIRONMENTS = Integer.getInteger("bench.environments", 100);
    private static final int OBJECTS = Integer.getInteger("bench.objectsPerEnvironment", 100);
    private static final int PARALLEL = 4;
    private static final SyncPolicy POLICY = SyncPolicy.defaults().withWaitForHealth(false, Duration.ZERO);

    private ManyEnvironmentsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Paths.get(args[0]);
        String kubeconfig = Files.readString(Paths.get(args[1]));
        try (ClusterConnection connection = ClusterConnection.fromKubeconfig(kubeconfig, null)) {
            Reconciler reconciler = new Reconciler(connection, new HealthAssessor(), new DriftDetector(),
                    Clock.systemUTC(), Duration.ofSeconds(1));
            List<Path> folders = new ArrayList<>();
            for (int i = 0; i < ENVIRONMENTS; i++) {
                String namespace = "env-" + i;
                connection.client().namespaces().resource(new NamespaceBuilder().withNewMetadata()
                        .withName(namespace).endMetadata().build()).serverSideApply();
                folders.add(BenchEnvironment.write(work.resolve("envs/" + namespace), OBJECTS, namespace, "v1"));
            }
            long setup = System.nanoTime();
            runAll(reconciler, folders, Mode.SYNC, Outcome.SYNCED);
            System.out.printf("synced %d environments x %d objects in %.1f s%n", ENVIRONMENTS, OBJECTS,
                    ReconcileBenchmark.seconds(System.nanoTime() - setup));

            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            runAll(reconciler, folders, Mode.PREVIEW, Outcome.IN_SYNC);
            double seconds = ReconcileBenchmark.seconds(System.nanoTime() - start);
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP)
                    .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            ReconcileBenchmark.bench("envs100x100_environments", ENVIRONMENTS);
            ReconcileBenchmark.bench("envs100x100_objects", (long) ENVIRONMENTS * OBJECTS);
            ReconcileBenchmark.bench("envs100x100_seconds", seconds);
            ReconcileBenchmark.bench("envs100x100_peak_heap_mb", peak / (1024.0 * 1024.0));
            ReconcileBenchmark.bench("envs100x100_max_heap_mb", Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0));
        }
    }

    private static void runAll(Reconciler reconciler, List<Path> folders, Mode mode, Outcome expected) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<SyncResult>> results = new ArrayList<>();
            for (Path folder : folders) {
                String namespace = folder.getFileName().toString();
                results.add(pool.submit(() -> {
                    List<KubeObject> desired = ReconcileBenchmark.render(folder);
                    return reconciler.reconcile(desired, new Target("bench/" + namespace, namespace), POLICY, mode,
                            line -> { });
                }));
            }
            for (Future<SyncResult> result : results) {
                SyncResult done = result.get();
                ReconcileBenchmark.require(done.outcome() == expected,
                        mode + " ended " + done.outcome() + " instead of " + expected + ": " + done.failure());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
