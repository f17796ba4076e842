package io.jenkins.plugins.gitops.engine.reliability;

import static io.jenkins.plugins.gitops.engine.reliability.Syncs.entry;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.configMap;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.deployment;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.parse;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.report.ReportContext;
import io.jenkins.plugins.gitops.engine.report.SyncReport;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestNamespace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API server's own admission plugins reject an object, no webhook involved: a ResourceQuota that is
 * used up, a LimitRange whose maximum a container exceeds. The failed object's entry names it and quotes
 * the server's reason with what to do; the other objects of the sync are applied; the sync fails with its
 * partial progress in the report; nothing is deleted.
 */
@ExtendWith(RealApiServer.class)
class AdmissionRejectionIT {

    private final List<String> console = new ArrayList<>();
    private ClusterConnection connection;
    private KubernetesClient admin;
    private String namespace;
    private String environment;

    @BeforeEach
    void setUp(ClusterConnection engineConnection, KubernetesClient client, TestNamespace testNamespace) {
        connection = engineConnection;
        admin = client;
        namespace = testNamespace.name();
        environment = "admission-" + namespace;
        PruneSafety.plantForeignObjects(admin, namespace);
    }

    @Test
    void shouldReportTheExceededQuotaOnItsObjectAndApplyTheRest() {
        // One Service allowed and one in use. Without kube-controller-manager nobody computes the quota's
        // usage, so the test writes it, as the quota controller would.
        ResourceQuota quota = admin.resourceQuotas().inNamespace(namespace).resource(new ResourceQuotaBuilder()
                .withNewMetadata().withName("services").endMetadata()
                .withNewSpec().addToHard("services", new Quantity("1")).endSpec().build()).create();
        quota.setStatus(new io.fabric8.kubernetes.api.model.ResourceQuotaStatusBuilder()
                .addToHard("services", new Quantity("1")).addToUsed("services", new Quantity("1")).build());
        admin.resourceQuotas().inNamespace(namespace).resource(quota).updateStatus();
        PruneSafety.Snapshot before = PruneSafety.snapshot(admin, namespace);
        Instant start = Instant.now();

        SyncResult result = Syncs.sync(connection, environment, namespace, parse("app.yaml", configMap("settings", "k", "v")
                + "---\n" + service("web") + "---\n" + deployment("web", 1, "nginx:1.25")), console::add);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(entry(result, "Service/" + namespace + "/web").message()).isEqualTo("Service/" + namespace + "/web:"
                + " apply failed (HTTP 403: services \"web\" is forbidden: exceeded quota: services, requested: services=1,"
                + " used: services=1, limited: services=1); raise the ResourceQuota of namespace " + namespace
                + " or declare fewer objects in Git");
        assertThat(result.entries()).extracting(e -> e.ref().kind() + " " + e.action().label())
                .containsExactly("ConfigMap created", "Service failed", "Deployment created");
        SyncReport report = SyncReport.of(result, new ReportContext(environment, connection.serverUrl(), namespace,
                "/work/app", "", null, null, Syncs.PRUNE, start, Instant.now()));
        assertThat(report.summary().totals().actions()).containsEntry(Action.CREATED, 2).containsEntry(Action.FAILED, 1);
        assertThat(report.summary().failure()).isEqualTo(entry(result, "Service/" + namespace + "/web").message());
        before.assertNothingDeleted();
    }

    @Test
    void shouldReportTheLimitRangeMaximumOnItsPodAndApplyTheRest() {
        admin.limitRanges().inNamespace(namespace).resource(new LimitRangeBuilder().withNewMetadata()
                .withName("max-memory").endMetadata().withNewSpec().addNewLimit().withType("Container")
                .withMax(Map.of("memory", new Quantity("256Mi"))).endLimit().endSpec().build()).create();
        PruneSafety.Snapshot before = PruneSafety.snapshot(admin, namespace);

        SyncResult result = Syncs.sync(connection, environment, namespace, parse("app.yaml", configMap("settings", "k", "v")
                + "---\n" + """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: big
                spec:
                  containers:
                    - name: main
                      image: nginx:1.25
                      resources:
                        limits: {memory: 1Gi}
                """), console::add);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(entry(result, "Pod/" + namespace + "/big").message()).isEqualTo("Pod/" + namespace + "/big: apply"
                + " failed (HTTP 403: pods \"big\" is forbidden: maximum memory usage per Container is 256Mi, but limit is 1Gi);"
                + " change the resources in Git, or the LimitRange of namespace " + namespace);
        assertThat(entry(result, "ConfigMap/" + namespace + "/settings").action()).isEqualTo(Action.CREATED);
        before.assertNothingDeleted();
    }

    @Test
    void shouldNotApplyTheNextWaveAfterARejectedObject() {
        admin.limitRanges().inNamespace(namespace).resource(new LimitRangeBuilder().withNewMetadata()
                .withName("max-memory").endMetadata().withNewSpec().addNewLimit().withType("Container")
                .withMax(Map.of("memory", new Quantity("256Mi"))).endLimit().endSpec().build()).create();

        SyncResult result = Syncs.sync(connection, environment, namespace, parse("app.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: big
                spec:
                  containers:
                    - name: main
                      image: nginx:1.25
                      resources:
                        limits: {memory: 1Gi}
                ---
                """ + configMap("after-big", "k", "v").replace("name: after-big",
                "name: after-big\n  annotations:\n    gitops-sync.jenkins.io/sync-wave: \"1\"")), console::add);

        assertThat(entry(result, "ConfigMap/" + namespace + "/after-big").message())
                .isEqualTo("not applied: the sync stopped after wave 0, where Pod/" + namespace + "/big failed");
        assertThat(admin.configMaps().inNamespace(namespace).withName("after-big").get()).isNull();
    }
}
