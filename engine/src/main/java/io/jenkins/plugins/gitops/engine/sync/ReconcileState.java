package io.jenkins.plugins.gitops.engine.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.apply.ResolvedObject;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.LiveStateReader;
import io.jenkins.plugins.gitops.engine.cluster.Ownership;
import io.jenkins.plugins.gitops.engine.cluster.RequestCounter.RequestCount;
import io.jenkins.plugins.gitops.engine.cluster.ResourceType;
import io.jenkins.plugins.gitops.engine.diff.RedactionRules;
import io.jenkins.plugins.gitops.engine.diff.Redactor;
import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the phases of one reconcile share: its inputs, the entry of every object so far, the live objects
 * last seen, the listener (which redacts), the time spent per phase, and whether and why it failed or was
 * aborted. One instance per {@link Reconciler#reconcile} call, so the {@link Reconciler} itself holds none,
 * and each phase reads what the ones before it found.
 */
final class ReconcileState {

    private final ClusterConnection connection;
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
    private final LiveStateReader reader;
    /** Objects whose health a wait already observed, fresher than their apply response. */
    private final Set<ObjectRef> waited = new HashSet<>();
    private final List<ResolvedObject> ready = new ArrayList<>();
    /** Kinds the credentials may not list, with the reason: never compared, applied or pruned. */
    private final Map<ResourceType, String> unlisted = new LinkedHashMap<>();
    private List<KubeObject> resources;
    private final Set<ObjectRef> preSyncHooks = new LinkedHashSet<>();
    private long phaseStart;
    private String failure = "";
    private boolean aborted;

    ReconcileState(ClusterConnection connection, List<KubeObject> desired, Target target, SyncPolicy policy,
            Mode mode, SyncListener listener, RedactionRules redactionRules) {
        this.connection = connection;
        this.reader = new LiveStateReader(connection);
        this.desired = desired;
        this.target = target;
        this.policy = policy;
        this.mode = mode;
        this.redactor = Redactor.from(desired, redactionRules);
        this.listener = line -> listener.event(redactor.redact(line));
        this.ownership = new Ownership(target.environmentId());
        this.requestsAtStart = connection.requests().snapshot();
    }

    /** The complete result of the render, as the caller passed it. */
    List<KubeObject> desired() {
        return desired;
    }

    /** The desired state: the rendered objects without the hooks, once they are told apart. */
    List<KubeObject> resources() {
        return resources != null ? resources : desired.stream().filter(object -> !object.name().isEmpty()).toList();
    }

    void resources(List<KubeObject> desiredState) {
        resources = List.copyOf(desiredState);
    }

    /** The PreSync hooks in the change set, which are listed first as they run first. */
    Set<ObjectRef> preSyncHooks() {
        return preSyncHooks;
    }

    Target target() {
        return target;
    }

    SyncPolicy policy() {
        return policy;
    }

    Mode mode() {
        return mode;
    }

    /** Whether this reconcile writes for real: not a preview, not a dry run. */
    boolean isSync() {
        return mode == Mode.SYNC;
    }

    /** The caller's listener, with every secret value of the desired objects removed from each line. */
    SyncListener listener() {
        return listener;
    }

    Redactor redactor() {
        return redactor;
    }

    Ownership ownership() {
        return ownership;
    }

    ClusterConnection connection() {
        return connection;
    }

    /** The one reader of this reconcile, for lists, single reads and waits. */
    LiveStateReader reader() {
        return reader;
    }

    /** One entry per object so far, by object: desired objects in Git's order, then extra objects. */
    LinkedHashMap<ObjectRef, ChangeSetEntry> entries() {
        return entries;
    }

    /** The newest live version seen of each object: as listed or read, then as the apply returned it. */
    Map<ObjectRef, ObjectNode> latest() {
        return latest;
    }

    /** Desired objects resolved and ready to apply; deferred ones join once their definitions are applied. */
    List<ResolvedObject> ready() {
        return ready;
    }

    /** Kinds the credentials may not list, with the API server's answer. */
    Map<ResourceType, String> unlisted() {
        return unlisted;
    }

    /** Records the health a wait observed, so that the final assessment does not replace it with an older one. */
    void recordHealth(Map<ObjectRef, Health> healths) {
        healths.forEach((ref, health) -> entries.computeIfPresent(ref, (r, e) -> e.withHealth(health)));
    }

    void markWaited(Collection<ObjectRef> refs) {
        waited.addAll(refs);
    }

    boolean wasWaited(ObjectRef ref) {
        return waited.contains(ref);
    }

    /** What went wrong and where; empty while nothing has. */
    String failure() {
        return failure;
    }

    void fail(String message) {
        failure = message;
    }

    /** Whether the sync failed so far: a failure recorded, an object refused, or one degraded. */
    boolean hasFailed() {
        return !failure.isEmpty() || entries.values().stream().anyMatch(entry -> entry.action() == Action.FAILED
                || entry.action() != Action.HOOK && entry.action() != Action.PRUNED && entry.health() != null
                        && entry.health().status() == HealthStatus.DEGRADED);
    }

    /**
     * What keeps a sync that did not fail from being complete: declared objects left in conflict or skipped, or
     * not healthy; empty when it is complete (what PostSync hooks wait for).
     */
    String incompleteness() {
        List<String> reasons = new ArrayList<>();
        for (ChangeSetEntry entry : entries.values()) {
            if (entry.origin() == null || entry.action() == Action.HOOK) {
                continue; // extra objects left in place, and the hooks themselves
            }
            if (entry.action() == Action.CONFLICT || entry.action() == Action.SKIPPED) {
                reasons.add(entry.ref() + " is " + entry.action().label());
            } else if (entry.health() != null && entry.health().status() != HealthStatus.HEALTHY
                    && entry.health().status() != HealthStatus.SUSPENDED) {
                reasons.add(entry.ref() + " is " + entry.health());
            }
        }
        if (reasons.size() > 3) {
            return reasons.subList(0, 3).stream().collect(Collectors.joining(", ")) + " and " + (reasons.size() - 3)
                    + " more";
        }
        return String.join(", ", reasons);
    }

    /** Marks every declared object that a write was planned for, and that was not written, as skipped. */
    void skipUnapplied(String reason) {
        entries.replaceAll((ref, entry) -> entry.action() == Action.CREATED || entry.action() == Action.CONFIGURED
                || entry.action() == Action.RECREATED || entry.action() == Action.HANDED_OVER
                ? entry.withAction(Action.SKIPPED, reason) : entry);
    }

    /** The user stopped the sync; {@code message} says where. */
    void abort(String message) {
        aborted = true;
        failure = message;
    }

    /** Whether the user stopped the sync: it was seen to, or the thread is interrupted now. */
    boolean wasAborted() {
        // An interrupt can also surface as a failed request; either way the user stopped the sync.
        return aborted || Thread.currentThread().isInterrupted();
    }

    void startPhase() {
        phaseStart = System.nanoTime();
    }

    void endPhase(Phase phase) {
        timings.merge(phase, Duration.ofNanos(System.nanoTime() - phaseStart), Duration::plus);
    }

    Map<Phase, Duration> timings() {
        return timings;
    }

    /** API requests sent since this reconcile started. */
    RequestCount requestsSinceStart() {
        return connection.requests().snapshot().minus(requestsAtStart);
    }
}
