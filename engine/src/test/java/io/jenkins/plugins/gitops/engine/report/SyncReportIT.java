package io.jenkins.plugins.gitops.engine.report;

import static io.jenkins.plugins.gitops.engine.testing.Manifests.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.diff.DriftDetector;
import io.jenkins.plugins.gitops.engine.health.HealthAssessor;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.Reconciler;
import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.sync.Target;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestNamespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reports of real reconciles: valid against the published schema whatever happened (preview, dry run,
 * failure, conflict, prune), and stable, so that two reports of the same state have the same objects.
 */
@ExtendWith(RealApiServer.class)
class SyncReportIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SyncPolicy NO_WAIT = SyncPolicy.defaults().withWaitForHealth(false, Duration.ZERO);

    private final ReportSchema schema = new ReportSchema();
    private ClusterConnection connection;
    private KubernetesClient admin;
    private String namespace;

    @BeforeEach
    void connect(ClusterConnection engineConnection, TestNamespace testNamespace, KubernetesClient client) {
        connection = engineConnection;
        admin = client;
        namespace = testNamespace.name();
    }

    @Test
    void shouldWriteReportsTheSchemaAcceptsWhateverHappened() {
        List<SyncReport> reports = new ArrayList<>();
        reports.add(report(app(2), NO_WAIT, Mode.PREVIEW));
        reports.add(report(app(2), NO_WAIT, Mode.DRY_RUN));
        reports.add(report(app(2), NO_WAIT, Mode.SYNC));
        scaleByHand(5);
        reports.add(report(app(2), NO_WAIT.withForceConflicts(false), Mode.SYNC));
        reports.add(report(parse("config.yaml", configMap("settings")), NO_WAIT.withPrune(true), Mode.SYNC));
        reports.add(report(parse("broken.yaml", configMap("b_invalid")), NO_WAIT, Mode.SYNC));

        assertThat(reports).extracting(r -> r.summary().outcome()).containsExactly(Outcome.OUT_OF_SYNC,
                Outcome.SYNCED, Outcome.SYNCED, Outcome.CONFLICTS, Outcome.SYNCED, Outcome.FAILED);
        assertThat(reports.get(4).objects()).extracting(ReportObject::action).contains(Action.PRUNED);
        for (SyncReport report : reports) {
            assertThat(schema.problemsOf(ReportJsonTest.json(report))).as("%s", report.summary().outcome()).isEmpty();
        }
    }

    @Test
    void shouldDescribeTheSameStateWithTheSameObjects() {
        report(app(2), NO_WAIT, Mode.SYNC);
        scaleByHand(5);

        SyncReport first = report(app(2), NO_WAIT, Mode.PREVIEW);
        SyncReport second = report(app(2), NO_WAIT, Mode.PREVIEW);

        assertThat(first.objects()).extracting(ReportObject::action).contains(Action.CONFIGURED);
        assertThat(objectsJson(second)).isEqualTo(objectsJson(first));
        assertThat(objectsJson(first)).doesNotContain("resourceVersion").doesNotContain("creationTimestamp")
                .doesNotContain("managedFields").doesNotContain("uid");
    }

    private SyncReport report(List<KubeObject> desired, SyncPolicy policy, Mode mode) {
        Instant start = Instant.now();
        SyncResult result = new Reconciler(connection, new HealthAssessor(), new DriftDetector(), Clock.systemUTC(),
                Duration.ofMillis(200)).reconcile(desired, new Target("report-" + namespace, namespace), policy, mode,
                line -> { });
        return SyncReport.of(result, new ReportContext("report-" + namespace, connection.serverUrl(), namespace,
                "https://git.example.com/shop.git", "apps", "main", null, policy, start, Instant.now()));
    }

    private void scaleByHand(int replicas) {
        admin.apps().deployments().inNamespace(namespace).withName("web").edit(d -> {
            d.getSpec().setReplicas(replicas);
            return d;
        });
    }

    private static String objectsJson(SyncReport report) {
        try {
            return JSON.writeValueAsString(JSON.readTree(ReportJsonTest.json(report)).path("objects"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<KubeObject> app(int replicas) {
        return parse("apps/web.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: %d
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                        - name: main
                          image: nginx:1.25
                ---
                """.formatted(replicas) + configMap("settings") + "---\n" + configMap("extra"));
    }

    private static String configMap(String name) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                data:
                  GREETING: hello
                """.formatted(name);
    }
}
