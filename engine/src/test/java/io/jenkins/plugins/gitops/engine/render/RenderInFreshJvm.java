package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.source.LocalDirectoryTree;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Renders one folder as the CLI and the plugin do, in a JVM of its own, so that a test can give that
 * JVM an environment (a {@code KUBECONFIG}) the test's own JVM does not have. Prints each object's
 * {@code data} as JSON, one per line, or the render's error; exits 0 or 1.
 */
public final class RenderInFreshJvm {

    private RenderInFreshJvm() {
    }

    public static void main(String[] args) {
        try {
            RenderResult result = ManifestRenderer.withDefaults().render(new LocalDirectoryTree(Path.of(args[0])),
                    args[1], RenderOptions.defaults());
            for (KubeObject object : result.objects()) {
                System.out.println(object.manifest().path("data"));
            }
            System.exit(0);
        } catch (RenderException | IOException e) {
            System.out.println(e.getMessage());
            System.exit(1);
        }
    }
}
