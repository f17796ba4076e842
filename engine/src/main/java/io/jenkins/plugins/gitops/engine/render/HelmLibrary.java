package io.jenkins.plugins.gitops.engine.render;

import com.marcnuri.helm.jni.NativeLibrary;
import com.marcnuri.helm.jni.TemplateOptions;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code helm template} through helm-java, which runs Helm's own Go code as a native library: no helm
 * install needed, but only where a native library for the platform is on the class path.
 *
 * <p>The native code runs in a child JVM ({@link HelmTemplateMain}), never in this one: a native call
 * cannot be stopped, swaps the process's standard output while it runs and keeps global state, so a chart
 * that loops or prints gigabytes would otherwise hold this JVM (and every later Helm render) hostage. The
 * child is an ordinary {@link ToolProcess}: bounded in time, memory and output, and killed with its
 * descendants when it goes beyond them.
 *
 * <p>The child's class path is made of the code sources of the classes it needs, found through the
 * engine's class loader: the CLI's one jar, the test class path, or inside Jenkins the plugin's jars and
 * the JNA jar Jenkins provides. The native library is copied out of its jar once per JVM and handed to
 * each child, so helm-java never looks for (or downloads) one itself.
 */
final class HelmLibrary {

    private static final Logger LOGGER = Logger.getLogger(HelmLibrary.class.getName());

    /** The classes the child loads: its main class, helm-java's structures, JNA. */
    static final List<String> CHILD_CLASSES = List.of(HelmTemplateMain.class.getName(),
            TemplateOptions.class.getName(), "com.sun.jna.Native");

    /** The native library copied out of its jar, for every child of this JVM; guarded by the class. */
    private static Path extractedLibrary;

    /**
     * Temporary folders carry the pid of the JVM that made them: {@code gitops-helm-<pid>-<n>} for a render's
     * work folder, {@code gitops-helm-java-<pid>-<n>} for the native library (about 95 MB). A JVM that is
     * killed cannot delete them; the next render anywhere deletes those whose JVM is gone.
     */
    private static final String WORK_PREFIX = "gitops-helm-";
    private static final String LIBRARY_PREFIX = "gitops-helm-java-";
    private static final Pattern LEFTOVER = Pattern.compile("gitops-helm-(?:java-)?(\\d+)-\\d+");

    private HelmLibrary() {
    }

    /** Whether helm-java can run here: its native library for this platform is on the class path. */
    static String unavailableReason() {
        NativeLibrary library;
        try {
            library = NativeLibrary.serviceProviderLibrary(HelmLibrary.class.getClassLoader());
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

    /**
     * The command that templates a chart in a child JVM.
     *
     * @param workFolder the child's own folder (home, temporary files, kubeconfig), deleted after it ends
     */
    static List<String> command(Path chart, String releaseName, String namespace, List<Path> valuesFiles,
            String kubeVersion, RenderLimits limits, Path workFolder) throws IOException {
        long heapMib = Math.max(32, Math.min(256, limits.maxProcessMemoryBytes() / RenderLimits.MIB / 4));
        List<String> command = new ArrayList<>(List.of(javaExecutable().toString(),
                "-Xmx" + heapMib + "m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData",
                "-XX:+ExitOnOutOfMemoryError",
                "-Djava.awt.headless=true",
                "-Djava.io.tmpdir=" + workFolder,
                "-Djna.tmpdir=" + workFolder,
                "-Dcom.marcnuri.jkube-helm.skipRemoteJar=true",
                "-cp", classPath(),
                HelmTemplateMain.class.getName(),
                "--parent", String.valueOf(ProcessHandle.current().pid()),
                "--library", nativeLibrary().toString(),
                "--chart", chart.toString(),
                "--name", releaseName,
                "--namespace", namespace));
        if (kubeVersion != null) {
            command.addAll(List.of("--kube-version", kubeVersion));
        }
        valuesFiles.forEach(file -> command.addAll(List.of("--values", file.toString())));
        return command;
    }

    /**
     * The child's whole environment: nothing of this process's cluster settings (no {@code KUBECONFIG},
     * no in-cluster service account variables, no {@code HELM_KUBE*}, a home of its own), so Helm cannot
     * reach a cluster with the controller's identity; its kubeconfig is an empty file that the child
     * points at its own empty API.
     */
    static Map<String, String> environment(Path workFolder) throws IOException {
        Map<String, String> environment = new HashMap<>();
        for (String inherited : List.of("PATH", "LANG", "LC_ALL", "TZ", "SystemRoot", "windir")) {
            String value = System.getenv(inherited);
            if (value != null) {
                environment.put(inherited, value);
            }
        }
        Path kubeconfig = Files.createFile(workFolder.resolve("kubeconfig"));
        environment.put("KUBECONFIG", kubeconfig.toString());
        environment.put("HOME", workFolder.toString());
        environment.put("USERPROFILE", workFolder.toString());
        environment.put("TMPDIR", workFolder.toString());
        environment.put("HELM_CACHE_HOME", workFolder.resolve("helm-cache").toString());
        environment.put("HELM_CONFIG_HOME", workFolder.resolve("helm-config").toString());
        environment.put("HELM_DATA_HOME", workFolder.resolve("helm-data").toString());
        return environment;
    }

    /** The JVM running this one: the child runs the same Java. */
    private static Path javaExecutable() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
    }

    /** The jars (or folders) holding the child's classes, as this JVM loaded them. */
    static String classPath() throws IOException {
        Optional<List<Path>> given = HelmChildClassPath.given();
        if (given.isPresent()) {
            return String.join(File.pathSeparator, given.get().stream().map(Path::toString).toList());
        }
        Set<String> entries = new LinkedHashSet<>();
        ClassLoader loader = HelmLibrary.class.getClassLoader();
        for (String name : CHILD_CLASSES) {
            try {
                entries.add(location(Class.forName(name, false, loader)).toString());
            } catch (ClassNotFoundException e) {
                throw new IOException("class " + name + " is not on the class path", e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path location(Class<?> type) throws IOException {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        if (url == null) {
            throw new IOException("cannot tell which jar holds " + type.getName());
        }
        String text = url.toString();
        if (text.startsWith("jar:")) { // jar:file:/x.jar!/ as some class loaders report it
            text = text.substring("jar:".length(), text.contains("!/") ? text.indexOf("!/") : text.length());
        }
        try {
            return Path.of(new URL(text).toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("the jar of " + type.getName() + " is not a local file: " + url, e);
        }
    }

    /** helm-java's native library as a file, copied out of its jar once for this JVM. */
    private static synchronized Path nativeLibrary() throws IOException {
        if (extractedLibrary != null && Files.isRegularFile(extractedLibrary)) {
            return extractedLibrary;
        }
        NativeLibrary library = NativeLibrary.serviceProviderLibrary(HelmLibrary.class.getClassLoader());
        if (library == null) {
            throw new IOException("helm-java has no native Helm library on the class path");
        }
        Path folder = Files.createTempDirectory(LIBRARY_PREFIX + ProcessHandle.current().pid() + "-");
        Path file = folder.resolve(library.getBinaryName());
        try (InputStream in = library.getClass().getResourceAsStream("/" + library.getBinaryName())) {
            if (in == null) {
                throw new IOException("helm-java's jar does not hold " + library.getBinaryName());
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        folder.toFile().deleteOnExit();
        file.toFile().deleteOnExit();
        extractedLibrary = file;
        return file;
    }

    /** A new folder for one render's child, and the leftovers of killed JVMs deleted. */
    static Path createWorkFolder() throws IOException {
        Path folder = Files.createTempDirectory(WORK_PREFIX + ProcessHandle.current().pid() + "-");
        deleteLeftovers(folder.getParent());
        return folder;
    }

    /** Deletes the folders that JVMs which are gone left in the temporary folder (they were killed). */
    static void deleteLeftovers(Path temporaryFolder) {
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(temporaryFolder, WORK_PREFIX + "*")) {
            for (Path folder : folders) {
                Matcher leftover = LEFTOVER.matcher(String.valueOf(folder.getFileName()));
                if (leftover.matches() && Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
                        && ProcessHandle.of(Long.parseLong(leftover.group(1))).isEmpty()) {
                    LOGGER.fine(() -> "Deleting " + folder + ", left behind by a JVM that is gone");
                    deleteFolder(folder);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Another user's folder, or one deleted meanwhile: leftovers only cost disk space.
            LOGGER.log(Level.FINE, "Could not delete the leftovers in " + temporaryFolder, e);
        }
    }

    /** Deletes the child's folder and what it left in it. */
    static void deleteFolder(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOGGER.log(Level.FINE, "Could not delete " + path, e);
                }
            });
        } catch (IOException e) {
            // Only temporary files are left behind; the render's outcome does not depend on them.
            LOGGER.log(Level.FINE, "Could not delete " + folder, e);
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
