package io.jenkins.plugins.gitops.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.gitops.engine.apply.Applier;
import io.jenkins.plugins.gitops.engine.apply.ApplyException;
import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import io.jenkins.plugins.gitops.engine.apply.ApplyOrder;
import io.jenkins.plugins.gitops.engine.apply.ResolvedObject;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.ClusterException;
import io.jenkins.plugins.gitops.engine.cluster.Ownership;
import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.health.HealthAssessor;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.hook.Hook;
import io.jenkins.plugins.gitops.engine.hook.HookDeletePolicy;
import io.jenkins.plugins.gitops.engine.hook.HookPhase;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs the hooks of a sync, as Argo CD does: the hooks of a phase wave by wave, each wave created (after deleting
 * the previous run's object, unless its delete policy says otherwise) and then waited for until every hook in it
 * finished: a Job until Complete or Failed, a Pod until Succeeded or Failed, any other kind until healthy. A hook
 * that fails, or does not finish within the policy's health timeout, stops its phase. Once the sync is over, the
 * hooks that ran are deleted as their policies say.
 *
 * <p>Hooks carry the label {@value #HOOK_OF_LABEL} instead of the environment's label: they are this
 * environment's, yet never listed with its objects, so never compared with Git and never pruned.
 */
final class HookRunner {

    /** Marks a hook object with the environment that runs it (the environment label's value). */
    static final String HOOK_OF_LABEL = "gitops-sync.jenkins.io/hook-of";

    private final ReconcileState state;
    private final ClusterConnection connection;
    private final HealthAssessor assessor;
    private final Duration pollInterval;
    private final Clock clock;
    private final List<ResolvedHook> hooks;
    /** The hooks created by this sync, for their delete policies. */
    private final Map<ObjectRef, ResolvedHook> created = new LinkedHashMap<>();
    /** The hook runs started by this sync: each runs once. */
    private final Set<ResolvedHook> ran = new HashSet<>();

    /** A hook with its kind resolved, its namespace decided and its marks set. */
    record ResolvedHook(Hook hook, ResolvedObject object) {
        ObjectRef ref() {
            return object.ref();
        }
    }

    HookRunner(ReconcileState state, ClusterConnection connection, HealthAssessor assessor, Duration pollInterval,
            Clock clock, List<ResolvedHook> hooks) {
        this.state = state;
        this.connection = connection;
        this.assessor = assessor;
        this.pollInterval = pollInterval;
        this.clock = clock;
        this.hooks = List.copyOf(hooks);
    }

    /** The manifest of a resolved hook with the hook's marks instead of the environment's label. */
    static ObjectNode markAsHook(ObjectNode manifest, Ownership ownership) {
        ObjectNode labels = manifest.with("metadata").with("labels");
        labels.remove(Ownership.ENVIRONMENT_LABEL);
        labels.put(HOOK_OF_LABEL, ownership.labelValue());
        return manifest;
    }

    boolean has(HookPhase phase) {
        return hooks.stream().anyMatch(hook -> hook.hook().phase() == phase);
    }

    /** Lists every hook in the change set, for a preview or a dry run: nothing is created. */
    void list() {
        for (ResolvedHook hook : hooks) {
            put(hook, null, hook.hook().describe() + ": runs when the environment syncs ("
                    + hook.hook().declaredBy() + "); hooks are not compared with the cluster");
        }
    }

    /**
     * Runs the hooks of {@code phase} with a wave up to {@code lastWave} that have not run yet.
     *
     * @return whether they all finished successfully; if not, the state says which failed and why
     */
    boolean run(HookPhase phase, int lastWave) {
        TreeMap<Integer, List<ResolvedHook>> waves = new TreeMap<>();
        for (ResolvedHook hook : hooks) {
            if (hook.hook().phase() == phase && hook.hook().wave() <= lastWave && !ran(hook)) {
                waves.computeIfAbsent(hook.hook().wave(), wave -> new ArrayList<>()).add(hook);
            }
        }
        for (List<ResolvedHook> wave : waves.values()) {
            wave.sort(Comparator.comparing(ResolvedHook::object, ApplyOrder.WITHIN_STEP));
            if (!runWave(phase, wave)) {
                return false;
            }
        }
        return true;
    }

    /** Runs every hook of {@code phase} that has not run yet. */
    boolean run(HookPhase phase) {
        return run(phase, Integer.MAX_VALUE);
    }

    private boolean ran(ResolvedHook hook) {
        return ran.contains(hook);
    }

    private boolean runWave(HookPhase phase, List<ResolvedHook> wave) {
        state.listener().event("Running " + (wave.size() == 1 ? "the " + wave.get(0).hook().describe()
                : wave.size() + " " + phase + " hooks of wave " + wave.get(0).hook().wave()));
        Applier applier = new Applier(connection, new ApplyOptions(state.policy().fieldManager(), true, false));
        List<ResolvedHook> started = new ArrayList<>();
        for (ResolvedHook hook : wave) {
            if (Thread.currentThread().isInterrupted()) {
                state.abort("aborted before the " + hook.hook().describe() + " " + hook.ref() + " was created");
                return false;
            }
            ran.add(hook);
            try {
                if (hook.hook().deletedWhen(HookDeletePolicy.BEFORE_HOOK_CREATION)) {
                    deleteEarlierRun(hook);
                }
                ObjectNode stored = applier.apply(hook.object().type(), hook.ref(), hook.object().manifest());
                created.put(hook.ref(), hook);
                put(hook, assessor.assess(stored), hook.hook().describe() + ": created");
                state.listener().event(hook.ref() + ": " + hook.hook().describe() + " created");
                started.add(hook);
            } catch (ApplyException | HookException | ClusterException e) {
                return failed(hook, null, "could not be created: " + e.getMessage());
            }
        }
        return awaitAll(started);
    }

    /**
     * Deletes the object a previous run of this hook left, so that it runs anew (BeforeHookCreation), and waits
     * until it is gone. Only this environment's objects are deleted: anything else of that name is an error.
     */
    private void deleteEarlierRun(ResolvedHook hook) throws HookException {
        ResolvedObject object = hook.object();
        Optional<ObjectNode> live = state.reader().get(object.type(), hook.ref().namespace(), hook.ref().name());
        if (live.isEmpty()) {
            return;
        }
        JsonNode labels = live.get().path("metadata").path("labels");
        boolean ours = state.ownership().labelValue().equals(labels.path(HOOK_OF_LABEL).asText(null))
                || state.ownership().owns(live.get());
        if (!ours) {
            throw new HookException("an object of that name exists and is not this environment's hook; rename the hook"
                    + " (or use generateName) or delete that object");
        }
        state.listener().event(hook.ref() + ": deleting the earlier run before the hook is created again"
                + " (BeforeHookCreation)");
        delete(object);
        Instant deadline = clock.instant().plus(deletionTimeout());
        while (state.reader().get(object.type(), hook.ref().namespace(), hook.ref().name()).isPresent()) {
            if (!clock.instant().isBefore(deadline)) {
                throw new HookException("the earlier run was deleted but is still there after " + deletionTimeout()
                        + "; check its finalizers (kubectl get -o yaml)");
            }
            if (!pause()) {
                throw new HookException("aborted while the earlier run was being deleted");
            }
        }
    }

    /** Waits until every hook of a wave finished; the first failure stops the phase. */
    private boolean awaitAll(List<ResolvedHook> wave) {
        Duration timeout = state.policy().healthTimeout();
        Instant deadline = clock.instant().plus(timeout);
        List<ResolvedHook> running = new ArrayList<>(wave);
        while (!running.isEmpty()) {
            for (ResolvedHook hook : List.copyOf(running)) {
                Optional<ObjectNode> live;
                try {
                    live = state.reader().get(hook.object().type(), hook.ref().namespace(), hook.ref().name());
                } catch (ClusterException e) {
                    return failed(hook, null, "its state could not be read: " + e.getMessage());
                }
                if (live.isEmpty()) {
                    return failed(hook, Health.missing(), "it was deleted before it finished");
                }
                Health health = assessor.assess(live.get());
                if (health.status() == HealthStatus.HEALTHY) {
                    put(hook, health, hook.hook().describe() + ": succeeded");
                    state.listener().event(hook.ref() + ": " + hook.hook().describe() + " succeeded");
                    running.remove(hook);
                } else if (health.status() == HealthStatus.DEGRADED) {
                    return failed(hook, health, health.message());
                } else {
                    put(hook, health, hook.hook().describe() + ": running");
                }
            }
            if (running.isEmpty()) {
                return true;
            }
            if (!clock.instant().isBefore(deadline)) {
                ResolvedHook late = running.get(0);
                ChangeSetEntry entry = state.entries().get(late.ref());
                return failed(late, entry.health(), "did not finish within " + timeout + " (" + entry.health() + ")");
            }
            if (!pause()) {
                state.abort("aborted while waiting for the " + running.get(0).hook().describe() + " "
                        + running.get(0).ref());
                return false;
            }
        }
        return true;
    }

    /** Deletes the hooks this sync created whose policy asks for it now that the sync is over. */
    void deleteAfterSync(boolean succeeded) {
        HookDeletePolicy policy = succeeded ? HookDeletePolicy.HOOK_SUCCEEDED : HookDeletePolicy.HOOK_FAILED;
        for (ResolvedHook hook : created.values()) {
            if (!hook.hook().deletedWhen(policy)) {
                continue;
            }
            try {
                delete(hook.object());
                ChangeSetEntry entry = state.entries().get(hook.ref());
                state.entries().put(hook.ref(), entry.withAction(Action.HOOK, entry.message() + "; deleted (" + policy
                        + ")"));
                state.listener().event(hook.ref() + ": hook deleted (" + policy + ")");
            } catch (HookException e) {
                state.listener().event("Warning: " + hook.ref() + ": the hook could not be deleted (" + policy + "): "
                        + e.getMessage());
            }
        }
    }

    private void delete(ResolvedObject object) throws HookException {
        var kind = connection.client().genericKubernetesResources(object.type().definitionContext());
        var target = object.type().namespaced() ? kind.inNamespace(object.ref().namespace()).withName(object.ref().name())
                : kind.withName(object.ref().name());
        try {
            // Background: a Job's pods go with it, without holding the sync until they are gone.
            target.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        } catch (KubernetesClientException e) {
            throw new HookException("delete failed (" + connection.describe(e) + ")");
        }
    }

    private boolean failed(ResolvedHook hook, Health health, String reason) {
        String message = hook.hook().phase() + " hook " + hook.ref() + " failed: " + reason;
        put(hook, health, hook.hook().describe() + ": failed: " + reason);
        state.listener().event(message);
        if (!state.wasAborted()) {
            state.fail(state.failure().isEmpty() ? message : state.failure() + "; " + message);
        }
        return false;
    }

    private void put(ResolvedHook hook, Health health, String message) {
        if (hook.hook().phase() == HookPhase.PRE_SYNC) {
            state.preSyncHooks().add(hook.ref());
        }
        state.entries().put(hook.ref(), new ChangeSetEntry(hook.ref(), hook.object().source().apiVersion(),
                hook.object().source().origin(), Action.HOOK, List.of(), "", health, message));
    }

    /** How long an earlier run may take to be gone: its finalizers and pods, at least a minute. */
    private Duration deletionTimeout() {
        Duration minimum = Duration.ofMinutes(1);
        Duration health = state.policy().healthTimeout();
        return health.compareTo(minimum) > 0 ? health : minimum;
    }

    /** Waits one poll interval; false when the sync was aborted meanwhile. */
    private boolean pause() {
        try {
            Thread.sleep(pollInterval.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A hook that could not be prepared or cleaned up, with the reason. */
    static final class HookException extends Exception {
        private static final long serialVersionUID = 1L;

        HookException(String message) {
            super(message);
        }
    }
}
