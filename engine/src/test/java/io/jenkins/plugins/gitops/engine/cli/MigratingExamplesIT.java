package io.jenkins.plugins.gitops.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.ApiServerAccess;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked examples of docs/migrating.md: folders in the shape of public Argo CD and Flux example repositories
 * (argoproj/argocd-example-apps: kustomize-guestbook, sync-waves; stefanprodan/podinfo: kustomize, as Flux's
 * getting-started guide syncs it), synced unchanged with {@code gitops-sync} on a real API server. The fixtures
 * are written for these tests, not copied. The Kustomize folders need kustomize or kubectl 1.21+ on the PATH.
 */
@ExtendWith(RealApiServer.class)
class MigratingExamplesIT {

    @TempDir
    Path temp;

    @Test
    void shouldSyncAnArgoCdKustomizeFolderAsArgoCdWould(ApiServerAccess access, TestNamespace namespace,
            KubernetesClient admin) {
        TestEnvironment environment = new TestEnvironment(access, namespace, admin, temp, "cli/migrating/argo-kustomize");

        CliRun sync = environment.run("sync", "--prune");
        CliRun again = environment.run("sync", "--prune");

        assertThat(sync.exitCode()).as(sync.toString()).isZero();
        assertThat(sync.out()).containsPattern("Deployment +" + namespace.name() + " +kustomize-guestbook-ui +created")
                .containsPattern("Service +" + namespace.name() + " +kustomize-guestbook-ui +created");
        assertThat(again.out()).as(again.toString()).contains("Synced: nothing to do, the cluster already matches Git");
    }

    @Test
    void shouldApplyArgoCdWavesInOrderAndKeepWhatPruneFalseKeeps(ApiServerAccess access, TestNamespace namespace,
            KubernetesClient admin) throws IOException {
        TestEnvironment environment = new TestEnvironment(access, namespace, admin, temp, "cli/migrating/argo-waves");

        CliRun sync = environment.run("sync", "--prune", "--verbose");

        assertThat(sync.exitCode()).as(sync.toString()).isZero();
        assertThat(sync.out() + sync.err()).containsSubsequence("Applying wave 0", "Applying wave 2");

        // Git drops the frontend: its ReplicaSet is pruned, its Service (Prune=false) is kept
        Path manifests = environment.folder().resolve("manifests.yaml");
        String yaml = Files.readString(manifests);
        Files.writeString(manifests, yaml.substring(0, yaml.indexOf("---\napiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: frontend")));

        CliRun prune = environment.run("sync", "--prune");

        assertThat(prune.exitCode()).as(prune.toString()).isZero();
        assertThat(prune.out()).containsPattern("ReplicaSet +" + namespace.name() + " +frontend +pruned")
                .containsPattern("Service +" + namespace.name() + " +frontend +skipped.*not pruned: annotated"
                        + " argocd.argoproj.io/sync-options: Prune=false");
        assertThat(admin.services().inNamespace(namespace.name()).withName("frontend").get()).isNotNull();
        assertThat(admin.apps().replicaSets().inNamespace(namespace.name()).withName("frontend").get()).isNull();
    }

    @Test
    void shouldSyncAFluxKustomizeFolderAndHonourFluxAnnotations(ApiServerAccess access, TestNamespace namespace,
            KubernetesClient admin) throws IOException {
        TestEnvironment environment = new TestEnvironment(access, namespace, admin, temp, "cli/migrating/flux-kustomize");

        CliRun sync = environment.run("sync", "--prune");

        assertThat(sync.exitCode()).as(sync.toString()).isZero();
        assertThat(sync.out()).contains("4 objects: 4 created");

        // ssa: IfNotPresent: a change made in the cluster stays
        environment.editAsKubectl(admin.configMaps().inNamespace(namespace.name()).withName("podinfo-settings"),
                "{\"data\":{\"PODINFO_UI_MESSAGE\":\"changed in the cluster\"}}");
        CliRun again = environment.run("sync", "--prune");

        assertThat(again.out()).as(again.toString()).containsPattern("ConfigMap +" + namespace.name()
                + " +podinfo-settings +unchanged.*left as it is: annotated kustomize.toolkit.fluxcd.io/ssa: IfNotPresent");
        assertThat(admin.configMaps().inNamespace(namespace.name()).withName("podinfo-settings").get().getData())
                .containsEntry("PODINFO_UI_MESSAGE", "changed in the cluster");

        // prune: disabled: dropped from Git, kept in the cluster
        Path kustomization = environment.folder().resolve("kustomization.yaml");
        Files.writeString(kustomization, Files.readString(kustomization).replace("  - settings.yaml\n", ""));
        CliRun prune = environment.run("sync", "--prune");

        assertThat(prune.exitCode()).as(prune.toString()).isZero();
        assertThat(prune.out()).containsPattern("ConfigMap +" + namespace.name() + " +podinfo-settings +skipped.*not"
                + " pruned: annotated kustomize.toolkit.fluxcd.io/prune: disabled");
        assertThat(admin.configMaps().inNamespace(namespace.name()).withName("podinfo-settings").get()).isNotNull();
    }
}
