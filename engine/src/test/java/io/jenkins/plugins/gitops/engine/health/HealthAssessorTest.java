package io.jenkins.plugins.gitops.engine.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class HealthAssessorTest {

    private final HealthAssessor assessor = new HealthAssessor();

    /** One line per fixture, as gitops-engine's health_test.go: what a user sees for that live object. */
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
            deployment-healthy                              | HEALTHY     | Rolled out: 3 replicas are available
            deployment-progressing                          | PROGRESSING | Waiting for rollout to finish: 1 of 3 updated replicas are available
            deployment-progressing-updating-replicas        | PROGRESSING | Waiting for rollout to finish: 2 of 3 new replicas have been updated
            deployment-progressing-old-replicas-terminating | PROGRESSING | Waiting for rollout to finish: 1 old replica is pending termination
            deployment-progressing-generation-not-observed  | PROGRESSING | Waiting for the deployment controller to observe the latest spec (generation 3, observed 2)
            deployment-degraded-progress-deadline           | DEGRADED    | Rollout did not finish within its progress deadline of 300s: ReplicaSet "web-5f8c7d9b6d" has timed out progressing; check the events and logs of the new pods
            deployment-paused                               | SUSPENDED   | Deployment is paused; resume it
            statefulset-healthy                             | HEALTHY     |
            statefulset-progressing-pods-not-ready          | PROGRESSING | Waiting for pods to be ready: 1 of 3 are ready
            statefulset-progressing-rolling-update          | PROGRESSING | Waiting for rollout to finish: 1 of 3 new pods have been updated
            statefulset-partition-progressing               | PROGRESSING | Waiting for partitioned rollout to finish: 1 of 2 new pods have been updated
            statefulset-partition-rolled-out                | HEALTHY     | pods with an ordinal below 1 keep the old revision
            statefulset-ondelete                            | HEALTHY     | 1 of 3 pods run the latest revision; with updateStrategy OnDelete, delete the others
            daemonset-healthy                               | HEALTHY     |
            daemonset-progressing                           | PROGRESSING | Waiting for rollout to finish: 1 of 3 new pods have been updated
            daemonset-ondelete                              | HEALTHY     | 0 of 3 pods run the latest template
            replicaset-healthy                              | HEALTHY     |
            replicaset-degraded-replica-failure             | DEGRADED    | Cannot create pods: FailedCreate
            pod-running                                     | HEALTHY     |
            pod-running-not-ready                           | PROGRESSING | Waiting for containers to become ready: web
            pod-crashloop                                   | DEGRADED    | Container "web" keeps crashing (CrashLoopBackOff, 5 restarts, last exit code 1: Error); check its logs with kubectl logs --previous
            pod-image-pull-backoff                          | DEGRADED    | Container "web" cannot pull its image (ImagePullBackOff: Back-off pulling image "registry.example.com/shop/web:1.5.1"); check the image name, the tag and the image pull secrets
            pod-init-crashloop                              | DEGRADED    | Container "wait-for-db" keeps crashing (CrashLoopBackOff, 4 restarts, last exit code 2: Error)
            pod-pending-unschedulable                       | PROGRESSING | Pod cannot be scheduled yet: Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.
            pod-running-restart-never                       | PROGRESSING | healthy once it completes
            pod-succeeded                                   | HEALTHY     |
            pod-failed                                      | DEGRADED    | Container "migrate" failed (last exit code 1: Error): relation "orders" already exists; check its logs
            pod-evicted                                     | DEGRADED    | Pod failed: Evicted: The node was low on resource: memory.
            job-running                                     | PROGRESSING | Job is running: 1 active, 0 of 1 completions succeeded
            job-complete                                    | HEALTHY     |
            job-failed                                      | DEGRADED    | Job failed: BackoffLimitExceeded: Job has reached the specified backoff limit
            job-suspended                                   | SUSPENDED   |
            cronjob-healthy                                 | HEALTHY     |
            cronjob-running                                 | HEALTHY     | 1 job is running
            cronjob-last-run-failed                         | DEGRADED    | The job scheduled at 2025-05-16T00:00:00Z did not complete successfully
            cronjob-never-succeeded                         | HEALTHY     | No job has completed successfully yet
            cronjob-not-scheduled-yet                       | HEALTHY     | Not run yet
            cronjob-suspended                               | SUSPENDED   |
            pvc-bound                                       | HEALTHY     |
            pvc-pending                                     | PROGRESSING | Waiting for a volume to be bound
            pvc-lost                                        | DEGRADED    | no longer exists
            pvc-deleting                                    | PROGRESSING | Being deleted; waiting for finalizers: kubernetes.io/pvc-protection
            svc-clusterip                                   | HEALTHY     |
            svc-loadbalancer-pending                        | PROGRESSING | Waiting for the load balancer to get an IP address or hostname
            svc-loadbalancer-assigned                       | HEALTHY     | elb.eu-central-1.amazonaws.com
            ingress-pending                                 | PROGRESSING | Waiting for an ingress controller to publish an address; check that a controller serves ingress class "nginx"
            ingress-assigned                                | HEALTHY     | 203.0.113.24
            crd-established                                 | HEALTHY     |
            crd-installing                                  | PROGRESSING | Waiting for the API server to establish the CRD (Installing
            crd-names-not-accepted                          | DEGRADED    | Names not accepted (ShortNamesConflict: "ord" is already in use)
            apiservice-available                            | HEALTHY     |
            apiservice-unavailable                          | PROGRESSING | FailedDiscoveryCheck
            custom-resource-ready-true                      | HEALTHY     |
            custom-resource-ready-false                     | DEGRADED    | Not ready: Failed: The certificate request has failed to complete and will be retried: referenced ClusterIssuer "letsencrypt-prod" does not exist
            custom-resource-condition-stale                 | PROGRESSING | for the latest spec (generation 3, condition is for generation 2)
            custom-resource-stale-generation                | PROGRESSING | Waiting for its controller to observe the latest spec (generation 4, observed 3)
            custom-resource-reconciling                     | PROGRESSING | Reconciling: ProgressingWithRetry
            custom-resource-stalled                         | DEGRADED    | Stalled: RetriesExceeded
            custom-resource-no-status                       | HEALTHY     |
            configmap                                       | HEALTHY     |
            """)
    void shouldAssessLiveObject(String fixture, HealthStatus expectedStatus, String expectedMessage) {
        Health health = assessor.assess(Fixtures.load(fixture));

        assertThat(health.status()).as("status of %s (%s)", fixture, health).isEqualTo(expectedStatus);
        if (expectedMessage != null) {
            assertThat(health.message()).contains(expectedMessage);
        }
    }

    @Test
    void shouldReportMissingWhenLiveObjectIsAbsent() {
        Health health = assessor.assess(null);

        assertThat(health.status()).isEqualTo(HealthStatus.MISSING);
        assertThat(health.message()).isEqualTo("The object does not exist in the cluster; a sync creates it");
    }

    @Test
    void shouldChooseCheckByGroupAndKindWhateverTheVersion() {
        ObjectNode ingress = Fixtures.load("ingress-pending");
        ingress.put("apiVersion", "extensions/v1beta1");

        assertThat(assessor.assess(ingress).status()).isEqualTo(HealthStatus.PROGRESSING);
    }

    @Test
    void shouldUseOverrideWhenRegisteredForGroupAndKind() {
        HealthAssessor withOverride = assessor.withOverride("cert-manager.io", "Certificate",
                certificate -> Optional.of(Health.suspended("Waiting for the issuer to be approved")));

        Health health = withOverride.assess(Fixtures.load("custom-resource-ready-false"));

        assertThat(health).isEqualTo(Health.suspended("Waiting for the issuer to be approved"));
    }

    @Test
    void shouldUseBuiltInCheckWhenOverrideDeclines() {
        HealthAssessor withOverride = assessor.withOverride("apps", "Deployment", deployment -> Optional.empty());

        assertThat(withOverride.assess(Fixtures.load("deployment-paused")).status())
                .isEqualTo(HealthStatus.SUSPENDED);
    }

    @Test
    void shouldIgnoreOverrideWhenRegisteredForAnotherGroup() {
        HealthAssessor withOverride = assessor.withOverride("extensions", "Deployment",
                deployment -> Optional.of(Health.healthy("")));

        assertThat(withOverride.assess(Fixtures.load("deployment-degraded-progress-deadline")).status())
                .isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void shouldReportUnknownWhenOverrideFails() {
        HealthAssessor withOverride = assessor.withOverride("apps", "Deployment", deployment -> {
            throw new IllegalStateException("script error on line 3");
        });

        Health health = withOverride.assess(Fixtures.load("deployment-healthy"));

        assertThat(health.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(health.message()).startsWith("Health override for Deployment.apps failed: ")
                .contains("script error on line 3");
    }

    @Test
    void shouldUseLatestOverrideWhenRegisteredTwiceForOneKind() {
        HealthAssessor withOverrides = assessor
                .withOverride("apps", "Deployment", deployment -> Optional.of(Health.degraded("first")))
                .withOverride("apps", "Deployment", deployment -> Optional.of(Health.healthy("second")));

        assertThat(withOverrides.assess(Fixtures.load("deployment-paused"))).isEqualTo(Health.healthy("second"));
    }

    @Test
    void shouldKeepOriginalAssessorUnchangedWhenAddingOverride() {
        assessor.withOverride("apps", "Deployment", deployment -> Optional.of(Health.degraded("overridden")));

        assertThat(assessor.assess(Fixtures.load("deployment-healthy")).status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void shouldNotLetOverrideChangeTheLiveObject() {
        ObjectNode deployment = Fixtures.load("deployment-healthy");
        ObjectNode original = deployment.deepCopy();
        HealthAssessor withOverride = assessor.withOverride("apps", "Deployment", live -> {
            live.remove("status");
            return Optional.empty();
        });

        withOverride.assess(deployment);

        assertThat(deployment).isEqualTo(original);
    }

    @Test
    void shouldReportDeletionInProgressWhenOverrideIsRegistered() {
        HealthAssessor withOverride = assessor.withOverride("", "PersistentVolumeClaim",
                claim -> Optional.of(Health.healthy("")));

        assertThat(withOverride.assess(Fixtures.load("pvc-deleting")).status()).isEqualTo(HealthStatus.PROGRESSING);
    }

    @Test
    void shouldHaveOneBuiltInCheckPerSupportedKind() {
        assertThat(HealthAssessor.builtInChecks()).extractingFromEntries(entry -> entry.getKey().toString())
                .containsExactlyInAnyOrder("Deployment.apps", "StatefulSet.apps", "DaemonSet.apps",
                        "ReplicaSet.apps", "Pod", "Job.batch", "CronJob.batch", "PersistentVolumeClaim", "Service",
                        "Ingress.networking.k8s.io", "Ingress.extensions",
                        "CustomResourceDefinition.apiextensions.k8s.io", "APIService.apiregistration.k8s.io");
    }

    /** The contract every built-in check keeps, like a parser contract test: odd input never breaks it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("builtInChecks")
    void shouldAssessObjectWithoutStatusWithoutFailing(GroupKind groupKind, HealthCheck check) {
        ObjectNode minimal = object(groupKind);

        assertThatCode(() -> check.check(minimal)).doesNotThrowAnyException();
        assertThat(check.check(minimal)).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtInChecks")
    void shouldAssessObjectWithUnexpectedFieldTypesWithoutFailing(GroupKind groupKind, HealthCheck check) {
        ObjectNode odd = object(groupKind);
        odd.put("spec", "not an object");
        odd.putObject("status").put("conditions", "not a list").put("replicas", "three")
                .putArray("containerStatuses").add(7);

        assertThatCode(() -> check.check(odd)).doesNotThrowAnyException();
        assertThat(check.check(odd)).isNotNull();
    }

    static Stream<Arguments> builtInChecks() {
        return HealthAssessor.builtInChecks().entrySet().stream()
                .map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
    }

    private static ObjectNode object(GroupKind groupKind) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.put("apiVersion", groupKind.group().isEmpty() ? "v1" : groupKind.group() + "/v1");
        object.put("kind", groupKind.kind());
        object.putObject("metadata").put("name", "example").put("namespace", "default");
        return object;
    }
}
