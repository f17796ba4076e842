package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.source.LocalDirectoryTree;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile or broken charts and kustomizations against the render sandbox: each render runs in a child
 * process that is stopped (with everything it started) at the time, output and memory limits, and the
 * next render in the same JVM works.
 */
class RenderSandboxTest {

    private static final String CHART_YAML = "apiVersion: v2\nname: %s\nversion: 1.0.0\n";
    private static final String INNOCENT_TEMPLATE = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: innocent
            data:
              greeting: hello
            """;
    /** 10^10 iterations of nothing, in small slices: it spins without growing. */
    private static final String ENDLESS_TEMPLATE = """
            {{- range $i := until 100000 }}{{ range $j := until 100000 }}{{ end }}{{ end }}
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: never
            """;
    /** 10 million lines of 100 characters: about 1 GB of output. */
    private static final String HUGE_TEMPLATE = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: huge
            {{- range $i := until 10000000 }}
            # {{ printf "%096d" $i }}
            {{- end }}
            """;

    @TempDir
    Path tempDir;

    @Test
    void shouldStopAChartThatNeverEndsAndThenRenderTheNextOne() throws Exception {
        LocalDirectoryTree repository = repository();
        chart(repository, "charts/spin", ENDLESS_TEMPLATE);
        chart(repository, "charts/innocent", INNOCENT_TEMPLATE);
        HelmRenderer helm = new HelmRenderer(ExecutableFinder.fromEnvironment());
        RenderOptions shortTimeout = RenderOptions.defaults().withHelm(HelmOptions.defaults()
                .withTimeout(Duration.ofSeconds(10)));

        RenderException failure = catchThrowableOfType(RenderException.class,
                () -> helm.render(repository, "charts/spin", shortTimeout));

        assertThat(failure).hasMessage("charts/spin: helm template did not finish within 10 seconds and was stopped "
                + "(the time limit of a render); check the input for a loop that never ends, or raise the timeout");
        assertThat(helmProcesses()).isEmpty();
        assertThat(helm.render(repository, "charts/innocent", shortTimeout).objects())
                .extracting(KubeObject::name).containsExactly("innocent");
    }

    @Test
    void shouldStopTheHelmProcessWhenTheProcessThatStartedItIsKilledAndDeleteItsFilesOnTheNextRender()
            throws Exception {
        LocalDirectoryTree repository = repository();
        chart(repository, "charts/spin", ENDLESS_TEMPLATE);
        chart(repository, "charts/innocent", INNOCENT_TEMPLATE);
        // A controller (a JVM of its own) renders the chart that never ends, and is killed mid-render.
        Process controller = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RenderInFreshJvm.class.getName(),
                repository.root().toString(), "charts/spin")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        try {
            waitFor(() -> !helmProcessesOf(controller.toHandle()).isEmpty(), "the controller starts a Helm process");
            List<ProcessHandle> helm = helmProcessesOf(controller.toHandle());

            controller.destroyForcibly().waitFor();

            waitFor(() -> helm.stream().noneMatch(ProcessHandle::isAlive), "the Helm process stops by itself");
            // The killed controller could not delete its files (the native library, about 95 MB, and the work
            // folder): the next render does.
            assertThat(leftoversOf(controller.pid())).isNotEmpty();
            new HelmRenderer(ExecutableFinder.fromEnvironment()).render(repository, "charts/innocent",
                    RenderOptions.defaults());
            assertThat(leftoversOf(controller.pid())).isEmpty();
        } finally {
            controller.destroyForcibly();
        }
    }

    @Test
    void shouldStopAChartThatPrintsAGigabyteWithoutHoldingItInThisJvm() throws Exception {
        LocalDirectoryTree repository = repository();
        chart(repository, "charts/huge", HUGE_TEMPLATE);
        chart(repository, "charts/innocent", INNOCENT_TEMPLATE);
        HelmRenderer helm = new HelmRenderer(ExecutableFinder.fromEnvironment());
        resetPeakHeapUsage();

        RenderException failure = catchThrowableOfType(RenderException.class,
                () -> helm.render(repository, "charts/huge", RenderOptions.defaults()));

        // Helm builds its whole output in memory before it returns any of it: the memory limit stops it first.
        assertThat(failure).hasMessage("charts/huge: helm template ran out of memory and was stopped: a render may use "
                + "1 GiB (the memory limit of a render); check that the input does not render far more than intended, "
                + "or raise the limit (maxProcessMemoryBytes)");
        assertThat(peakHeapUsage()).isLessThan(512 * RenderLimits.MIB);
        assertThat(helmProcesses()).isEmpty();
        assertThat(helm.render(repository, "charts/innocent", RenderOptions.defaults()).objects())
                .extracting(KubeObject::name).containsExactly("innocent");
    }

    @Test
    void shouldStopAChartAtTheOutputLimitWhileTheOutputStreams() throws Exception {
        LocalDirectoryTree repository = repository();
        chart(repository, "charts/huge", HUGE_TEMPLATE.replace("10000000", "200000")); // about 20 MB
        HelmRenderer helm = new HelmRenderer(ExecutableFinder.fromEnvironment());
        RenderOptions small = RenderOptions.defaults().withLimits(RenderLimits.defaults()
                .withMaxTotalBytes(RenderLimits.MIB));
        resetPeakHeapUsage();

        RenderException failure = catchThrowableOfType(RenderException.class,
                () -> helm.render(repository, "charts/huge", small));

        assertThat(failure).hasMessage("charts/huge: helm template printed more than 1 MiB of manifests and was "
                + "stopped (the output limit of a render); render less, or raise the limit (maxTotalBytes)");
        assertThat(peakHeapUsage()).isLessThan(256 * RenderLimits.MIB);
    }

    @Test
    void shouldStopKustomizeAtTheOutputLimitWhileTheOutputStreams() throws Exception {
        LocalDirectoryTree repository = repository();
        Files.writeString(Files.createDirectories(repository.root().resolve("app")).resolve("kustomization.yaml"),
                "resources: []\n");
        // A stand-in for kustomize that never stops printing.
        Path kustomize = executable("kustomize", "#!/bin/sh\nexec yes 'apiVersion: v1'\n");
        RenderOptions options = RenderOptions.defaults()
                .withLimits(RenderLimits.defaults().withMaxTotalBytes(RenderLimits.MIB))
                .withKustomize(KustomizeOptions.defaults().withExecutable(kustomize.toString()));

        RenderException failure = catchThrowableOfType(RenderException.class,
                () -> new KustomizeRenderer(ExecutableFinder.fromEnvironment()).render(repository, "app", options));

        assertThat(failure).hasMessage("app: kustomize build printed more than 1 MiB of manifests and was stopped (the "
                + "output limit of a render); render less, or raise the limit (maxTotalBytes)");
    }

    @Test
    void shouldStopEveryProcessAKustomizeThatNeverEndsStarted() throws Exception {
        LocalDirectoryTree repository = repository();
        Files.writeString(Files.createDirectories(repository.root().resolve("app")).resolve("kustomization.yaml"),
                "resources: []\n");
        Path pidFile = tempDir.resolve("grandchild.pid");
        // A stand-in for kustomize that starts a process of its own and waits forever.
        Path kustomize = executable("kustomize", "#!/bin/sh\nsleep 3600 &\necho $! > '" + pidFile + "'\nwait\n");
        RenderOptions options = RenderOptions.defaults().withKustomize(KustomizeOptions.defaults()
                .withExecutable(kustomize.toString()).withTimeout(Duration.ofSeconds(3)));

        RenderException failure = catchThrowableOfType(RenderException.class,
                () -> new KustomizeRenderer(ExecutableFinder.fromEnvironment()).render(repository, "app", options));

        assertThat(failure).hasMessage("app: kustomize build did not finish within 3 seconds and was stopped (the time "
                + "limit of a render); check the input for a loop that never ends, or raise the timeout");
        long grandchild = Long.parseLong(Files.readString(pidFile).strip());
        waitFor(() -> ProcessHandle.of(grandchild).map(process -> !process.isAlive()).orElse(true),
                "the process the stand-in started is stopped too");
    }

    @Test
    void shouldStopAProcessAKustomizeLeftBehindHoldingItsOutput() throws Exception {
        LocalDirectoryTree repository = repository();
        Files.writeString(Files.createDirectories(repository.root().resolve("app")).resolve("kustomization.yaml"),
                "resources: []\n");
        Path pidFile = tempDir.resolve("left-behind.pid");
        // A stand-in for kustomize that starts a process holding its output, waits a moment and ends.
        Path kustomize = executable("kustomize", "#!/bin/sh\nsleep 3600 &\necho $! > '" + pidFile + "'\n"
                + "sleep 1\nexit 0\n");
        RenderOptions options = RenderOptions.defaults().withKustomize(KustomizeOptions.defaults()
                .withExecutable(kustomize.toString()).withTimeout(Duration.ofSeconds(3)));

        RenderException failure = catchThrowableOfType(RenderException.class,
                () -> new KustomizeRenderer(ExecutableFinder.fromEnvironment()).render(repository, "app", options));

        assertThat(failure).hasMessage("app: kustomize build left a process running that kept its output open, and "
                + "was stopped after 3 seconds (the time limit of a render); check the input");
        long leftBehind = Long.parseLong(Files.readString(pidFile).strip());
        waitFor(() -> ProcessHandle.of(leftBehind).map(process -> !process.isAlive()).orElse(true),
                "the process it left behind is stopped");
    }

    @Test
    void shouldRunNoMoreRendersAtOnceThanTheSlotsAllow() throws Exception {
        LocalDirectoryTree repository = repository();
        chart(repository, "charts/innocent", INNOCENT_TEMPLATE);
        RenderSlots oneAtATime = new RenderSlots(1);
        HelmRenderer helm = new HelmRenderer(ExecutableFinder.fromEnvironment(), new ManifestParser(), oneAtATime);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<RenderResult>> renders = new ArrayList<>();
            try (RenderSlots.Slot held = oneAtATime.acquire(Duration.ofSeconds(1))) {
                for (int i = 0; i < 3; i++) {
                    renders.add(threads.submit(() -> helm.render(repository, "charts/innocent",
                            RenderOptions.defaults())));
                }
                waitFor(() -> oneAtATime.waiting() == 3, "all three renders wait for the one slot");
                assertThat(helmProcesses()).isEmpty();
            }
            for (Future<RenderResult> render : renders) {
                assertThat(render.get().objects()).extracting(KubeObject::name).containsExactly("innocent");
            }
            assertThat(oneAtATime.mostRunning()).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    private LocalDirectoryTree repository() throws IOException {
        return new LocalDirectoryTree(Files.createDirectories(tempDir.resolve("repo")));
    }

    private static void chart(LocalDirectoryTree repository, String folder, String template) throws IOException {
        Path chart = Files.createDirectories(repository.root().resolve(folder).resolve("templates"));
        Files.writeString(chart.resolveSibling("Chart.yaml"), CHART_YAML.formatted(chart.getParent().getFileName()));
        Files.writeString(chart.resolve("template.yaml"), template);
    }

    private Path executable(String name, String script) throws IOException {
        Path program = Files.createDirectories(tempDir.resolve("bin")).resolve(name);
        Files.writeString(program, script);
        assertThat(program.toFile().setExecutable(true)).isTrue();
        return program;
    }

    /** The Helm child JVMs of this test JVM that are still running. */
    private static List<ProcessHandle> helmProcesses() {
        return helmProcessesOf(ProcessHandle.current());
    }

    private static List<ProcessHandle> helmProcessesOf(ProcessHandle ancestor) {
        return ancestor.descendants().filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().orElse("").contains(HelmTemplateMain.class.getName()))
                .toList();
    }

    /** The temporary folders of the Helm renders of the JVM with this pid. */
    private static List<Path> leftoversOf(long pid) throws IOException {
        try (var folders = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return folders.filter(folder -> folder.getFileName().toString()
                    .matches("gitops-helm-(java-)?" + pid + "-\\d+")).toList();
        }
    }

    private static void resetPeakHeapUsage() {
        System.gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The peak heap use since the reset: the sum of the heap pools' peaks (an upper bound). */
    private static long peakHeapUsage() {
        return heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
