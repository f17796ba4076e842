package io.jenkins.plugins.gitops.engine.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.apply.Applier;
import io.jenkins.plugins.gitops.engine.apply.ApplyException;
import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import io.jenkins.plugins.gitops.engine.apply.ApplyOrder;
import io.jenkins.plugins.gitops.engine.apply.ObjectSyncOptions;
import io.jenkins.plugins.gitops.engine.apply.ObjectSyncOptions.ApplyMode;
import io.jenkins.plugins.gitops.engine.apply.ResolvedObject;
import io.jenkins.plugins.gitops.engine.apply.Waiter;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.ClusterException;
import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The apply phase of a reconcile: applies what differs, step by step in {@link ApplyOrder}, waits for
 * definitions (and, when the policy says so, each wave) to become healthy before the next step, resolves
 * the objects whose kinds this sync defines once those are established, and marks what remains skipped
 * when it stops. It exists so that the rules of when a sync goes on and when it stops live in one class.
 */
final class ApplyPhase {

    private final ReconcileState state;
    private final ClusterConnection connection;
    private final ChangePlanner planner;
    private final Waiter waiter;
    private final SyncHooks syncHooks;
    private final Set<ObjectRef> appliedRefs = new HashSet<>();

    /** Runs the Sync hooks of the waves up to one, those not run yet; says whether they all succeeded. */
    @FunctionalInterface
    interface SyncHooks {
        boolean runUpTo(int wave);
    }

    ApplyPhase(ReconcileState state, ClusterConnection connection, ChangePlanner planner, Waiter waiter) {
        this(state, connection, planner, waiter, wave -> true);
    }

    ApplyPhase(ReconcileState state, ClusterConnection connection, ChangePlanner planner, Waiter waiter,
            SyncHooks syncHooks) {
        this.state = state;
        this.connection = connection;
        this.planner = planner;
        this.waiter = waiter;
        this.syncHooks = syncHooks;
    }

    /** Applies every step; returns whether the sync stopped early. */
    boolean applyAll(List<KubeObject> deferred, DesiredObjectResolver resolver) {
        List<ApplyOrder.Step> steps;
        try {
            steps = new ArrayList<>(ApplyOrder.plan(state.ready()));
        } catch (IllegalArgumentException e) {
            state.fail(e.getMessage());
            skipRemaining("not applied: " + e.getMessage());
            return true;
        }
        boolean noDefinitions = steps.stream().noneMatch(s -> s.kind() == ApplyOrder.Step.Kind.DEFINITIONS);
        if (noDefinitions && !deferred.isEmpty() && state.isSync()) {
            // deferred only by SkipDryRunOnMissingResource: its kind may be served by now; resolve it before wave one
            try {
                steps = new ArrayList<>(ApplyOrder.plan(resolveDeferred(deferred, resolver, List.of())));
            } catch (ResolutionException | ClusterException | IllegalArgumentException e) {
                state.fail(e.getMessage());
                skipRemaining("not applied: " + e.getMessage());
                return true;
            }
        }
        SyncPolicy policy = state.policy();
        Applier applier = new Applier(connection, new ApplyOptions(policy.fieldManager(), policy.forceConflicts(),
                state.mode() == Mode.DRY_RUN));
        for (int i = 0; i < steps.size(); i++) {
            ApplyOrder.Step step = steps.get(i);
            boolean wave = step.kind() == ApplyOrder.Step.Kind.WAVE;
            // Sync hooks of earlier waves than this one (which have no ordinary objects) run before it
            if (wave && step.wave() > Integer.MIN_VALUE && !runSyncHooks(step.wave() - 1)) {
                return true;
            }
            int count = step.objects().size();
            state.listener().event((state.isSync() ? "Applying " : "Applying as a server-side dry run ") + step + " ("
                    + count + (count == 1 ? " object)" : " objects)"));
            List<ObjectRef> refused = new ArrayList<>();
            for (ResolvedObject object : step.objects()) {
                if (Thread.currentThread().isInterrupted()) {
                    state.abort("aborted before " + object.ref() + " was applied");
                    skipRemaining("not applied: the sync was aborted");
                    return true;
                }
                Applied applied = applyOne(applier, object);
                if (applied == Applied.STOP) {
                    skipRemaining("not applied: the sync stopped after " + object.ref() + " failed");
                    return true;
                }
                if (applied == Applied.REFUSED) {
                    refused.add(object.ref());
                }
            }
            if (!refused.isEmpty()) {
                Map<ObjectRef, ChangeSetEntry> entries = state.entries();
                state.fail(refused.size() == 1 ? entries.get(refused.get(0)).message()
                        : refused.size() + " objects failed in " + step + " (" + refused.stream().map(ObjectRef::toString)
                                .collect(Collectors.joining(", ")) + "); the first: "
                                + entries.get(refused.get(0)).message());
                skipRemaining("not applied: the sync stopped after " + step + ", where " + refused.get(0) + " failed");
                return true;
            }
            if (wave && !runSyncHooks(step.wave())) {
                return true;
            }
            boolean definesKinds = step.objects().stream().anyMatch(o -> "CustomResourceDefinition".equals(o.ref().kind()));
            if (step.kind() == ApplyOrder.Step.Kind.DEFINITIONS && definesKinds && state.isSync()) {
                if (!waitFor(step, "custom resource definitions", definitionsTimeout())) {
                    return true;
                }
                connection.discovery().invalidate();
            }
            if (step.kind() == ApplyOrder.Step.Kind.DEFINITIONS && !deferred.isEmpty() && state.isSync()) {
                try {
                    List<ApplyOrder.Step> rest = ApplyOrder.plan(resolveDeferred(deferred, resolver, step.objects()));
                    steps = new ArrayList<>(steps.subList(0, i + 1));
                    steps.addAll(rest.stream().filter(s -> s.kind() != ApplyOrder.Step.Kind.DEFINITIONS).toList());
                } catch (ResolutionException | ClusterException | IllegalArgumentException e) {
                    state.fail(e.getMessage());
                    skipRemaining("not applied: " + e.getMessage());
                    return true;
                }
            } else if (policy.waitForHealth() && state.isSync() && i < steps.size() - 1
                    && !waitFor(step, step.toString(), policy.healthTimeout())) {
                return true;
            }
        }
        return !runSyncHooks(Integer.MAX_VALUE);
    }

    /** Runs the Sync hooks up to {@code wave}; when one fails, the objects not yet applied are skipped. */
    private boolean runSyncHooks(int wave) {
        if (syncHooks.runUpTo(wave)) {
            return true;
        }
        skipRemaining("not applied: a Sync hook failed");
        return false;
    }

    /**
     * Resolves the deferred objects, plans each against its live version, and returns every ready object but
     * {@code applied} (the step just applied), to be planned into steps again.
     */
    private List<ResolvedObject> resolveDeferred(List<KubeObject> deferred, DesiredObjectResolver resolver,
            List<ResolvedObject> applied) throws ResolutionException {
        if (deferred.stream().anyMatch(object -> !resolver.isDefinedInSet(object))) {
            connection.discovery().invalidate(); // a kind nobody here defined may be served since discovery was read
        }
        List<ResolvedObject> resolved = resolver.resolveDeferred(deferred);
        for (ResolvedObject object : resolved) {
            state.entries().put(object.ref(), planner.plan(object, state.reader()
                    .get(object.type(), object.ref().namespace(), object.ref().name()).orElse(null)));
        }
        state.ready().addAll(resolved);
        return state.ready().stream().filter(o -> !applied.contains(o)).toList();
    }

    /** Applies one object if it differs, and says whether the sync may go on. */
    private Applied applyOne(Applier applier, ResolvedObject object) {
        Map<ObjectRef, ChangeSetEntry> entries = state.entries();
        ChangeSetEntry entry = entries.get(object.ref());
        if (entry.action() == Action.UNCHANGED) {
            return Applied.DONE;
        }
        if (entry.action() == Action.FAILED) {
            // its kind could not be listed (applying blind could undo someone's change), another environment owns
            // it, or its annotations are not understood
            state.listener().event(entry.toString());
            return Applied.REFUSED;
        }
        ObjectSyncOptions options;
        try {
            options = ObjectSyncOptions.of(object.manifest());
        } catch (IllegalArgumentException e) { // an object whose kind this sync defined was not planned with its options
            entries.put(object.ref(), entry.withAction(Action.FAILED, object.ref() + ": " + e.getMessage()));
            state.listener().event(entries.get(object.ref()).toString());
            return Applied.REFUSED;
        }
        try {
            ObjectNode live = state.latest().get(object.ref());
            if (live != null && entry.action() != Action.CREATED && options.applyMode() != ApplyMode.MERGE) {
                applier.migrateClientSideApply(object.type(), object.ref(), live);
            }
            ObjectNode stored = applyOrRecreate(applier, object, options, entry);
            state.latest().put(object.ref(), stored);
            appliedRefs.add(object.ref());
            state.listener().event(entries.get(object.ref()).toString());
            return Applied.DONE;
        } catch (ApplyException e) {
            Action action = e.isConflict() ? Action.CONFLICT : Action.FAILED;
            entries.put(object.ref(), entry.withAction(action, e.getMessage()));
            state.listener().event(entries.get(object.ref()).toString());
            if (e.isConflict()) {
                return Applied.DONE;
            }
            if (e.isRefusal()) {
                return Applied.REFUSED;
            }
            state.fail(e.getMessage());
            return Applied.STOP;
        }
    }

    /**
     * Applies one object; when the API server refuses because an immutable field changed and the object's sync
     * options allow it, deletes and creates it again, and records that.
     */
    private ObjectNode applyOrRecreate(Applier applier, ResolvedObject object, ObjectSyncOptions options,
            ChangeSetEntry entry) {
        ObjectNode manifest = planner.applicable(object);
        try {
            return applier.apply(object.type(), object.ref(), manifest);
        } catch (ApplyException e) {
            if (!e.isImmutableChange() || !options.recreateOnImmutableChange()) {
                throw e;
            }
            state.listener().event(object.ref() + ": " + String.join(", ", e.immutableFields())
                    + " cannot change in place; deleting and creating it again (" + options.recreateSource() + ")");
            ObjectNode stored = applier.recreate(object.type(), object.ref(), manifest, recreateTimeout());
            String note = String.join(", ", e.immutableFields()) + " changed, which the API server allows only on a new"
                    + " object: deleted and created again (annotated " + options.recreateSource() + ")";
            state.entries().put(object.ref(), entry.withAction(Action.RECREATED,
                    entry.message().isEmpty() ? note : entry.message() + "; " + note));
            return stored;
        }
    }

    /** How long a recreated object may take to be gone: its finalizers run, at least a minute. */
    private Duration recreateTimeout() {
        return definitionsTimeout();
    }

    /** CRDs must be established before their resources can be applied, whether or not the policy waits for health. */
    private Duration definitionsTimeout() {
        Duration minimum = Duration.ofMinutes(1);
        Duration healthTimeout = state.policy().healthTimeout();
        return healthTimeout.compareTo(minimum) > 0 ? healthTimeout : minimum;
    }

    /** Waits for the objects of {@code step}; returns whether they all became healthy (or suspended). */
    private boolean waitFor(ApplyOrder.Step step, String what, Duration timeout) {
        state.listener().event("Waiting for " + what + " to become healthy (timeout " + timeout + ")");
        try {
            Map<ObjectRef, Health> healths = waiter.waitForHealth(step.objects(), timeout, state.listener()::event);
            state.recordHealth(healths);
            state.markWaited(healths.keySet());
            List<String> unhealthy = healths.entrySet().stream()
                    .filter(e -> e.getValue().status() != HealthStatus.HEALTHY
                            && e.getValue().status() != HealthStatus.SUSPENDED)
                    .map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
            if (!unhealthy.isEmpty()) {
                state.fail(what + " did not become healthy within " + timeout + ": " + String.join(", ", unhealthy));
                skipRemaining("not applied: " + what + " did not become healthy");
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state.abort("aborted while waiting for " + what);
            skipRemaining("not applied: the sync was aborted");
            return false;
        } catch (ClusterException e) {
            state.fail(e.getMessage());
            skipRemaining("not applied: " + e.getMessage());
            return false;
        }
    }

    /** Marks every entry not yet applied as skipped with {@code reason}. */
    private void skipRemaining(String reason) {
        state.entries().replaceAll((ref, entry) -> (entry.action() == Action.CREATED || entry.action() == Action.CONFIGURED
                || entry.action() == Action.HANDED_OVER) && !appliedRefs.contains(ref)
                ? entry.withAction(Action.SKIPPED, reason) : entry);
    }

    /** What applying one object means for the rest of the sync. */
    private enum Applied {
        /** Applied, unchanged, or left alone on a conflict: go on. */
        DONE,
        /** The API server refused this object: go on with the step, stop after it. */
        REFUSED,
        /** The cluster failed: stop now. */
        STOP
    }
}
