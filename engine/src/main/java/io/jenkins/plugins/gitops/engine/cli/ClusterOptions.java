package io.jenkins.plugins.gitops.engine.cli;

import io.fabric8.kubernetes.client.Config;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** Which cluster, and which namespace objects without one go to, as {@code kubectl} chooses them. */
final class ClusterOptions {

    @Option(names = "--kubeconfig", paramLabel = "<file>",
            description = "Kubeconfig file (default: $KUBECONFIG, then ~/.kube/config, then the in-cluster"
                    + " service account).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "<name>", description = "Kubeconfig context (default: the current one).")
    String context;

    @Option(names = {"-n", "--namespace"}, paramLabel = "<namespace>",
            description = "Namespace for objects that declare none, and for the environment's inventory"
                    + " (default: the context's namespace, else \"default\").")
    String namespace;

    /**
     * Connects to the cluster. Nothing is sent yet: the first request is the reconcile's.
     *
     * @throws CommandException when no kubeconfig can be found or read
     */
    ClusterConnection connect(Function<String, String> environment) {
        if (kubeconfig != null) {
            return ClusterConnection.fromKubeconfig(read(kubeconfig), context, kubeconfig);
        }
        if (!hasImplicitConfiguration(environment)) {
            throw new CommandException("no cluster: no --kubeconfig, no $KUBECONFIG and no ~/.kube/config; pass"
                    + " --kubeconfig <file>, or try gitops-sync demo, which brings its own API server");
        }
        // fabric8 reads $KUBECONFIG, ~/.kube/config or the service account, as kubectl does.
        return ClusterConnection.connect(Config.autoConfigure(context));
    }

    /** The target namespace: {@code --namespace}, else the kubeconfig context's, else "default". */
    String namespace(ClusterConnection connection) {
        if (namespace != null && !namespace.isBlank()) {
            return namespace.strip();
        }
        String fromContext = connection.client().getNamespace();
        return fromContext == null || fromContext.isBlank() ? "default" : fromContext;
    }

    private static boolean hasImplicitConfiguration(Function<String, String> environment) {
        String variable = environment.apply("KUBECONFIG");
        return (variable != null && !variable.isBlank())
                || Files.isRegularFile(Paths.get(System.getProperty("user.home"), ".kube", "config"))
                || environment.apply("KUBERNETES_SERVICE_HOST") != null;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CommandException("--kubeconfig " + file + ": does not exist; check the path", e);
        } catch (IOException e) {
            throw new CommandException("--kubeconfig " + file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
