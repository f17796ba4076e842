package io.jenkins.plugins.gitops.reconcile;

import hudson.FilePath;
import io.jenkins.plugins.gitops.engine.render.HelmChildClassPath;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The class path of the engine's Helm child JVM, on an agent. The bundled Helm library runs in a child JVM started
 * with the jars the engine's classes came from; on an agent they came over the channel and have no jar there. So the
 * controller copies its jars (the plugin's, helm-java's, JNA's) into {@code <agent root>/gitops-sync/helm-library/},
 * once per jar version, and the agent's engine starts its children with those ({@link HelmChildClassPath}).
 */
final class HelmJarsOnAgent {

    private HelmJarsOnAgent() {
    }

    /**
     * The agent's copies of the child's class path entries, copied from the controller when missing.
     *
     * @param workDirectory the agent's GitOps Sync folder
     * @throws IOException when an entry cannot be found on the controller or copied
     */
    static List<String> copyTo(FilePath workDirectory) throws IOException, InterruptedException {
        FilePath folder = workDirectory.child("helm-library");
        List<String> entries = new ArrayList<>();
        for (String className : HelmChildClassPath.classNames()) {
            Path source = codeSource(className);
            FilePath target = folder.child(versionedName(source));
            if (!target.exists()) {
                folder.mkdirs();
                // copied beside, then renamed: a run on the same agent at the same time never sees half a jar
                FilePath partial = folder.child(target.getName() + ".partial-" + UUID.randomUUID());
                if (Files.isDirectory(source)) {
                    new FilePath(source.toFile()).copyRecursiveTo(partial);
                } else {
                    new FilePath(source.toFile()).copyTo(partial);
                }
                partial.renameTo(target);
            }
            entries.add(target.getRemote());
        }
        return entries;
    }

    /** Where the controller loaded {@code className} from: a jar, or a class folder (a plugin under development). */
    private static Path codeSource(String className) throws IOException {
        Class<?> type;
        try {
            type = Class.forName(className, false, HelmJarsOnAgent.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IOException("class " + className + " is not on the plugin's class path", e);
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null) {
            throw new IOException("cannot tell which jar holds " + className);
        }
        try {
            return Path.of(location.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("the jar of " + className + " is not a local file: " + location, e);
        }
    }

    /** The file's name with a digest of where it is, its size and its time: a new plugin version, a new copy. */
    private static String versionedName(Path source) throws IOException {
        File file = source.toFile();
        String identity = source.toAbsolutePath() + "\n" + file.length() + "\n" + file.lastModified();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8) + "-" + file.getName();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }
}
