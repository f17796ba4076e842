package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Helm child's class path comes from where the engine's class loader found its classes, whatever the
 * layout. Here the layout of Jenkins: JNA in a parent class loader (Jenkins core's), the engine and helm-java
 * in a child loader (the plugin's), neither of them the application class loader.
 */
class HelmChildClassPathTest {

    @TempDir
    Path tempDir;

    @Test
    void shouldRenderAChartWhenTheEngineAndJnaComeFromDifferentClassLoaders() throws Exception {
        Path chart = Files.createDirectories(tempDir.resolve("repo/chart/templates"));
        Files.writeString(chart.resolveSibling("Chart.yaml"), "apiVersion: v2\nname: chart\nversion: 1.0.0\n");
        Files.writeString(chart.resolve("configmap.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                + "  name: from-a-plugin-class-loader\n");
        List<URL> jna = new ArrayList<>();
        List<URL> plugin = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            (entry.contains(File.separator + "jna") ? jna : plugin).add(url(entry));
        }
        assertThat(jna).isNotEmpty();

        try (URLClassLoader core = new URLClassLoader(jna.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
                URLClassLoader pluginLoader = new URLClassLoader(plugin.toArray(URL[]::new), core)) {
            Class<?> renderer = pluginLoader.loadClass(ManifestRenderer.class.getName());
            Class<?> tree = pluginLoader.loadClass("io.jenkins.plugins.gitops.engine.source.LocalDirectoryTree");
            Class<?> options = pluginLoader.loadClass(RenderOptions.class.getName());
            Class<?> fileTree = pluginLoader.loadClass("io.jenkins.plugins.gitops.engine.source.FileTree");
            assertThat(renderer).isNotSameAs(ManifestRenderer.class);
            assertThat(pluginLoader.loadClass("com.sun.jna.Native").getClassLoader()).isSameAs(core);

            Object result = renderer.getMethod("render", fileTree, String.class, options).invoke(
                    renderer.getMethod("withDefaults").invoke(null),
                    tree.getConstructor(Path.class).newInstance(tempDir.resolve("repo")), "chart",
                    options.getMethod("defaults").invoke(null));

            List<?> objects = (List<?>) result.getClass().getMethod("objects").invoke(result);
            assertThat(objects).extracting(Object::toString)
                    .containsExactly("ConfigMap/from-a-plugin-class-loader (chart/templates/configmap.yaml)");
        }
    }

    private static URL url(String entry) throws MalformedURLException {
        return Path.of(entry).toUri().toURL();
    }
}
