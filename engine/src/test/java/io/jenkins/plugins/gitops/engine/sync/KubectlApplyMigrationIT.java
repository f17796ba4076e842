package io.jenkins.plugins.gitops.engine.sync;

import static io.jenkins.plugins.gitops.engine.testing.Manifests.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.diff.ClientSideApply;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.ApiServerAccess;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestNamespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objects first made by client-side {@code kubectl apply} and then synced from Git: the fields {@code kubectl
 * apply} set are handed over to the engine's field manager, so that a field Git no longer declares disappears
 * from the live object (a ConfigMap key, a container's environment variable, a Service port), as Flux's
 * clean-up of managed fields does. The objects are made by the real {@code kubectl} (the one the Kustomize tests
 * use), not by an imitation of it.
 */
@ExtendWith(RealApiServer.class)
class KubectlApplyMigrationIT {

    private ClusterConnection connection;
    private KubernetesClient admin;
    private String namespace;
    private Path kubeconfig;
    private final List<String> console = new ArrayList<>();

    @TempDir
    Path workspace;

    @BeforeEach
    void connect(ClusterConnection engineConnection, TestNamespace testNamespace, KubernetesClient client,
            ApiServerAccess access) throws IOException {
        connection = engineConnection;
        admin = client;
        namespace = testNamespace.name();
        kubeconfig = Files.writeString(workspace.resolve("kubeconfig"), access.kubeconfigYaml());
    }

    private SyncResult reconcile(List<KubeObject> desired, Mode mode) {
        return Engines.reconciler(connection).reconcile(desired, new Target("migrated-" + namespace, namespace),
                SyncPolicy.defaults().withWaitForHealth(false, Duration.ZERO), mode, console::add);
    }

    /** {@code kubectl apply} (client-side, the default) of {@code yaml}, as a person did before GitOps. */
    private void kubectlApply(String yaml) throws IOException, InterruptedException {
        Path file = Files.writeString(workspace.resolve("manifest.yaml"), yaml);
        Process kubectl = new ProcessBuilder("kubectl", "--kubeconfig", kubeconfig.toString(), "apply",
                "--validate=false", "-n", namespace, "-f", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(2, TimeUnit.MINUTES)).as("kubectl apply ended").isTrue();
        assertThat(kubectl.exitValue()).as("kubectl apply: %s", output).isZero();
    }

    private static String configMap(String... keys) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                """);
        for (String key : keys) {
            yaml.append("  ").append(key).append(": \"").append(key).append("-value\"\n");
        }
        return yaml.toString();
    }

    private static String deployment(String... envNames) {
        StringBuilder env = new StringBuilder();
        for (String name : envNames) {
            env.append("            - name: ").append(name).append("\n              value: \"on\"\n");
        }
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                        - name: main
                          image: nginx:1.25
                          env:
                %s""".formatted(env);
    }

    private static String service(int... ports) {
        StringBuilder list = new StringBuilder();
        for (int port : ports) {
            list.append("    - name: p").append(port).append("\n      port: ").append(port)
                    .append("\n      protocol: TCP\n      targetPort: ").append(port).append('\n');
        }
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  selector: {app: web}
                  ports:
                """ + list;
    }

    @Test
    void shouldRemoveAConfigMapKeyThatGitNoLongerDeclares() throws Exception {
        kubectlApply(configMap("keep", "drop"));

        SyncResult preview = reconcile(parse("settings.yaml", configMap("keep")), Mode.PREVIEW);
        SyncResult sync = reconcile(parse("settings.yaml", configMap("keep")), Mode.SYNC);

        ChangeSetEntry previewed = preview.entries().get(0);
        assertThat(previewed.action()).isEqualTo(Action.CONFIGURED);
        assertThat(previewed.changedPaths()).contains(".data.drop");
        assertThat(previewed.diff()).contains("-  drop: drop-value");
        assertThat(previewed.message()).contains("fields set by kubectl-client-side-apply handed over to field manager"
                + " \"gitops-sync\"");
        assertThat(sync.outcome()).isEqualTo(Outcome.SYNCED);
        var live = admin.configMaps().inNamespace(namespace).withName("settings").get();
        assertThat(live.getData()).containsOnlyKeys("keep");
        assertThat(live.getMetadata().getAnnotations()).doesNotContainKey(ClientSideApply.LAST_APPLIED_ANNOTATION);
        assertThat(live.getMetadata().getManagedFields()).extracting(entry -> entry.getManager())
                .doesNotContain("kubectl-client-side-apply");
        assertThat(reconcile(parse("settings.yaml", configMap("keep")), Mode.PREVIEW).outcome())
                .as("handed over once: the next check finds nothing").isEqualTo(Outcome.IN_SYNC);
    }

    @Test
    void shouldRemoveAContainerEnvironmentVariableThatGitNoLongerDeclares() throws Exception {
        kubectlApply(deployment("KEEP", "DROP"));

        SyncResult sync = reconcile(parse("web.yaml", deployment("KEEP")), Mode.SYNC);

        assertThat(sync.entries().get(0).changedPaths())
                .contains(".spec.template.spec.containers[name=main].env[name=DROP]");
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get().getSpec().getTemplate()
                .getSpec().getContainers().get(0).getEnv()).extracting(EnvVar::getName).containsExactly("KEEP");
    }

    @Test
    void shouldRemoveAServicePortThatGitNoLongerDeclares() throws Exception {
        kubectlApply(service(80, 8443));

        SyncResult sync = reconcile(parse("web.yaml", service(80)), Mode.SYNC);

        assertThat(sync.outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(admin.services().inNamespace(namespace).withName("web").get().getSpec().getPorts())
                .extracting(ServicePort::getPort).containsExactly(80);
    }

    @Test
    void shouldRemoveAFieldItAppliedItselfOnceGitDropsIt() {
        reconcile(parse("settings.yaml", configMap("keep", "drop")), Mode.SYNC);

        SyncResult sync = reconcile(parse("settings.yaml", configMap("keep")), Mode.SYNC);

        assertThat(sync.entries().get(0).changedPaths()).containsExactly(".data.drop");
        assertThat(admin.configMaps().inNamespace(namespace).withName("settings").get().getData()).containsOnlyKeys("keep");
    }
}
