package io.jenkins.plugins.gitops.engine.cli;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gitops-sync demo}: the whole GitOps loop on this machine, with nothing to set up. It starts a
 * local API server, commits the guestbook to a new Git repository, syncs it, edits two live objects as a
 * colleague with {@code kubectl edit} would, shows the drift, and heals it. Every step runs the real
 * {@code gitops-sync} command, printed first, so users learn the commands while they watch.
 */
@Command(name = "demo",
        description = {"Show the GitOps loop on a throw-away cluster: start a local Kubernetes API server, create"
                + " a Git repository with a sample application, sync it, change the cluster by hand, find the"
                + " drift and heal it. Needs no cluster and no repository; removes everything when done.",
            "The API server comes from io.fabric8:kube-api-test (cached in ~/.kubeapitest, downloaded on first"
                + " use, else built from Debian's sources where this project's tools are beside the repository);"
                + " its version is $KUBE_API_TEST_API_SERVER_VERSION, default " + DemoCommand.DEFAULT_VERSION + ".",
            "With --kubeconfig, the demo runs on that cluster instead, in a namespace of its own that it creates"
                + " and deletes."},
        mixinStandardHelpOptions = true)
final class DemoCommand extends Subcommand {

    /** The Kubernetes version the demo (and the engine's integration tests) run against by default. */
    static final String DEFAULT_VERSION = "1.20.2";
    static final String VERSION_VARIABLE = "KUBE_API_TEST_API_SERVER_VERSION";

    private static final Logger LOGGER = Logger.getLogger(DemoCommand.class.getName());
    private static final String LOCAL_NAMESPACE = "guestbook";
    /** On a cluster the user has, the API server adds a random suffix: never an existing namespace. */
    private static final String THROW_AWAY_NAMESPACE_PREFIX = "gitops-sync-demo-";
    private static final String FOLDER = "apps/guestbook";
    private static final String CONFIG_MAP = "guestbook-settings";
    private static final String DEPLOYMENT = "frontend";
    private static final String GIT_GREETING = "Welcome to the guestbook";
    private static final int GIT_REPLICAS = 2;
    private static final int STEPS = 7;

    @Option(names = "--kubeconfig", paramLabel = "<file>",
            description = "Run the demo on this cluster, in a new namespace " + THROW_AWAY_NAMESPACE_PREFIX
                    + "<random> that is deleted at the end, instead of on a local API server.")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "<name>",
            description = "Kubeconfig context, with --kubeconfig (default: the current one).")
    String context;

    private int step;
    private List<String> shownArguments;
    private List<String> realArguments;

    @Override
    ExitCodes execute() throws IOException {
        if (context != null && kubeconfig == null) {
            throw new CommandException("--context " + context + ": the demo uses a context only on a cluster you"
                    + " name with --kubeconfig <file>; add --kubeconfig, or leave --context out for a local API server");
        }
        Path workspace = Files.createTempDirectory("gitops-sync-demo-");
        try {
            out().println(terminal().bold("GitOps Sync demo"));
            paragraph("Git declares what a cluster should run. GitOps Sync makes the cluster match, finds what was",
                    "changed behind Git's back (drift) and puts Git's values back. This demo shows it on a cluster",
                    "and a repository made for the occasion, and removes both when done.");
            DemoCluster cluster = kubeconfig == null ? startLocalCluster(workspace) : useExistingCluster();
            try {
                DemoRepository repository = createRepository(workspace);
                shownArguments = new ArrayList<>(List.of("--repo", "$REPO", "--path", FOLDER, "--kubeconfig",
                        "$KUBECONFIG", "--namespace", cluster.namespace()));
                realArguments = new ArrayList<>(List.of("--repo", repository.url(), "--path", FOLDER, "--kubeconfig",
                        cluster.kubeconfig().toString(), "--namespace", cluster.namespace(),
                        "--cache-dir", workspace.resolve("cache").toString()));
                if (context != null) {
                    shownArguments.addAll(List.of("--context", context));
                    realArguments.addAll(List.of("--context", context));
                }
                return syncDriftAndHeal(cluster);
            } finally {
                cluster.close(); // says so when it cannot remove what the demo made
                out().println();
                out().println(cluster.removal() + " and removed " + workspace + ".");
            }
        } finally {
            deleteQuietly(workspace);
        }
    }

    private DemoCluster startLocalCluster(Path workspace) throws IOException {
        String version = apiServerVersion();
        step("Start a Kubernetes API server",
                "kube-apiserver " + version + " and etcd on 127.0.0.1, from io.fabric8:kube-api-test (cached in"
                        + " ~/.kubeapitest).",
                "It stores objects like any cluster, but it runs no controllers and no nodes: no pod ever starts,",
                "so the Deployments stay Progressing. That is expected here.");
        long started = System.nanoTime();
        DemoCluster cluster;
        try (ProgressIndicator progress = progress()) {
            ApiServerBinaries binaries = new ApiServerBinaries(version, environment().apply("KUBE_API_TEST_DIR"),
                    out(), progress, terminal().interactive());
            binaries.provide();
            started = System.nanoTime(); // "ready after" is the start alone, not a download or a build
            progress.event("Starting kube-apiserver " + version + " and etcd");
            cluster = DemoCluster.startLocal(version, binaries.testDir(), workspace, LOCAL_NAMESPACE);
        }
        out().println("Ready at " + cluster.serverUrl() + " after "
                + TextReport.seconds(Duration.ofNanos(System.nanoTime() - started)) + "; created namespace "
                + cluster.namespace() + ".");
        out().println(terminal().cyan("KUBECONFIG=" + cluster.kubeconfig()));
        return cluster;
    }

    private DemoCluster useExistingCluster() {
        step("Use your cluster, in a namespace of its own",
                "The demo creates a new namespace " + THROW_AWAY_NAMESPACE_PREFIX + "<random> on the cluster of "
                        + kubeconfig + ", works only there, and deletes it at the end.");
        DemoCluster cluster = DemoCluster.onExisting(kubeconfig, context, THROW_AWAY_NAMESPACE_PREFIX);
        out().println("Connected to " + cluster.serverUrl() + "; created namespace " + cluster.namespace() + ".");
        out().println(terminal().cyan("KUBECONFIG=" + cluster.kubeconfig()));
        return cluster;
    }

    private DemoRepository createRepository(Path workspace) throws IOException {
        step("Create a Git repository",
                "The guestbook of examples/guestbook: a ConfigMap with settings, and a Deployment and a Service",
                "each for the front end and for Redis.");
        DemoRepository repository = DemoRepository.create(workspace.resolve("gitops-demo"), FOLDER,
                "Add the guestbook");
        out().println("Committed " + repository.abbreviatedCommit() + " \"Add the guestbook\": "
                + String.join(", ", DemoRepository.FILES.stream().map(file -> FOLDER + "/" + file).toList()) + ".");
        out().println(terminal().cyan("REPO=" + repository.url()));
        return repository;
    }

    private ExitCodes syncDriftAndHeal(DemoCluster cluster) {
        step("Sync: make the cluster what Git declares",
                "Server-side apply creates every object and marks it as this environment's (labels and an",
                "annotation), so that later runs find exactly the objects they own.");
        if (run("sync", List.of(), "synced", "") != ExitCodes.SUCCESS) {
            return failed("the first sync did not succeed");
        }

        step("Someone changes the cluster by hand",
                "A colleague fixes something live, as people do; kubectl records the change under the field",
                "manager \"" + DemoCluster.KUBECTL_EDIT + "\".");
        KubernetesClient client = cluster.client();
        String namespace = cluster.namespace();
        shell(String.format("%-40s  # GREETING: \"%s\" -> \"Hello from kubectl\"",
                "kubectl edit configmap " + CONFIG_MAP, GIT_GREETING));
        cluster.editAsKubectl(client.configMaps().inNamespace(namespace).withName(CONFIG_MAP),
                "{\"data\":{\"GREETING\":\"Hello from kubectl\"}}");
        shell(String.format("%-40s  # replicas: %d -> 5", "kubectl edit deployment " + DEPLOYMENT, GIT_REPLICAS));
        cluster.editAsKubectl(client.apps().deployments().inNamespace(namespace).withName(DEPLOYMENT),
                "{\"spec\":{\"replicas\":5}}");

        step("Diff: find the drift",
                "Only the fields Git declares are compared, so defaults the API server added are not drift.",
                "Under each drifted object: - what the cluster has, + what Git declares.");
        if (run("diff", List.of(), "in sync", "drift found") != ExitCodes.DRIFT) {
            return failed("the diff did not find the changes made by hand");
        }

        step("If you would rather decide by hand: --no-force-conflicts",
                "The edited fields belong to \"" + DemoCluster.KUBECTL_EDIT + "\" now. With --no-force-conflicts a sync",
                "reports a conflict and leaves the object as it is, for a person to decide.");
        run("sync", List.of("--no-force-conflicts"), "synced", "conflicts");

        step("Heal: Git wins",
                "A plain sync (and self-heal in Jenkins) takes the declared fields back from \""
                        + DemoCluster.KUBECTL_EDIT + "\",",
                "as Argo CD and Flux do, and says so for each field: \"taken from " + DemoCluster.KUBECTL_EDIT + ": ...\".");
        if (run("sync", List.of(), "synced", "") != ExitCodes.SUCCESS) {
            return failed("the sync did not take the edited fields back");
        }
        out().println();
        out().println(cluster.local()
                ? "Status confirms it (health stays Progressing: nothing rolls Deployments out here):"
                : "Status confirms it (health is Healthy once the cluster has pulled the images and started the pods):");
        if (run("status", List.of(), "in sync", "drift found") != ExitCodes.SUCCESS
                || !liveMatchesGit(client, namespace)) {
            return failed("the cluster does not match Git after healing");
        }
        out().println();
        out().println(terminal().green("Healed:") + " the drift was found and healed; GREETING is \"" + GIT_GREETING
                + "\" and " + DEPLOYMENT + " has " + GIT_REPLICAS + " replicas again, as Git declares.");
        out().println("Next: gitops-sync --help, and docs/cli.md for your own cluster and repository.");
        return ExitCodes.SUCCESS;
    }

    private static boolean liveMatchesGit(KubernetesClient client, String namespace) {
        ConfigMap settings = client.configMaps().inNamespace(namespace).withName(CONFIG_MAP).get();
        Deployment frontend = client.apps().deployments().inNamespace(namespace).withName(DEPLOYMENT).get();
        return GIT_GREETING.equals(settings.getData().get("GREETING"))
                && frontend.getSpec().getReplicas() == GIT_REPLICAS;
    }

    /**
     * Runs one real {@code gitops-sync} command in this process, printed the way a user would type it.
     *
     * @param meaningOfZero what exit code 0 means for this command, for the line after its output
     * @param meaningOfOne what exit code 1 means
     */
    private ExitCodes run(String verb, List<String> flags, String meaningOfZero, String meaningOfOne) {
        List<String> shown = new ArrayList<>(List.of(verb));
        shown.addAll(flags);
        shown.addAll(shownArguments);
        List<String> real = new ArrayList<>(List.of(verb));
        real.addAll(flags);
        real.addAll(realArguments);
        if (verbose) {
            real.add("--verbose");
        }
        shell("gitops-sync " + String.join(" ", shown));
        int code = new CommandLine(new GitOpsSyncCommand(environment())).setOut(out()).setErr(err())
                .execute(real.toArray(String[]::new));
        String meaning = code == 0 ? meaningOfZero : code == 1 ? meaningOfOne : "error";
        out().println(terminal().dim("(exit code " + code + ": " + meaning + ")"));
        return code == 0 ? ExitCodes.SUCCESS : code == 1 ? ExitCodes.DRIFT : ExitCodes.ERROR;
    }

    private void step(String title, String... explanation) {
        out().println();
        out().println(terminal().bold("Step " + ++step + "/" + STEPS + ": " + title));
        paragraph(explanation);
    }

    private void paragraph(String... lines) {
        for (String line : lines) {
            out().println(line);
        }
        out().flush();
    }

    private void shell(String commandLine) {
        out().println(terminal().cyan("$ " + commandLine));
        out().flush();
    }

    private ExitCodes failed(String what) {
        err().println(terminal().red("error: ") + "demo: " + what + "; the output above says why (run with"
                + " --verbose for the logs)");
        return ExitCodes.ERROR;
    }

    private String apiServerVersion() {
        String version = environment().apply(VERSION_VARIABLE);
        return version == null || version.isBlank() ? DEFAULT_VERSION : version.strip();
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A leftover temporary folder is no reason to fail a demo that worked; say where it is.
            LOGGER.log(Level.WARNING, "Could not remove the demo's temporary folder " + directory, e);
        }
    }
}
