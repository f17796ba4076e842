package io.jenkins.plugins.gitops.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.jenkins.plugins.gitops.engine.render.ManifestRenderer;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.render.RenderResult;
import io.jenkins.plugins.gitops.engine.source.LocalDirectoryTree;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The engine runs inside Jenkins on the libraries of the API plugins (fabric8, JGit, Jackson, SnakeYAML),
 * not on copies of its own: the plugins are there, and the engine works with what they provide.
 */
@WithJenkins
class EngineInsideJenkinsITest {

    @Test
    void shouldRunWithTheApiPluginsThatProvideTheEnginesLibraries(JenkinsRule jenkins) {
        for (String plugin : new String[] {"kubernetes-client-api", "git-client", "jackson2-api", "snakeyaml-api"}) {
            assertNotNull(jenkins.jenkins.getPluginManager().getPlugin(plugin), plugin + " is not installed");
        }
    }

    @Test
    void shouldRenderManifestsWithTheLibrariesOfTheApiPlugins(JenkinsRule jenkins, @TempDir Path repository)
            throws Exception {
        Files.writeString(repository.resolve("web.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: web
                data:
                  greeting: hello
                """);

        RenderResult result = ManifestRenderer.withDefaults()
                .render(new LocalDirectoryTree(repository), "", RenderOptions.defaults());

        assertEquals(1, result.objects().size());
        assertEquals("ConfigMap/web", result.objects().get(0).ref().toString());
        assertEquals("web.yaml:1", result.objects().get(0).origin().toString());
    }
}
