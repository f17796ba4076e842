package io.jenkins.plugins.gitops.engine.render;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import com.marcnuri.helm.jni.NativeLibrary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code helm template} through helm-java, which runs Helm's own Go code as a native library in this
 * process: no helm install needed, but only where a native library for the platform is on the class path.
 *
 * <p>helm-java finds its native library with a ServiceLoader on the thread context class loader and,
 * when that finds none, downloads one from Maven Central. Inside Jenkins the context class loader is not
 * the plugin's, so each call runs on its own thread whose context class loader is the engine's, after
 * checking that the library is there: helm-java never downloads anything.
 */
final class HelmLibrary {

    /**
     * The native library is one per process and Helm's Go code keeps global state (settings, registries);
     * calls take turns. Static on purpose: it guards a process-wide resource, not configuration.
     */
    private static final Object NATIVE_HELM = new Object();

    /** Helm failed, or could not run; the message says why, for the user. */
    static final class HelmFailure extends Exception {
        HelmFailure(String message) {
            super(message);
        }
    }

    private HelmLibrary() {
    }

    /** Whether helm-java can run here: its native library for this platform is on the class path. */
    static String unavailableReason() {
        ClassLoader engine = HelmLibrary.class.getClassLoader();
        NativeLibrary library;
        try {
            library = NativeLibrary.serviceProviderLibrary(engine);
        } catch (RuntimeException | LinkageError e) {
            return "helm-java cannot look up its native library (" + e + ")";
        }
        String platform = platform();
        if (library == null) {
            return "helm-java has no native Helm library on the class path";
        }
        if (!library.getBinaryName().contains(platform)) {
            return "helm-java's native Helm library (" + library.getBinaryName() + ") does not run on " + platform;
        }
        return null;
    }

    /** Runs {@code helm template} on a local chart; returns the rendered manifests (without hooks and CRDs). */
    static String template(Path chart, String releaseName, String namespace, List<Path> valuesFiles,
            String kubeVersion, Duration timeout) throws HelmFailure, InterruptedException {
        String unavailable = unavailableReason();
        if (unavailable != null) {
            throw new HelmFailure(unavailable + "; set the Helm tool to a helm binary");
        }
        FutureTask<String> call = new FutureTask<>(() -> {
            synchronized (NATIVE_HELM) {
                TemplateCommand template = new Helm(chart).template()
                        .withName(releaseName)
                        .withNamespace(namespace);
                valuesFiles.forEach(template::withValuesFile);
                if (kubeVersion != null) {
                    template.withKubeVersion(kubeVersion);
                }
                String output = template.call();
                return output == null ? "" : output; // a chart without templates prints nothing

            }
        });
        Thread worker = new Thread(call, "gitops-sync helm template " + chart.getFileName());
        worker.setDaemon(true);
        // Where helm-java's ServiceLoader looks: the engine's loader, which holds the native library.
        worker.setContextClassLoader(HelmLibrary.class.getClassLoader());
        worker.start();
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // A native call cannot be stopped; it finishes on its daemon thread and its result is dropped.
            throw new HelmFailure("did not finish within " + ToolProcess.describe(timeout)
                    + " (check the chart, or raise the timeout)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LinkageError) {
                throw new HelmFailure("helm-java cannot load its native Helm library (" + cause
                        + "); set the Helm tool to a helm binary");
            }
            throw new HelmFailure(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        }
    }

    /** The platform as helm-java names its native libraries: "linux-amd64", "darwin-arm64". */
    private static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osName = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "darwin" : os;
        String archName = arch.equals("x86_64") || arch.equals("amd64") ? "amd64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : arch;
        return osName + "-" + archName;
    }
}
