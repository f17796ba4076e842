package io.jenkins.plugins.gitops.engine.sync;

import static io.jenkins.plugins.gitops.engine.testing.Manifests.configMap;
import static io.jenkins.plugins.gitops.engine.testing.Manifests.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.Ownership;
import io.jenkins.plugins.gitops.engine.pipeline.Verdict;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Resource hooks as Argo CD runs them, on a real API server: created at their phase, in wave order, waited for,
 * deleted by their policy; a failed hook stops the sync with its reason and runs the SyncFail hooks; hooks are never
 * compared with Git nor pruned.
 *
 * <p>The test API server runs no controllers, so nothing would ever run a Job: a {@link JobController} in this test
 * plays the Job controller's part, completing or failing each hook Job through its {@code status} subresource as the
 * real one would, and notes what else existed at the moment the Job appeared (to prove the order).
 */
@ExtendWith(RealApiServer.class)
class HooksIT {

    private static final String REVISION = "0123456789abcdef0123456789abcdef01234567";

    private ClusterConnection connection;
    private KubernetesClient admin;
    private String namespace;
    private final List<String> console = new CopyOnWriteArrayList<>();
    private JobController jobs;

    @BeforeEach
    void connect(TestCluster cluster) {
        connection = cluster.connection();
        admin = cluster.admin();
        namespace = cluster.namespace();
    }

    @AfterEach
    void stopController() throws InterruptedException {
        if (jobs != null) {
            jobs.stop();
        }
    }

    private SyncResult reconcile(List<KubeObject> desired, Mode mode) {
        return Engines.reconciler(connection).reconcile(desired, new Target("hooks-" + namespace, namespace, List.of(),
                List.of(), REVISION), SyncPolicy.defaults().withWaitForHealth(false, Duration.ofMinutes(2)), mode,
                console::add);
    }

    private static String job(String metadata) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata:
                %s
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                        - name: main
                          image: busybox:1.36
                          command: ["true"]
                """.formatted(metadata.indent(2).stripTrailing());
    }

    @Test
    void shouldRunAPreSyncHookBeforeTheObjectsAndNameItFromItsGenerateName() {
        jobs = new JobController(admin, namespace, name -> "Complete");
        List<KubeObject> desired = parse("apps/db.yaml", job("""
                generateName: upgrade-sql-schema-
                annotations:
                  argocd.argoproj.io/hook: PreSync
                """) + "---\n" + configMap("app", "A", "1"));

        SyncResult sync = reconcile(desired, Mode.SYNC);

        assertThat(sync.outcome()).as(console.toString()).isEqualTo(Outcome.SYNCED);
        String name = jobs.seen().keySet().iterator().next();
        assertThat(name).matches("upgrade-sql-schema-0123456-presync-\\d+");
        assertThat(jobs.seen().get(name)).as("the ConfigMap did not exist yet when the hook ran").doesNotContain("app");
        Job hook = admin.batch().v1().jobs().inNamespace(namespace).withName(name).get();
        assertThat(hook.getMetadata().getLabels()).containsKey("gitops-sync.jenkins.io/hook-of")
                .doesNotContainKey(Ownership.ENVIRONMENT_LABEL);
        assertThat(sync.entries()).filteredOn(e -> e.action() == Action.HOOK).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.ref().name()).isEqualTo(name);
                    assertThat(entry.message()).isEqualTo("PreSync hook (wave 0): succeeded");
                    assertThat(entry.origin().toString()).isEqualTo("apps/db.yaml:1");
                });
        assertThat(admin.configMaps().inNamespace(namespace).withName("app").get()).isNotNull();

        SyncResult check = reconcile(desired, Mode.PREVIEW);
        assertThat(check.outcome()).as("hooks are not drift").isEqualTo(Outcome.IN_SYNC);
        assertThat(check.entries()).filteredOn(e -> e.action() == Action.HOOK).singleElement()
                .satisfies(entry -> assertThat(entry.message()).startsWith("PreSync hook (wave 0): runs when the"
                        + " environment syncs (argocd.argoproj.io/hook: PreSync)"));
        assertThat(check.requests().writes()).isZero();
        assertThat(jobs.seen()).as("a check runs no hook").hasSize(1);

        SyncResult again = reconcile(List.of(desired.get(1)), Mode.SYNC);
        assertThat(again.entries()).noneMatch(e -> e.action() == Action.PRUNED);
        assertThat(admin.batch().v1().jobs().inNamespace(namespace).withName(name).get())
                .as("a hook is never pruned").isNotNull();
    }

    @Test
    void shouldStopAtAFailedPreSyncHookRunTheSyncFailHooksAndDeleteWhatAsksToBeDeletedOnFailure() {
        jobs = new JobController(admin, namespace, name -> "Failed");
        List<KubeObject> desired = parse("apps/db.yaml", job("""
                name: migrate
                annotations:
                  argocd.argoproj.io/hook: PreSync
                  argocd.argoproj.io/hook-delete-policy: HookFailed
                """) + "---\n" + configMap("app", "A", "1") + """
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: alert
                  annotations:
                    argocd.argoproj.io/hook: SyncFail
                data: {reason: migration}
                """);

        SyncResult sync = reconcile(desired, Mode.SYNC);

        assertThat(sync.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(sync.failure()).startsWith("PreSync hook Job/" + namespace + "/migrate failed: ")
                .contains("BackoffLimitExceeded");
        assertThat(admin.configMaps().inNamespace(namespace).withName("app").get()).as("nothing applied").isNull();
        assertThat(sync.entries()).filteredOn(e -> e.ref().name().equals("app")).singleElement()
                .satisfies(entry -> assertThat(entry.action()).isEqualTo(Action.SKIPPED));
        assertThat(admin.configMaps().inNamespace(namespace).withName("alert").get()).as("SyncFail hook ran")
                .isNotNull();
        assertThat(admin.batch().v1().jobs().inNamespace(namespace).withName("migrate").get())
                .as("deleted by HookFailed").isNull();
        assertThat(Verdict.of(sync).exitCode()).isNotZero();
    }

    @Test
    void shouldRunHelmPostInstallHooksOnceEverythingIsHealthyAndDeleteThemOnSuccess() {
        jobs = new JobController(admin, namespace, name -> "Complete");
        List<KubeObject> desired = parse("charts/web/templates/hooks.yaml", job("""
                name: smoke-test
                annotations:
                  helm.sh/hook: post-install,post-upgrade
                  helm.sh/hook-weight: "5"
                  helm.sh/hook-delete-policy: hook-succeeded
                """) + "---\n" + configMap("app", "A", "1"));

        SyncResult sync = reconcile(desired, Mode.SYNC);

        assertThat(sync.outcome()).as(console.toString()).isEqualTo(Outcome.SYNCED);
        assertThat(jobs.seen().get("smoke-test")).as("the objects were there when the PostSync hook ran").contains("app");
        assertThat(admin.batch().v1().jobs().inNamespace(namespace).withName("smoke-test").get())
                .as("deleted by hook-succeeded").isNull();
        assertThat(sync.entries()).filteredOn(e -> e.action() == Action.HOOK).singleElement()
                .satisfies(entry -> assertThat(entry.message())
                        .isEqualTo("PostSync hook (wave 5): succeeded; deleted (HookSucceeded)"));
    }

    @Test
    void shouldRunASyncHookBetweenTheWavesAroundIt() {
        jobs = new JobController(admin, namespace, name -> "Complete");
        List<KubeObject> desired = parse("apps/waves.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: first, annotations: {argocd.argoproj.io/sync-wave: "0"}}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: last, annotations: {argocd.argoproj.io/sync-wave: "2"}}
                ---
                """ + job("""
                name: between
                annotations:
                  argocd.argoproj.io/hook: Sync
                  argocd.argoproj.io/sync-wave: "1"
                """));

        SyncResult sync = reconcile(desired, Mode.SYNC);

        assertThat(sync.outcome()).as(console.toString()).isEqualTo(Outcome.SYNCED);
        assertThat(jobs.seen().get("between")).contains("first").doesNotContain("last");
        assertThat(admin.configMaps().inNamespace(namespace).withName("last").get()).isNotNull();
    }

    @Test
    void shouldDeleteTheEarlierRunOfANamedHookBeforeCreatingItAgain() {
        jobs = new JobController(admin, namespace, name -> "Complete");
        List<KubeObject> desired = parse("apps/smoke.yaml", job("""
                name: smoke
                annotations:
                  argocd.argoproj.io/hook: PostSync
                """));

        reconcile(desired, Mode.SYNC);
        String firstRun = admin.batch().v1().jobs().inNamespace(namespace).withName("smoke").get().getMetadata().getUid();
        SyncResult second = reconcile(desired, Mode.SYNC);

        assertThat(second.outcome()).as(console.toString()).isIn(Outcome.IN_SYNC, Outcome.SYNCED);
        String secondRun = admin.batch().v1().jobs().inNamespace(namespace).withName("smoke").get().getMetadata().getUid();
        assertThat(secondRun).as("BeforeHookCreation, the default, deleted the first run").isNotEqualTo(firstRun);
        assertThat(console).anyMatch(line -> line.contains("deleting the earlier run"));
    }

    @Test
    void shouldRefuseAnUnknownHookTypeNamingTheFileAndAnnotationAndApplyNothing() {
        List<KubeObject> desired = parse("apps/db.yaml", configMap("app", "A", "1") + "---\n" + job("""
                name: migrate
                annotations:
                  argocd.argoproj.io/hook: PreSnyc
                """));

        SyncResult sync = reconcile(desired, Mode.SYNC);

        assertThat(sync.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(sync.failure()).contains("apps/db.yaml:2: Job/migrate has annotation argocd.argoproj.io/hook:"
                + " \"PreSnyc\"; \"PreSnyc\" is not one of PreSync, Sync, PostSync, SyncFail, Skip");
        assertThat(sync.requests().writes()).isZero();
        assertThat(admin.configMaps().inNamespace(namespace).withName("app").get()).isNull();
    }

    @Test
    void shouldHoldAHookToTheDeploymentPolicyAndWriteNothing() {
        List<KubeObject> desired = parse("apps/db.yaml", configMap("app", "A", "1") + "---\n" + job("""
                name: escape
                namespace: kube-system
                annotations:
                  argocd.argoproj.io/hook: PreSync
                """));

        SyncResult sync = Engines.reconciler(connection).reconcile(desired, new Target("hooks-" + namespace, namespace,
                List.of(new DeploymentPolicy("the deployment policy of folder team-a", List.of(), List.of(namespace),
                        List.of())), List.of(), REVISION), SyncPolicy.defaults(), Mode.SYNC, console::add);

        assertThat(sync.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(sync.failure()).contains("Job/kube-system/escape (apps/db.yaml:2): namespace kube-system is not allowed"
                + " by the deployment policy of folder team-a");
        assertThat(sync.requests().writes()).isZero();
        assertThat(admin.batch().v1().jobs().inNamespace("kube-system").withName("escape").get()).isNull();
    }

    @Test
    void shouldNeverDeleteAnObjectThatIsNotThisEnvironmentsHook() {
        admin.batch().v1().jobs().inNamespace(namespace).resource(new JobBuilder().withNewMetadata().withName("nightly")
                .endMetadata().withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("main").withImage("busybox:1.36").endContainer().endSpec().endTemplate()
                .endSpec().build()).create();
        String uid = admin.batch().v1().jobs().inNamespace(namespace).withName("nightly").get().getMetadata().getUid();
        List<KubeObject> desired = parse("apps/db.yaml", job("""
                name: nightly
                annotations:
                  argocd.argoproj.io/hook: PreSync
                """));

        SyncResult sync = reconcile(desired, Mode.SYNC);

        assertThat(sync.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(sync.failure()).contains("PreSync hook Job/" + namespace + "/nightly failed: could not be created: an"
                + " object of that name exists and is not this environment's hook");
        assertThat(admin.batch().v1().jobs().inNamespace(namespace).withName("nightly").get().getMetadata().getUid())
                .as("someone else's Job is left alone").isEqualTo(uid);
    }

    @Test
    void shouldLeaveOutHelmTestHooksAndSkippedObjects() {
        List<KubeObject> desired = parse("apps/extras.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: test-connection, annotations: {helm.sh/hook: test}}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: skipped, annotations: {argocd.argoproj.io/hook: Skip}}
                ---
                """ + configMap("app", "A", "1"));

        SyncResult sync = reconcile(desired, Mode.SYNC);

        assertThat(sync.outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(admin.configMaps().inNamespace(namespace).withName("test-connection").get()).isNull();
        assertThat(admin.configMaps().inNamespace(namespace).withName("skipped").get()).isNull();
        assertThat(console).anyMatch(line -> line.startsWith("Note: apps/extras.yaml:1: ConfigMap/test-connection is not"
                + " applied: helm.sh/hook: test is a Helm test hook"));
    }

    /**
     * Plays the Job controller for hook Jobs: sets each new Job's final condition through the status subresource, as
     * {@code outcome} says ("Complete" or "Failed"), and notes which ConfigMaps existed when it first saw the Job.
     */
    private static final class JobController {

        private final Map<String, List<String>> seen = new ConcurrentHashMap<>();
        private final Thread thread;
        private volatile boolean stopped;

        JobController(KubernetesClient admin, String namespace, Function<String, String> outcome) {
            thread = new Thread(() -> {
                while (!stopped) {
                    try {
                        for (Job job : admin.batch().v1().jobs().inNamespace(namespace).list().getItems()) {
                            if (job.getStatus() != null && job.getStatus().getConditions() != null
                                    && !job.getStatus().getConditions().isEmpty()) {
                                continue;
                            }
                            String name = job.getMetadata().getName();
                            seen.computeIfAbsent(name, n -> admin.configMaps().inNamespace(namespace).list().getItems()
                                    .stream().map(c -> c.getMetadata().getName()).toList());
                            finish(admin, namespace, job, outcome.apply(name));
                        }
                    } catch (KubernetesClientException e) {
                        // stopped mid-request, or the Job changed meanwhile: the next round sees it anew
                    }
                    try {
                        Thread.sleep(50); // a polling loop standing in for the controller, not a wait of the test's
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "job-controller");
            thread.setDaemon(true);
            thread.start();
        }

        private static void finish(KubernetesClient admin, String namespace, Job job, String outcome) {
            boolean complete = "Complete".equals(outcome);
            Job finished = new JobBuilder(job).editOrNewStatus()
                    .withSucceeded(complete ? 1 : 0).withFailed(complete ? 0 : 1)
                    .addNewCondition().withType(outcome).withStatus("True")
                    .withReason(complete ? null : "BackoffLimitExceeded")
                    .withMessage(complete ? null : "Job has reached the specified backoff limit").endCondition()
                    .endStatus().build();
            admin.batch().v1().jobs().inNamespace(namespace).resource(finished).updateStatus();
        }

        /** Each Job seen, with the ConfigMaps that existed when it was first seen. */
        Map<String, List<String>> seen() {
            return seen;
        }

        void stop() throws InterruptedException {
            stopped = true;
            thread.interrupt();
            thread.join();
        }
    }
}
