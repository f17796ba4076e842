package io.jenkins.plugins.gitops.engine.render;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the Helm child JVM ({@link HelmTemplateMain}) finds its classes when this JVM's class loader cannot say.
 * Normally the engine takes the jars its class loader loaded them from; classes that came over a Jenkins agent's
 * channel have no jar on the agent's disk, so the plugin copies the jars there and names them here, once per agent
 * JVM, before the first render.
 */
public final class HelmChildClassPath {

    private static volatile List<Path> given;

    private HelmChildClassPath() {
    }

    /** The classes whose jars (or class folders) the child needs: its main class, helm-java's structures, JNA. */
    public static List<String> classNames() {
        return HelmLibrary.CHILD_CLASSES;
    }

    /** Makes every later Helm render of this JVM start its child with {@code entries} as its class path. */
    public static void use(List<Path> entries) {
        given = List.copyOf(entries);
    }

    static Optional<List<Path>> given() {
        return Optional.ofNullable(given);
    }
}
