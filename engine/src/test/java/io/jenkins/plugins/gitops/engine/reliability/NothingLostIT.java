package io.jenkins.plugins.gitops.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cli.GitOpsSyncCommand;
import io.jenkins.plugins.gitops.engine.testing.git.TestGitRepo;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.ApiServerAccess;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestNamespace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * An environment synced from Git with pruning on, then a new commit that cannot be synced as it is: its
 * folder removed, broken YAML, no objects at all, a kind the cluster does not serve, two objects that
 * collide once the default namespace is applied. Each time the engine says what is wrong, naming the file,
 * and what was applied before is still there: nothing is applied from a set that cannot be resolved as a
 * whole, and nothing is pruned from it.
 *
 * <p>The engine's own composition runs here, {@code gitops-sync sync --repo ... --prune}: fetch, render,
 * reconcile, as the plugin's sync runs them (a failed fetch or render stops before the cluster).
 */
@ExtendWith(RealApiServer.class)
class NothingLostIT {

    @TempDir
    Path temp;

    private TestGitRepo repo;
    private Path kubeconfig;
    private KubernetesClient admin;
    private String namespace;

    @BeforeEach
    void syncTwoConfigMaps(ApiServerAccess access, TestNamespace testNamespace, KubernetesClient client)
            throws IOException {
        kubeconfig = Files.writeString(temp.resolve("kubeconfig"), access.kubeconfigYaml());
        admin = client;
        namespace = testNamespace.name();
        repo = TestGitRepo.in(temp.resolve("repo"))
                .write("apps/web/a.yaml", configMap("web-a", "one"))
                .write("apps/web/b.yaml", configMap("web-b", "one"))
                .commit("Add web");
        Run first = sync();
        assertThat(first.exitCode).as(first.output).isZero();
        assertThat(dataOf("web-a")).isEqualTo("one");
        assertThat(dataOf("web-b")).isEqualTo("one");
    }

    @AfterEach
    void close() {
        repo.close();
    }

    @Test
    void shouldPruneNothingWhenTheEnvironmentsFolderIsRemovedInANewCommit() {
        repo.delete("apps/web").write("apps/db/config.yaml", configMap("db", "one")).commit("Move everything to db");
        String shortSha = repo.head().substring(0, 7);

        Run run = sync();

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.output).contains(repo.url() + "@" + shortSha + ": path \"apps/web\" does not exist at this "
                + "commit; check the path, or push the folder to this revision");
        assertThat(dataOf("web-a")).isEqualTo("one");
        assertThat(dataOf("web-b")).isEqualTo("one");
    }

    @Test
    void shouldApplyAndPruneNothingWhenANewCommitBreaksTheYaml() {
        repo.write("apps/web/a.yaml", configMap("web-a", "two")).delete("apps/web/b.yaml")
                .write("apps/web/c.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [web-c\n")
                .commit("Change a, drop b, break c");

        Run run = sync();

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.output).containsPattern("apps/web/c\\.yaml:\\d+: malformed YAML \\(.*\\); fix the YAML syntax");
        assertThat(dataOf("web-a")).as("not applied").isEqualTo("one");
        assertThat(dataOf("web-b")).as("not pruned").isEqualTo("one");
    }

    @Test
    void shouldPruneNothingWhenTheFolderRendersNoObjectsUnlessEmptyIsAllowed() {
        repo.delete("apps/web/a.yaml").delete("apps/web/b.yaml").write("apps/web/README.md", "Moved to the new cluster.\n")
                .commit("Empty web");

        Run refused = sync();
        boolean keptWhenRefused = dataOf("web-a") != null && dataOf("web-b") != null;
        Run allowed = sync("--allow-empty");

        assertThat(refused.exitCode).as(refused.output).isZero();
        assertThat(refused.output).contains("Allow empty");
        assertThat(keptWhenRefused).as("an empty render prunes nothing by default").isTrue();
        assertThat(allowed.exitCode).as(allowed.output).isZero();
        assertThat(dataOf("web-a")).as("pruned once empty is allowed").isNull();
        assertThat(dataOf("web-b")).isNull();
    }

    @Test
    void shouldApplyAndPruneNothingWhenOneKindIsUnknown() {
        repo.write("apps/web/a.yaml", configMap("web-a", "two")).delete("apps/web/b.yaml")
                .write("apps/web/widget.yaml", """
                        apiVersion: unknown.example.com/v1
                        kind: Gadget
                        metadata:
                          name: g
                        """)
                .commit("Change a, drop b, add a gadget");

        Run run = sync();

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.output).contains("apps/web/widget.yaml:1: kind Gadget in unknown.example.com/v1 is not served by ")
                .contains("install its CustomResourceDefinition (or add it to Git) or fix the apiVersion");
        assertThat(dataOf("web-a")).as("not applied").isEqualTo("one");
        assertThat(dataOf("web-b")).as("not pruned").isEqualTo("one");
    }

    @Test
    void shouldApplyNothingWhenTwoObjectsCollideOnceTheDefaultNamespaceIsApplied() {
        repo.write("apps/web/a.yaml", configMap("web-a", "two"))
                .write("apps/web/a-again.yaml", configMap("web-a", "three")
                        .replace("  name: web-a\n", "  name: web-a\n  namespace: " + namespace + "\n"))
                .commit("Declare web-a twice");

        Run run = sync();

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.output).contains("apps/web/a.yaml:1: ConfigMap/" + namespace + "/web-a is also declared at "
                + "apps/web/a-again.yaml:1 (once the default namespace is applied); keep one of them");
        assertThat(dataOf("web-a")).isEqualTo("one");
    }

    private String dataOf(String name) {
        ConfigMap configMap = admin.configMaps().inNamespace(namespace).withName(name).get();
        return configMap == null ? null : configMap.getData().get("greeting");
    }

    private static String configMap(String name, String greeting) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                data:
                  greeting: %s
                """.formatted(name, greeting);
    }

    /** {@code gitops-sync sync} of {@code apps/web} at {@code main}, pruning, as a user would run it. */
    private Run sync(String... options) {
        List<String> args = new ArrayList<>(List.of("sync", "--repo", repo.url(), "--revision", "main",
                "--path", "apps/web", "--cache-dir", temp.resolve("cache").toString(),
                "--kubeconfig", kubeconfig.toString(), "--namespace", namespace,
                "--environment", "nothing-lost-" + namespace, "--prune"));
        args.addAll(List.of(options));
        StringWriter output = new StringWriter();
        PrintWriter writer = new PrintWriter(output, true);
        int exitCode = new CommandLine(new GitOpsSyncCommand()).setOut(writer).setErr(writer)
                .execute(args.toArray(String[]::new));
        return new Run(exitCode, output.toString());
    }

    private record Run(int exitCode, String output) {
    }
}
