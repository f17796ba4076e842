package io.jenkins.plugins.gitops.engine.sync;

import io.jenkins.plugins.gitops.engine.apply.PrunePlan;
import io.jenkins.plugins.gitops.engine.apply.ResolvedObject;
import io.jenkins.plugins.gitops.engine.apply.Waiter;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.ClusterException;
import io.jenkins.plugins.gitops.engine.cluster.Inventory;
import io.jenkins.plugins.gitops.engine.cluster.LiveObjects;
import io.jenkins.plugins.gitops.engine.cluster.ResourceType;
import io.jenkins.plugins.gitops.engine.diff.DriftDetector;
import io.jenkins.plugins.gitops.engine.diff.Redactor;
import io.jenkins.plugins.gitops.engine.health.HealthAssessor;
import io.jenkins.plugins.gitops.engine.hook.Hook;
import io.jenkins.plugins.gitops.engine.hook.HookAnnotationException;
import io.jenkins.plugins.gitops.engine.hook.HookAnnotations;
import io.jenkins.plugins.gitops.engine.hook.HookPhase;
import io.jenkins.plugins.gitops.engine.hook.HookSplit;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Phase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One reconcile of one environment: desired objects (a successful render) against the live cluster.
 * Resolve kinds and namespaces, read live state (one LIST per kind), compute drift, then, unless this is a
 * preview, apply what differs in order, prune what the guards allow, and assess health.
 *
 * <p>Requests are spent only where something differs: an object in sync costs no request beyond its
 * kind's LIST. The result lists every object with what was done to it, so a failed sync says exactly how
 * far it got:
 * <ul>
 *   <li>when the API server refuses an object (invalid, forbidden by RBAC or an admission policy, its
 *       namespace missing or being deleted), the other objects of the same step are still applied, and the
 *       sync stops at the end of that step: later waves are not applied, nothing is pruned;</li>
 *   <li>when the cluster itself fails (no answer, credentials rejected, throttling or 5xx after the
 *       {@link io.jenkins.plugins.gitops.engine.cluster.RequestRetries retries}), the sync stops after
 *       that object and names it; nothing is pruned;</li>
 *   <li>when a kind cannot be listed because the credentials may not (403), the objects of that kind are
 *       reported failed and never pruned, and the rest of the sync goes on;</li>
 *   <li>a failure before anything was applied (discovery, reading live state) names the step.</li>
 * </ul>
 *
 * <p>No secret value leaves a reconcile: diffs hide them field by field ({@link DriftDetector}), and a
 * {@link Redactor} built from the desired objects, with the drift detector's redaction rules, removes
 * them from every listener line, entry message and failure, whatever API error happened to echo them.
 *
 * <p>Desired objects that cannot be resolved as a whole (a kind the cluster does not serve, two objects that
 * become one once the default namespace applies) stop the reconcile before anything is applied or pruned,
 * as Argo CD marks such an application and syncs nothing; every such object is named with its file and line.
 *
 * <p>The engine does not guard against two reconciles of one environment at the same time: a reconcile holds
 * no lock, and two of them with different desired sets could prune each other's objects. Serializing them is
 * the caller's job. The plugin does it: an environment's syncs are builds of one job that never runs two at
 * once, and its periodic checks are read-only previews that skip an environment whose sync runs or is queued
 * ({@link CheckSchedule.Due#BUSY}).
 *
 * <p>This class composes the phases, each a class of its own in this package: the state they share, loading
 * live state, planning the changes, applying, pruning, assessing health, and assembling the result.
 */
public final class Reconciler {

    private final ClusterConnection connection;
    private final HealthAssessor healthAssessor;
    private final DriftDetector driftDetector;
    private final Clock clock;
    private final Duration pollInterval;

    public Reconciler(ClusterConnection connection, HealthAssessor healthAssessor, DriftDetector driftDetector,
            Clock clock, Duration pollInterval) {
        this.connection = connection;
        this.healthAssessor = healthAssessor;
        this.driftDetector = driftDetector;
        this.clock = clock;
        this.pollInterval = pollInterval;
    }

    public Reconciler(ClusterConnection connection, DriftDetector driftDetector) {
        this(connection, new HealthAssessor(), driftDetector, Clock.systemUTC(), Duration.ofSeconds(2));
    }

    /**
     * Reconciles {@code desired} into {@code target}.
     *
     * @param desired the complete result of a successful render (never a partial one)
     * @param mode preview (read only), dry run (server-side dry runs) or sync
     */
    public SyncResult reconcile(List<KubeObject> desired, Target target, SyncPolicy policy, Mode mode,
            SyncListener listener) {
        ReconcileState state = new ReconcileState(connection, desired, target, policy, mode, listener,
                driftDetector.options().redactionRules());
        SyncResultAssembler result = new SyncResultAssembler(state);
        state.startPhase();
        HookSplit split;
        try {
            split = HookAnnotations.split(desired, target.revision(), clock.instant());
        } catch (HookAnnotationException e) {
            return result.stop(Phase.RESOLVE, e.getMessage());
        }
        state.resources(split.resources());
        split.notApplied().forEach(note -> state.listener().event("Note: " + note));
        DesiredObjectResolver resolver = new DesiredObjectResolver(connection.discovery(), state.ownership(),
                target.defaultNamespace(), connection.serverUrl());
        DesiredObjectResolver.Resolution resolution;
        List<HookRunner.ResolvedHook> hooks;
        try {
            resolution = resolver.resolve(split.resources());
            hooks = resolveHooks(resolver, split.hooks(), state);
        } catch (ResolutionException | ClusterException e) {
            return result.stop(Phase.RESOLVE, e.getMessage());
        }
        List<ResolvedObject> checked = new ArrayList<>(resolution.ready());
        hooks.forEach(hook -> checked.add(hook.object()));
        List<String> violations = DeploymentPolicy.violations(target.policies(), connection.serverUrl(), checked);
        if (!violations.isEmpty()) {
            return result.stop(Phase.RESOLVE, (violations.size() == 1 ? "" : violations.size()
                    + " objects break the deployment policy: ") + String.join("; ", violations));
        }
        state.endPhase(Phase.RESOLVE);

        state.ready().addAll(resolution.ready());
        Inventory inventory = new Inventory(connection, state.ownership(), target.defaultNamespace());
        LiveObjects live = new LiveObjects();
        Map<String, ResourceType> types = new HashMap<>();
        Set<String> recordedKinds;
        try {
            state.startPhase();
            LiveStateLoader loader = new LiveStateLoader(state, connection.discovery());
            recordedKinds = loader.recordedKinds(inventory);
            loader.load(recordedKinds, live, types);
            live.remove(inventory.ref());
            state.endPhase(Phase.LIVE_STATE);
        } catch (ClusterException e) {
            return result.stop(Phase.LIVE_STATE, e.getMessage());
        }

        state.startPhase();
        ChangePlanner planner = new ChangePlanner(state, driftDetector, healthAssessor);
        planner.planAll(live, resolution.deferred());
        Set<ObjectRef> desiredRefs = new HashSet<>(state.entries().keySet());
        PrunePlan prunePlan = PrunePlan.compute(desiredRefs, live, types, state.ownership(), policy.prune(),
                policy.allowEmpty());
        state.endPhase(Phase.DIFF);

        HookRunner hookRunner = new HookRunner(state, connection, healthAssessor, pollInterval, clock, hooks);
        PrunePhase prunePhase = new PrunePhase(state, connection, healthAssessor);
        if (mode != Mode.SYNC) {
            hookRunner.list();
        }
        if (mode == Mode.PREVIEW) {
            prunePhase.preview(prunePlan);
            return result.finish(null);
        }

        if (mode == Mode.SYNC && hookRunner.has(HookPhase.PRE_SYNC)) {
            state.startPhase();
            boolean preSyncSucceeded = hookRunner.run(HookPhase.PRE_SYNC);
            state.endPhase(Phase.HOOKS);
            if (!preSyncSucceeded) {
                state.skipUnapplied("not applied: a PreSync hook failed");
                return endHooks(state, result, hookRunner);
            }
        }

        Waiter waiter = new Waiter(state.reader(), healthAssessor, pollInterval, clock);
        state.startPhase();
        boolean stopped = new ApplyPhase(state, connection, planner, waiter,
                mode == Mode.SYNC ? wave -> hookRunner.run(HookPhase.SYNC, wave) : wave -> true)
                .applyAll(resolution.deferred(), resolver);
        state.endPhase(Phase.APPLY);

        state.startPhase();
        stopped = prunePhase.pruneAll(prunePlan, stopped, inventory, recordedKinds, waiter);
        state.endPhase(Phase.PRUNE);

        state.startPhase();
        if (!stopped) {
            // PostSync hooks run once everything is healthy, as Argo CD's do, whether or not the policy waits
            new HealthPhase(state, healthAssessor, waiter).run(mode == Mode.SYNC && hookRunner.has(HookPhase.POST_SYNC));
        }
        state.endPhase(Phase.HEALTH);
        return mode == Mode.SYNC ? endHooks(state, result, hookRunner) : result.finish(null);
    }

    /**
     * The end of a sync with hooks: the PostSync hooks when everything succeeded, the SyncFail hooks when something
     * failed, then the deletions the hooks' policies ask for.
     */
    private static SyncResult endHooks(ReconcileState state, SyncResultAssembler result, HookRunner hookRunner) {
        if (state.wasAborted()) {
            return result.finish(null);
        }
        state.startPhase();
        boolean failed = state.hasFailed();
        if (!failed && hookRunner.has(HookPhase.POST_SYNC)) {
            String incomplete = state.incompleteness();
            if (incomplete.isEmpty()) {
                failed = !hookRunner.run(HookPhase.POST_SYNC);
            } else {
                state.fail("the PostSync hooks were not run: " + incomplete);
                failed = true;
            }
        }
        if (failed && !state.wasAborted() && hookRunner.has(HookPhase.SYNC_FAIL)) {
            state.listener().event("The sync failed: running its SyncFail hooks");
            hookRunner.run(HookPhase.SYNC_FAIL);
        }
        hookRunner.deleteAfterSync(!failed);
        state.endPhase(Phase.HOOKS);
        return result.finish(null);
    }

    /**
     * The hooks with their kinds resolved and namespaces decided, marked as this environment's hooks. An object that
     * runs at several phases under one name is resolved once.
     */
    private static List<HookRunner.ResolvedHook> resolveHooks(DesiredObjectResolver resolver, List<Hook> hooks,
            ReconcileState state) throws ResolutionException {
        Set<KubeObject> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<KubeObject> distinct = hooks.stream().map(Hook::object).filter(seen::add).toList();
        Map<KubeObject, ResolvedObject> resolved = new IdentityHashMap<>();
        DesiredObjectResolver.Resolution resolution = resolver.resolve(distinct);
        if (!resolution.deferred().isEmpty()) {
            KubeObject first = resolution.deferred().get(0);
            throw new ResolutionException(List.of(first.origin() + ": the hook " + first.ref() + " is of a kind this"
                    + " sync defines; a hook's kind must be served before the sync starts: sync the definition first"));
        }
        for (ResolvedObject object : resolution.ready()) {
            HookRunner.markAsHook(object.manifest(), state.ownership());
            resolved.put(object.source(), object);
        }
        return hooks.stream().map(hook -> new HookRunner.ResolvedHook(hook, resolved.get(hook.object()))).toList();
    }
}
