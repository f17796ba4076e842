package io.jenkins.plugins.gitops.engine.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.ApiServerAccess;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestNamespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One test's environment on the shared API server: a namespace of its own, a kubeconfig file, and a
 * folder with a copy of a fixture app, named after the namespace (so the default environment identity,
 * the folder's name, is unique too). {@link #run} runs a command against it as a user would type it.
 */
final class TestEnvironment {

    private final Path kubeconfig;
    private final String namespace;
    private final KubernetesClient admin;
    private final Path folder;

    TestEnvironment(ApiServerAccess access, TestNamespace namespace, KubernetesClient admin, Path temp,
            String fixture) {
        try {
            this.kubeconfig = Files.writeString(Files.createDirectories(temp).resolve("kubeconfig"),
                    access.kubeconfigYaml());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.namespace = namespace.name();
        this.admin = admin;
        this.folder = Cli.copyFixture(fixture, temp.resolve(this.namespace));
    }

    /** {@code gitops-sync <verb> <folder> --kubeconfig <file> --namespace <ns> <options>}. */
    CliRun run(String verb, String... options) {
        return runAs(kubeconfig, verb, options);
    }

    /** The same command with another kubeconfig (another user). */
    CliRun runAs(Path otherKubeconfig, String verb, String... options) {
        List<String> args = new ArrayList<>(List.of(verb, folder.toString(), "--kubeconfig", otherKubeconfig.toString(),
                "--namespace", namespace));
        args.addAll(List.of(options));
        return Cli.run(args.toArray(String[]::new));
    }

    /** The same command against another source: {@code --repo} options instead of the folder. */
    CliRun runWithoutFolder(String verb, String... options) {
        List<String> args = new ArrayList<>(List.of(verb, "--kubeconfig", kubeconfig.toString(),
                "--namespace", namespace));
        args.addAll(List.of(options));
        return Cli.run(args.toArray(String[]::new));
    }

    /** Changes a live object as {@code kubectl edit} does: field manager kubectl-edit, strategic merge patch. */
    <T extends HasMetadata> void editAsKubectl(Resource<T> resource, String patch) {
        resource.patch(new PatchContext.Builder().withPatchType(PatchType.STRATEGIC_MERGE)
                .withFieldManager("kubectl-edit").build(), patch);
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    String namespace() {
        return namespace;
    }

    KubernetesClient admin() {
        return admin;
    }

    Path folder() {
        return folder;
    }
}
