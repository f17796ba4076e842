package io.jenkins.plugins.gitops.engine.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.apply.Applier;
import io.jenkins.plugins.gitops.engine.apply.ApplyException;
import io.jenkins.plugins.gitops.engine.apply.ApplyOptions;
import io.jenkins.plugins.gitops.engine.apply.ApplyOrder;
import io.jenkins.plugins.gitops.engine.apply.PrunePlan;
import io.jenkins.plugins.gitops.engine.apply.Pruner;
import io.jenkins.plugins.gitops.engine.apply.ResolvedObject;
import io.jenkins.plugins.gitops.engine.apply.Waiter;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.ClusterException;
import io.jenkins.plugins.gitops.engine.cluster.Inventory;
import io.jenkins.plugins.gitops.engine.cluster.LiveObjects;
import io.jenkins.plugins.gitops.engine.cluster.LiveStateReader;
import io.jenkins.plugins.gitops.engine.cluster.Ownership;
import io.jenkins.plugins.gitops.engine.cluster.RequestCounter.RequestCount;
import io.jenkins.plugins.gitops.engine.cluster.ResourceType;
import io.jenkins.plugins.gitops.engine.diff.DriftDetector;
import io.jenkins.plugins.gitops.engine.diff.DriftStatus;
import io.jenkins.plugins.gitops.engine.diff.ObjectDrift;
import io.jenkins.plugins.gitops.engine.diff.Redactor;
import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.health.HealthAssessor;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Phase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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
        return new Run(desired, target, policy, mode, listener).execute();
    }

    /** The state of one reconcile; one instance per call, so the Reconciler itself holds none. */
    private final class Run {
        private final List<KubeObject> desired;
        private final Target target;
        private final SyncPolicy policy;
        private final Mode mode;
        private final SyncListener listener;
        private final Redactor redactor;
        private final Ownership ownership;
        private final RequestCount requestsAtStart;
        private final Map<Phase, Duration> timings = new EnumMap<>(Phase.class);
        private final LinkedHashMap<ObjectRef, ChangeSetEntry> entries = new LinkedHashMap<>();
        private final Map<ObjectRef, ObjectNode> latest = new HashMap<>();
        private final LiveStateReader reader = new LiveStateReader(connection);
        private final Set<ObjectRef> appliedRefs = new java.util.HashSet<>();
        /** Objects whose health a wait already observed, fresher than their apply response. */
        private final Set<ObjectRef> waited = new java.util.HashSet<>();
        private final List<ResolvedObject> ready = new ArrayList<>();
        /** Kinds the credentials may not list, with the reason: never compared, applied or pruned. */
        private final Map<ResourceType, String> unlisted = new LinkedHashMap<>();
        private long phaseStart;
        private String failure = "";
        private boolean aborted;

        Run(List<KubeObject> desired, Target target, SyncPolicy policy, Mode mode, SyncListener listener) {
            this.desired = desired;
            this.target = target;
            this.policy = policy;
            this.mode = mode;
            this.redactor = Redactor.from(desired, driftDetector.options().redactionRules());
            this.listener = line -> listener.event(redactor.redact(line));
            this.ownership = new Ownership(target.environmentId());
            this.requestsAtStart = connection.requests().snapshot();
        }

        SyncResult execute() {
            startPhase();
            DesiredObjectResolver resolver = new DesiredObjectResolver(connection.discovery(), ownership,
                    target.defaultNamespace(), connection.serverUrl());
            DesiredObjectResolver.Resolution resolution;
            try {
                resolution = resolver.resolve(desired);
            } catch (ResolutionException | ClusterException e) {
                return stop(Phase.RESOLVE, e.getMessage());
            }
            endPhase(Phase.RESOLVE);

            ready.addAll(resolution.ready());
            Inventory inventory = new Inventory(connection, ownership, target.defaultNamespace());
            LiveObjects live = new LiveObjects();
            Map<String, ResourceType> types = new HashMap<>();
            Set<String> recordedKinds;
            try {
                startPhase();
                recordedKinds = inventory.read();
                readLiveState(recordedKinds, live, types);
                live.remove(inventory.ref());
                endPhase(Phase.LIVE_STATE);
            } catch (ClusterException e) {
                return stop(Phase.LIVE_STATE, e.getMessage());
            }

            startPhase();
            for (ResolvedObject object : ready) {
                String unreadable = unlisted.get(object.type());
                entries.put(object.ref(), unreadable == null ? compare(object, live.get(object.ref()).orElse(null))
                        : new ChangeSetEntry(object.ref(), object.source().apiVersion(), object.source().origin(),
                                Action.FAILED, List.of(), "", null, object.ref() + ": not applied: its kind could not be"
                                + " listed, so its live state is unknown: " + unreadable));
            }
            for (KubeObject waiting : resolution.deferred()) {
                ObjectRef ref = waiting.ref();
                entries.put(ref, new ChangeSetEntry(ref, waiting.apiVersion(), waiting.origin(), Action.CREATED,
                        List.of(), "", Health.missing(), "its kind is defined by a CustomResourceDefinition in this sync"));
            }
            Set<ObjectRef> desiredRefs = new java.util.HashSet<>(entries.keySet());
            PrunePlan prunePlan = PrunePlan.compute(desiredRefs, live, types, ownership, policy.prune(), policy.allowEmpty());
            endPhase(Phase.DIFF);

            if (mode == Mode.PREVIEW) {
                for (PrunePlan.Candidate candidate : prunePlan.candidates()) {
                    addExtra(candidate, candidate.delete() ? Action.PRUNED : Action.SKIPPED, candidate.reason());
                }
                return finish(null);
            }

            startPhase();
            boolean stopped = applyAll(resolution.deferred(), resolver);
            endPhase(Phase.APPLY);

            startPhase();
            for (PrunePlan.Candidate candidate : prunePlan.candidates()) {
                if (stopped) {
                    addExtra(candidate, Action.SKIPPED, "not pruned: the sync stopped before pruning");
                } else if (!candidate.delete()) {
                    addExtra(candidate, Action.SKIPPED, candidate.reason());
                } else {
                    stopped = prune(candidate);
                }
            }
            if (mode == Mode.SYNC) {
                recordInventory(inventory, recordedKinds, prunePlan, stopped);
            }
            endPhase(Phase.PRUNE);

            startPhase();
            if (!stopped) {
                assessHealth();
                if (policy.waitForHealth() && mode == Mode.SYNC) {
                    waitForAll();
                }
            }
            endPhase(Phase.HEALTH);
            return finish(null);
        }

        private void readLiveState(Set<String> recordedKinds, LiveObjects live,
                Map<String, ResourceType> types) {
            Map<ResourceType, Set<String>> namespacesByType = new LinkedHashMap<>();
            for (ResolvedObject object : ready) {
                namespacesByType.computeIfAbsent(object.type(), t -> new TreeSet<>())
                        .add(object.type().namespaced() ? object.ref().namespace() : "");
            }
            for (String entry : recordedKinds) {
                String[] parts = entry.split(" ");
                if (parts.length < 2) {
                    continue;
                }
                connection.discovery().find(parts[0], parts[1]).ifPresent(type -> namespacesByType
                        .computeIfAbsent(type, t -> new TreeSet<>())
                        .add(type.namespaced() ? (parts.length > 2 ? parts[2] : target.defaultNamespace()) : ""));
            }
            namespacesByType.forEach((type, namespaces) -> {
                types.put(type.group() + "/" + type.kind(), type);
                String single = type.namespaced() && namespaces.size() == 1 && !namespaces.contains("*")
                        ? namespaces.iterator().next() : null;
                try {
                    reader.listOwned(type, single, ownership, live);
                } catch (ClusterException e) {
                    if (!e.isForbidden()) {
                        throw e;
                    }
                    // Not listed, so never marked listed: PrunePlan will not touch the kind. Say so now.
                    unlisted.put(type, e.getMessage());
                    listener.event("Warning: " + e.getMessage() + "; objects of this kind are neither compared,"
                            + " applied nor pruned");
                }
            });
            // Objects that exist but were never applied by this environment are not returned by the label
            // selector: one GET each tells whether to create or to adopt them.
            for (ResolvedObject object : ready) {
                if (live.get(object.ref()).isEmpty() && !unlisted.containsKey(object.type())) {
                    reader.get(object.type(), object.ref().namespace(), object.ref().name())
                            .ifPresent(found -> latest.put(object.ref(), found));
                }
            }
        }

        private ChangeSetEntry compare(ResolvedObject object, ObjectNode listed) {
            ObjectNode live = listed != null ? listed : latest.get(object.ref());
            if (live != null) {
                latest.put(object.ref(), live);
            }
            ObjectDrift drift = driftDetector.compare(object.manifest(), live);
            Action action = switch (drift.status()) {
                case MISSING -> Action.CREATED;
                case OUT_OF_SYNC -> Action.CONFIGURED;
                case IN_SYNC -> Action.UNCHANGED;
            };
            String message = live != null && listed == null && drift.status() != DriftStatus.MISSING
                    ? "exists without this environment's marks; it will be adopted" : "";
            return new ChangeSetEntry(object.ref(), object.source().apiVersion(), object.source().origin(), action,
                    drift.changedPaths(), drift.diffText(), healthAssessor.assess(live), message);
        }

        /** Applies every step; returns whether the sync stopped early. */
        private boolean applyAll(List<KubeObject> deferred, DesiredObjectResolver resolver) {
            List<ApplyOrder.Step> steps;
            try {
                steps = new ArrayList<>(ApplyOrder.plan(ready));
            } catch (IllegalArgumentException e) {
                failure = e.getMessage();
                skipRemaining("not applied: " + e.getMessage());
                return true;
            }
            Applier applier = new Applier(connection, new ApplyOptions(policy.fieldManager(), policy.forceConflicts(),
                    mode == Mode.DRY_RUN));
            for (int i = 0; i < steps.size(); i++) {
                ApplyOrder.Step step = steps.get(i);
                listener.event("Applying " + step + " (" + step.objects().size() + " objects)");
                List<ObjectRef> refused = new ArrayList<>();
                for (ResolvedObject object : step.objects()) {
                    if (Thread.currentThread().isInterrupted()) {
                        aborted = true;
                        failure = "aborted before " + object.ref() + " was applied";
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
                    failure = refused.size() == 1 ? entries.get(refused.get(0)).message()
                            : refused.size() + " objects failed in " + step + " (" + refused.stream().map(ObjectRef::toString)
                                    .collect(java.util.stream.Collectors.joining(", ")) + "); the first: "
                                    + entries.get(refused.get(0)).message();
                    skipRemaining("not applied: the sync stopped after " + step + ", where " + refused.get(0) + " failed");
                    return true;
                }
                boolean definesKinds = step.objects().stream().anyMatch(o -> "CustomResourceDefinition".equals(o.ref().kind()));
                if (step.kind() == ApplyOrder.Step.Kind.DEFINITIONS && definesKinds && mode == Mode.SYNC) {
                    if (!waitFor(step, "custom resource definitions", definitionsTimeout())) {
                        return true;
                    }
                    connection.discovery().invalidate();
                }
                if (step.kind() == ApplyOrder.Step.Kind.DEFINITIONS && !deferred.isEmpty() && mode == Mode.SYNC) {
                    try {
                        List<ResolvedObject> resolved = resolver.resolveDeferred(deferred);
                        for (ResolvedObject object : resolved) {
                            entries.put(object.ref(), compare(object,
                                    reader.get(object.type(), object.ref().namespace(), object.ref().name()).orElse(null)));
                        }
                        ready.addAll(resolved);
                        List<ApplyOrder.Step> rest = ApplyOrder.plan(ready.stream()
                                .filter(o -> !step.objects().contains(o)).toList());
                        steps = new ArrayList<>(steps.subList(0, i + 1));
                        steps.addAll(rest.stream().filter(s -> s.kind() != ApplyOrder.Step.Kind.DEFINITIONS).toList());
                    } catch (ResolutionException | ClusterException | IllegalArgumentException e) {
                        failure = e.getMessage();
                        skipRemaining("not applied: " + e.getMessage());
                        return true;
                    }
                } else if (policy.waitForHealth() && mode == Mode.SYNC && i < steps.size() - 1
                        && !waitFor(step, step.toString(), policy.healthTimeout())) {
                    return true;
                }
            }
            return false;
        }

        /** Applies one object if it differs, and says whether the sync may go on. */
        private Applied applyOne(Applier applier, ResolvedObject object) {
            ChangeSetEntry entry = entries.get(object.ref());
            if (entry.action() == Action.UNCHANGED) {
                return Applied.DONE;
            }
            if (entry.action() == Action.FAILED) {
                listener.event(entry.toString());
                return Applied.REFUSED; // its kind could not be listed: applying blind could undo someone's change
            }
            try {
                ObjectNode stored = applier.apply(object.type(), object.ref(), object.manifest());
                latest.put(object.ref(), stored);
                appliedRefs.add(object.ref());
                listener.event(entry.withAction(entry.action(), entry.message()).toString());
                return Applied.DONE;
            } catch (ApplyException e) {
                Action action = e.isConflict() ? Action.CONFLICT : Action.FAILED;
                entries.put(object.ref(), entry.withAction(action, e.getMessage()));
                listener.event(entries.get(object.ref()).toString());
                if (e.isConflict()) {
                    return Applied.DONE;
                }
                if (e.isRefusal()) {
                    return Applied.REFUSED;
                }
                failure = e.getMessage();
                return Applied.STOP;
            }
        }

        /** CRDs must be established before their resources can be applied, whether or not the policy waits for health. */
        private Duration definitionsTimeout() {
            Duration minimum = Duration.ofMinutes(1);
            return policy.healthTimeout().compareTo(minimum) > 0 ? policy.healthTimeout() : minimum;
        }

        private boolean waitFor(ApplyOrder.Step step, String what, Duration timeout) {
            listener.event("Waiting for " + what + " to become healthy (timeout " + timeout + ")");
            try {
                Map<ObjectRef, Health> healths = new Waiter(reader, healthAssessor, pollInterval, clock)
                        .waitForHealth(step.objects(), timeout, listener::event);
                healths.forEach((ref, health) -> entries.computeIfPresent(ref, (r, e) -> e.withHealth(health)));
                waited.addAll(healths.keySet());
                List<String> unhealthy = healths.entrySet().stream()
                        .filter(e -> e.getValue().status() != io.jenkins.plugins.gitops.engine.health.HealthStatus.HEALTHY
                                && e.getValue().status() != io.jenkins.plugins.gitops.engine.health.HealthStatus.SUSPENDED)
                        .map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
                if (!unhealthy.isEmpty()) {
                    failure = what + " did not become healthy within " + timeout + ": "
                            + String.join(", ", unhealthy);
                    skipRemaining("not applied: " + what + " did not become healthy");
                    return false;
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                aborted = true;
                failure = "aborted while waiting for " + what;
                skipRemaining("not applied: the sync was aborted");
                return false;
            } catch (ClusterException e) {
                failure = e.getMessage();
                skipRemaining("not applied: " + e.getMessage());
                return false;
            }
        }

        /** Marks every entry not yet applied as skipped with {@code reason}. */
        private void skipRemaining(String reason) {
            entries.replaceAll((ref, entry) -> (entry.action() == Action.CREATED || entry.action() == Action.CONFIGURED)
                    && !wasApplied(ref) ? entry.withAction(Action.SKIPPED, reason) : entry);
        }

        private boolean wasApplied(ObjectRef ref) {
            return appliedRefs.contains(ref);
        }

        private boolean prune(PrunePlan.Candidate candidate) {
            try {
                new Pruner(connection, policy.propagation(), mode == Mode.DRY_RUN).delete(candidate);
                addExtra(candidate, Action.PRUNED, "");
                listener.event(entries.get(candidate.ref()).toString());
                return false;
            } catch (ApplyException e) {
                addExtra(candidate, Action.FAILED, e.getMessage());
                failure = e.getMessage();
                return true;
            }
        }

        private void addExtra(PrunePlan.Candidate candidate, Action action, String message) {
            entries.put(candidate.ref(), new ChangeSetEntry(candidate.ref(), candidate.live().path("apiVersion").asText(),
                    null, action, List.of(), "", action == Action.PRUNED ? null : healthAssessor.assess(candidate.live()),
                    message));
        }

        /**
         * Records the kinds this environment now has objects of. After a complete sync that is what it applied
         * plus what it kept; after a sync that stopped, or could not list some kinds, kinds are only ever
         * added: dropping one would hide its objects from every later prune.
         */
        private void recordInventory(Inventory inventory, Set<String> recorded, PrunePlan plan, boolean stopped) {
            Set<String> kinds = new TreeSet<>();
            if (stopped || !unlisted.isEmpty()) {
                kinds.addAll(recorded);
            }
            for (Map.Entry<ObjectRef, ObjectNode> stored : latest.entrySet()) {
                ChangeSetEntry entry = entries.get(stored.getKey());
                if (entry != null && entry.action() != Action.PRUNED) {
                    kinds.add(entryOf(stored.getKey(), stored.getValue()));
                }
            }
            for (PrunePlan.Candidate candidate : plan.candidates()) {
                if (!candidate.delete() || stopped) {
                    kinds.add(entryOf(candidate.ref(), candidate.live()));
                }
            }
            if (!kinds.equals(recorded)) {
                try {
                    inventory.write(kinds, policy.fieldManager());
                } catch (ClusterException e) {
                    listener.event("Warning: " + e.getMessage());
                }
            }
        }

        private String entryOf(ObjectRef ref, ObjectNode object) {
            return object.path("apiVersion").asText() + " " + ref.kind() + " " + (ref.namespace() == null ? "-" : ref.namespace());
        }

        private void assessHealth() {
            for (Map.Entry<ObjectRef, ChangeSetEntry> entry : entries.entrySet()) {
                if (entry.getValue().action() == Action.PRUNED || waited.contains(entry.getKey())) {
                    continue;
                }
                Optional.ofNullable(latest.get(entry.getKey()))
                        .ifPresent(object -> entry.setValue(entry.getValue().withHealth(healthAssessor.assess(object))));
            }
        }

        /** The final wait: every declared object healthy, or the result says which are not and why. */
        private void waitForAll() {
            List<ResolvedObject> notHealthy = ready.stream()
                    .filter(o -> entries.get(o.ref()) != null && entries.get(o.ref()).health() != null
                            && !Waiter.isDone(entries.get(o.ref()).health()))
                    .toList();
            if (notHealthy.isEmpty()) {
                return;
            }
            listener.event("Waiting for " + notHealthy.size() + " objects to become healthy (timeout "
                    + policy.healthTimeout() + ")");
            try {
                new Waiter(reader, healthAssessor, pollInterval, clock)
                        .waitForHealth(notHealthy, policy.healthTimeout(), listener::event)
                        .forEach((ref, health) -> entries.computeIfPresent(ref, (r, e) -> e.withHealth(health)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                aborted = true;
                failure = "aborted while waiting for health";
            } catch (ClusterException e) {
                listener.event("Warning: health could not be read: " + e.getMessage());
            }
        }

        private SyncResult stop(Phase phase, String message) {
            endPhase(phase);
            failure = "stopped at step \"" + phase.displayName() + "\", before anything was applied or pruned: " + message;
            for (KubeObject object : desired) {
                entries.putIfAbsent(object.ref(), new ChangeSetEntry(object.ref(), object.apiVersion(), object.origin(),
                        Action.SKIPPED, List.of(), "", null, "not applied: the sync stopped before applying anything"));
            }
            return finish(phase);
        }

        private SyncResult finish(Phase failedPhase) {
            if (!unlisted.isEmpty()) {
                String note = unlisted.keySet().stream().map(ResourceType::toString).sorted()
                        .collect(java.util.stream.Collectors.joining(", "))
                        + " could not be listed (forbidden): objects of " + (unlisted.size() == 1 ? "this kind" : "these kinds")
                        + " were not pruned, and those Git declares were not applied; grant the credentials list, get and"
                        + " patch on them (see the warnings for the API server's answer)";
                failure = failure.isEmpty() ? note : failure + "; also, " + note;
            }
            List<ChangeSetEntry> list = inApplyOrder().stream().map(this::redacted).toList();
            Outcome outcome = outcomeOf(list, failedPhase);
            return new SyncResult(mode, list, outcome, redactor.redact(failure), timings,
                    connection.requests().snapshot().minus(requestsAtStart));
        }

        /** Entries in the order objects were (or would be) applied; extra objects last, in prune order. */
        private List<ChangeSetEntry> inApplyOrder() {
            LinkedHashMap<ObjectRef, ChangeSetEntry> ordered = new LinkedHashMap<>();
            try {
                for (ApplyOrder.Step step : ApplyOrder.plan(ready)) {
                    for (ResolvedObject object : step.objects()) {
                        Optional.ofNullable(entries.get(object.ref())).ifPresent(e -> ordered.put(object.ref(), e));
                    }
                }
            } catch (IllegalArgumentException e) {
                return new ArrayList<>(entries.values()); // an unreadable wave: the failure says so; keep Git's order
            }
            entries.forEach(ordered::putIfAbsent);
            return new ArrayList<>(ordered.values());
        }

        private ChangeSetEntry redacted(ChangeSetEntry entry) {
            Health health = entry.health() == null ? null
                    : new Health(entry.health().status(), redactor.redact(entry.health().message()));
            return new ChangeSetEntry(entry.ref(), entry.apiVersion(), entry.origin(), entry.action(),
                    entry.changedPaths().stream().map(redactor::redact).toList(), redactor.redact(entry.diff()),
                    health, redactor.redact(entry.message()));
        }

        private Outcome outcomeOf(List<ChangeSetEntry> list, Phase failedPhase) {
            // An interrupt can also surface as a failed request; either way the user stopped the sync.
            if (aborted || Thread.currentThread().isInterrupted()) {
                return Outcome.ABORTED;
            }
            if (failedPhase != null || !failure.isEmpty()
                    || list.stream().anyMatch(e -> e.action() == Action.FAILED)) {
                return Outcome.FAILED;
            }
            if (list.stream().anyMatch(e -> e.action() == Action.CONFLICT)) {
                return Outcome.CONFLICTS;
            }
            boolean changes = list.stream().anyMatch(e -> e.action().isWrite());
            if (mode == Mode.PREVIEW) {
                return changes || list.stream().anyMatch(e -> e.action() == Action.SKIPPED) ? Outcome.OUT_OF_SYNC : Outcome.IN_SYNC;
            }
            SyncResult probe = new SyncResult(mode, list, Outcome.SYNCED, "", Map.of(), RequestCount.NONE);
            if (mode == Mode.SYNC && policy.waitForHealth() && !probe.health().isHealthy()) {
                return Outcome.UNHEALTHY;
            }
            return changes ? Outcome.SYNCED : Outcome.IN_SYNC;
        }

        private void startPhase() {
            phaseStart = System.nanoTime();
        }

        private void endPhase(Phase phase) {
            timings.merge(phase, Duration.ofNanos(System.nanoTime() - phaseStart), Duration::plus);
        }
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
