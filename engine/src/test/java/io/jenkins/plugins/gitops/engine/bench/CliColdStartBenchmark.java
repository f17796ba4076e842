package io.jenkins.plugins.gitops.engine.bench;

import static io.jenkins.plugins.gitops.engine.bench.ReconcileBenchmark.bench;
import static io.jenkins.plugins.gitops.engine.bench.ReconcileBenchmark.median;
import static io.jenkins.plugins.gitops.engine.bench.ReconcileBenchmark.require;
import static io.jenkins.plugins.gitops.engine.bench.ReconcileBenchmark.seconds;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line as a user starts it: a fresh {@code gitops-sync} process (the launcher script, with its
 * JVM options and class-data archive) per run, next to a fresh {@code kubectl diff --server-side} process,
 * on the same 1,000 objects over 5 kinds, in sync, on one real kube-apiserver. Medians of fresh processes;
 * one untimed run of each command first, which makes the launcher's archive if there is none yet (once
 * per build, as for a user).
 *
 * <p>Arguments: the work folder, kubectl, and the launcher ({@code gitops-sync} at the repository's top).
 */
public final class CliColdStartBenchmark {

    private static final String NAMESPACE = "cli-bench";

    private CliColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Paths.get(args[0]).toAbsolutePath();
        String kubectl = args[1];
        String launcher = Paths.get(args[2]).toAbsolutePath().toString();
        int objects = Integer.getInteger("bench.objects", 1_000);
        int runs = Integer.getInteger("bench.runs", 5);
        Files.createDirectories(work);

        KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withApiServerVersion(System.getenv().getOrDefault("KUBE_API_TEST_API_SERVER_VERSION", "1.20.2"))
                .withApiServerFlag("--bind-address", "127.0.0.1")
                .withUpdateKubeConfig(false)
                .build());
        server.start();
        try {
            Path kubeconfig = Files.writeString(work.resolve("cli-kubeconfig.yaml"), server.getKubeConfigYaml(),
                    StandardCharsets.UTF_8);
            Path folder = BenchEnvironment.write(work.resolve("cli-env-1000"), objects, NAMESPACE, "v1");
            List<String> cluster = List.of("--kubeconfig", kubeconfig.toString(), "--namespace", NAMESPACE);
            run(List.of(kubectl, "--kubeconfig", kubeconfig.toString(), "create", "namespace", NAMESPACE), 0);
            run(command(launcher, "sync", folder, cluster), 0);

            List<String> diff = command(launcher, "diff", folder, cluster);
            List<String> render = List.of(launcher, "render", folder.toString());
            List<String> kubectlDiff = List.of(kubectl, "--kubeconfig", kubeconfig.toString(), "diff", "--server-side",
                    "--field-manager", "kubectl-bench", "--force-conflicts", "-f", folder.toString());
            run(diff, 0); // untimed: makes the archive of cluster commands if there is none
            run(render, 0); // the same for render
            run(kubectlDiff, 0);

            List<Double> ourDiffs = new ArrayList<>();
            List<Double> theirDiffs = new ArrayList<>();
            List<Double> renders = new ArrayList<>();
            for (int i = 0; i < runs; i++) { // interleaved, so that a busy moment of the machine hits both
                ourDiffs.add(timed(diff, 0));
                theirDiffs.add(timed(kubectlDiff, 0));
                renders.add(timed(render, 0));
            }
            System.out.printf(Locale.ROOT, "gitops-sync diff (fresh process) runs (s): %s%n", ourDiffs);
            System.out.printf(Locale.ROOT, "kubectl diff --server-side runs (s): %s%n", theirDiffs);
            System.out.printf(Locale.ROOT, "gitops-sync render (fresh process) runs (s): %s%n", renders);
            bench("cli_cold_diff_seconds", median(ourDiffs));
            bench("cli_cold_kubectl_diff_seconds", median(theirDiffs));
            bench("cli_cold_diff_speedup_vs_kubectl", median(theirDiffs) / median(ourDiffs));
            bench("cli_cold_render_seconds", median(renders));
        } finally {
            server.stop();
        }
    }

    private static List<String> command(String launcher, String verb, Path folder, List<String> cluster) {
        List<String> command = new ArrayList<>(List.of(launcher, verb, folder.toString()));
        command.addAll(cluster);
        return command;
    }

    private static double timed(List<String> command, int expectedExit) throws IOException, InterruptedException {
        long start = System.nanoTime();
        run(command, expectedExit);
        return seconds(System.nanoTime() - start);
    }

    /** Runs a command to its end, its output read (and dropped) as a terminal would; fails on another exit code. */
    private static void run(List<String> command, int expectedExit) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        require(exit == expectedExit, String.join(" ", command) + " exited " + exit + " (expected " + expectedExit
                + "): " + output.lines().limit(20).toList());
    }
}
