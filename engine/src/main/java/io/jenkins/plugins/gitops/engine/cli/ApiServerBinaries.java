package io.jenkins.plugins.gitops.engine.cli;

import io.fabric8.kubeapitest.KubeAPIServerConfig;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubeapitest.Utils;
import io.fabric8.kubeapitest.binary.BinaryManager;
import io.fabric8.kubeapitest.binary.OSInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure kube-apiserver, etcd and kubectl of one version are where {@code io.fabric8:kube-api-test}
 * looks for them, the way the engine's integration tests do: already there; else downloaded by
 * kube-api-test; else built from Debian's sources by {@code ../shared/tools/kube-apiserver/provide.sh} next
 * to this repository (this project's machines reach no Kubernetes download). Where none of these works, one
 * {@link CommandException} says what is missing and the ways to get it.
 */
final class ApiServerBinaries {

    /** The only version {@code provide.sh} builds. */
    static final String BUILDABLE_VERSION = "1.20.2";
    /** What a build from Debian's sources costs, measured on this project's 2-core machines. */
    static final String BUILD_TIME = "about 6 minutes on 2 cores";

    private static final Duration HEARTBEAT = Duration.ofMinutes(1);
    private static final Path PROVIDER = Paths.get("shared", "tools", "kube-apiserver", "provide.sh");

    private final String version;
    private final KubeAPIServerConfig config;
    private final Path directory;
    private final PrintWriter out;
    private final ProgressIndicator progress;
    private final boolean interactive;

    /**
     * @param testDir kube-api-test's folder ({@code $KUBE_API_TEST_DIR}), or null for its default
     *     {@code ~/.kubeapitest}
     * @param interactive whether a spinner shows the time (else a line a minute says the build goes on)
     */
    ApiServerBinaries(String version, String testDir, PrintWriter out, ProgressIndicator progress,
            boolean interactive) {
        this.version = version;
        KubeAPIServerConfigBuilder builder = KubeAPIServerConfigBuilder.anAPIServerConfig().withApiServerVersion(version);
        if (testDir != null && !testDir.isBlank()) {
            builder.withTestDir(testDir);
        }
        this.config = builder.build();
        this.directory = Paths.get(config.getKubeAPITestDir(), "k8s", version + Utils.platformSuffix(new OSInfo()));
        this.out = out;
        this.progress = progress;
        this.interactive = interactive;
    }

    /** kube-api-test's folder, for the server that uses these binaries. */
    String testDir() {
        return config.getKubeAPITestDir();
    }

    /**
     * Finds, downloads or builds the binaries.
     *
     * @throws CommandException when none of the three ways works, naming what is missing and how to get it
     */
    void provide() {
        if (present()) {
            return;
        }
        out.println("kube-apiserver " + version + " is not in " + directory + " yet: downloading it with kube-api-test"
                + " (once; the binaries stay there).");
        out.flush();
        progress.event("Downloading kube-apiserver " + version + ", etcd and kubectl");
        String downloadFailure = download();
        if (downloadFailure == null) {
            return;
        }
        Path provider = provider();
        String buildFailure;
        if (!BUILDABLE_VERSION.equals(version)) {
            buildFailure = "it cannot be built here: a build from Debian's sources gives only " + BUILDABLE_VERSION;
        } else if (provider == null) {
            buildFailure = "it cannot be built here: a build from Debian's sources needs this project's "
                    + PROVIDER.toString().replace('\\', '/') + " beside the repository the command line was built in";
        } else {
            out.println("The download failed (" + downloadFailure + "). Building kube-apiserver " + version
                    + " from Debian's sources instead, as this project's tests do, with " + provider + ": once, "
                    + BUILD_TIME + "; later runs start at once.");
            out.flush();
            buildFailure = build(provider);
            if (buildFailure == null) {
                return;
            }
        }
        String n = System.lineSeparator();
        throw new CommandException("no kube-apiserver " + version + " to start:" + n
                + "  it is not in " + directory + "," + n
                + "  kube-api-test could not download it (" + downloadFailure + ")," + n
                + "  and " + buildFailure + "." + n
                + "Ways to get it:" + n
                + "  - let this machine reach github.com: kube-api-test downloads it from there" + n
                + "  - put kube-apiserver, etcd and kubectl " + version + " into " + directory + n
                + "  - set " + DemoCommand.VERSION_VARIABLE + " to a version you have in " + directory.getParent() + n
                + "  - run the demo on a cluster you have: gitops-sync demo --kubeconfig <file>");
    }

    private boolean present() {
        try {
            new BinaryManager(KubeAPIServerConfigBuilder.anAPIServerConfig().withApiServerVersion(version)
                    .withTestDir(config.getKubeAPITestDir()).withOfflineMode(true).build()).initAndDownloadIfRequired();
            return true;
        } catch (RuntimeException e) {
            return false; // "Binaries cannot be found, and download is turned off", or one of the three is missing
        }
    }

    /** Returns null when the download worked, else why it did not. */
    private String download() {
        try {
            new BinaryManager(config).initAndDownloadIfRequired();
            return null;
        } catch (RuntimeException e) {
            return rootCause(e);
        }
    }

    /** Runs {@code provide.sh --kubeapitest-layout}; returns null when it worked, else why it did not. */
    private String build(Path provider) {
        progress.event("Building kube-apiserver " + version + " from Debian's sources (" + BUILD_TIME + ")");
        long started = System.nanoTime();
        Path log = null;
        try {
            log = Files.createTempFile("gitops-sync-kube-apiserver-build-", ".log");
            ProcessBuilder builder = new ProcessBuilder(List.of("bash", provider.toString(), "--kubeapitest-layout"))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("KUBE_API_TEST_DIR", config.getKubeAPITestDir());
            Process process = builder.start();
            while (!process.waitFor(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS)) {
                if (!interactive) { // a CI log has no spinner: say that the build goes on
                    out.println("  still building: " + minutes(started) + " so far (" + BUILD_TIME + ")");
                    out.flush();
                }
            }
            if (process.exitValue() == 0 && present()) {
                out.println("Built kube-apiserver " + version + " in " + minutes(started) + "; it is kept in "
                        + directory + " for the next runs.");
                Files.deleteIfExists(log);
                return null;
            }
            return "the build from Debian's sources failed (" + provider + " exited " + process.exitValue() + ": "
                    + lastLine(log) + "; its whole output is in " + log + ")";
        } catch (IOException e) {
            return "the build from Debian's sources could not run (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "the build from Debian's sources was interrupted (its output is in " + log + ")";
        }
    }

    /**
     * {@code ../shared/tools/kube-apiserver/provide.sh} beside the repository this jar (or these classes) was
     * built in, as {@code engine/src/test/provide-kube-apiserver.sh} finds it; null when there is none.
     */
    static Path provider() {
        try {
            // engine/target/<the jar, or classes/> -> engine/target -> engine -> the repository -> beside it
            Path built = Paths.get(ApiServerBinaries.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path beside = built.toAbsolutePath().getParent();
            for (int up = 0; up < 3 && beside != null; up++) {
                beside = beside.getParent();
            }
            Path provider = beside == null ? null : beside.resolve(PROVIDER);
            return provider != null && Files.isRegularFile(provider) ? provider : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null; // no file location (a custom class loader): no build, the message says so
        }
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).strip();
                }
            }
            return "no output";
        } catch (IOException e) {
            return "its output could not be read";
        }
    }

    private static String minutes(long startedNanos) {
        long seconds = (System.nanoTime() - startedNanos) / 1_000_000_000L;
        return seconds / 60 + " min " + seconds % 60 + " s";
    }
}
