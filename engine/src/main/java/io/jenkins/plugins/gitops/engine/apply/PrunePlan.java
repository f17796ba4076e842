package io.jenkins.plugins.gitops.engine.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.cluster.LiveObjects;
import io.jenkins.plugins.gitops.engine.cluster.Ownership;
import io.jenkins.plugins.gitops.engine.cluster.ResourceType;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which live objects are extra (this environment's, absent from Git) and which of them may be deleted.
 * Every guard against deleting the wrong thing is here, in one place, tested on its own:
 *
 * <ul>
 *   <li>only objects that carry this environment's marks, label <em>and</em> full identity;</li>
 *   <li>only kinds that were listed completely in this reconcile (an object that could not be listed is
 *       never assumed gone from Git);</li>
 *   <li>nothing when pruning is off (extra objects are still reported);</li>
 *   <li>nothing when Git declares no object at all, unless the policy allows an empty environment;</li>
 *   <li>never an object whose annotations keep it ({@link ObjectSyncOptions#pruneRule()}):
 *       {@value #PRUNE_ANNOTATION}{@code : "false"}, Flux's {@value #FLUX_PRUNE_ANNOTATION}{@code : disabled} or
 *       {@code reconcile: disabled}, Helm's {@code resource-policy: keep}, Argo CD's {@code sync-options:
 *       Prune=false} or {@code Prune=confirm} (no confirmation is taken here), {@code ssa: Ignore}; nor one whose
 *       annotations cannot be read.</li>
 * </ul>
 * A failed render never reaches this class: without a complete desired set there is no plan.
 */
public final class PrunePlan {

    public static final String PRUNE_ANNOTATION = ObjectSyncOptions.PRUNE;
    /** Flux's equivalent: {@code disabled} keeps the object. */
    public static final String FLUX_PRUNE_ANNOTATION = ObjectSyncOptions.FLUX_PRUNE;

    /**
     * Prune order, as Argo CD prunes: objects marked to go last after all others, then higher waves first, then the
     * reverse of the apply order of kinds (workloads before the ConfigMaps and ServiceAccounts they use).
     */
    private static final Comparator<Candidate> PRUNE_ORDER = Comparator.comparing(Candidate::pruneLast)
            .thenComparing(Comparator.comparingInt((Candidate c) -> liveWave(c.live())).reversed())
            .thenComparing(Comparator.comparingInt((Candidate c) -> ApplyOrder.kindRank(c.ref().kind()))
                    .thenComparing(Candidate::ref).reversed());

    private final List<Candidate> candidates;

    private PrunePlan(List<Candidate> candidates) {
        this.candidates = List.copyOf(candidates);
    }

    /**
     * @param desired the references of every object Git declares (after namespace defaulting)
     * @param live what the reconcile listed by the environment's label
     * @param types the resource type of each listed kind, by group + "/" + kind
     */
    public static PrunePlan compute(Set<ObjectRef> desired, LiveObjects live, Map<String, ResourceType> types,
            Ownership ownership, boolean pruneEnabled, boolean allowEmpty) {
        List<Candidate> candidates = new ArrayList<>();
        for (ObjectRef ref : live.refs()) {
            if (desired.contains(ref)) {
                continue;
            }
            ObjectNode object = live.get(ref).orElseThrow();
            if (!ownership.owns(object)) {
                continue; // same label value but another identity: not ours, not even worth reporting
            }
            ResourceType type = types.get(ref.group() + "/" + ref.kind());
            candidates.add(decide(ref, type, object, live, desired.isEmpty(), pruneEnabled, allowEmpty));
        }
        candidates.sort(PRUNE_ORDER);
        return new PrunePlan(candidates);
    }

    private static Candidate decide(ObjectRef ref, ResourceType type, ObjectNode object, LiveObjects live,
            boolean desiredIsEmpty, boolean pruneEnabled, boolean allowEmpty) {
        ObjectSyncOptions options;
        try {
            options = ObjectSyncOptions.of(object);
        } catch (IllegalArgumentException e) {
            // unsure what its annotations ask for: keep it
            return new Candidate(ref, type, object, false, "not pruned: its annotations are not understood ("
                    + e.getMessage() + ")", ObjectSyncOptions.defaults());
        }
        if (type == null || !live.wasListed(type, ref.namespace())) {
            return new Candidate(ref, type, object, false, "not pruned: its kind was not listed completely", options);
        }
        if (options.pruneRule() == ObjectSyncOptions.PruneRule.KEEP) {
            return new Candidate(ref, type, object, false, "not pruned: annotated " + options.pruneSource(), options);
        }
        if (options.pruneRule() == ObjectSyncOptions.PruneRule.CONFIRM) {
            return new Candidate(ref, type, object, false, "not pruned: annotated " + options.pruneSource()
                    + ", and this engine takes no confirmation; delete it yourself (kubectl delete), or remove"
                    + " Prune=confirm from its last version in Git and sync before removing it", options);
        }
        if (!pruneEnabled) {
            return new Candidate(ref, type, object, false, "not pruned: pruning is off for this environment", options);
        }
        if (desiredIsEmpty && !allowEmpty) {
            return new Candidate(ref, type, object, false,
                    "not pruned: Git declares no objects at all; enable \"Allow empty\" to prune everything", options);
        }
        return new Candidate(ref, type, object, true, options.pruneLast() ? "pruned: no longer in Git; last, as annotated"
                : "pruned: no longer in Git", options);
    }

    /** The wave a live object was applied in; 0 when it has none or one that is not a number. */
    private static int liveWave(ObjectNode live) {
        JsonNode annotations = live.path("metadata").path("annotations");
        String wave = annotations.path(ApplyOrder.SYNC_WAVE_ANNOTATION).asText("");
        if (wave.isBlank()) {
            wave = annotations.path(ApplyOrder.ARGO_SYNC_WAVE_ANNOTATION).asText("");
        }
        try {
            return wave.isBlank() ? 0 : Integer.parseInt(wave.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Every extra object, in prune order, with the decision taken for it. */
    public List<Candidate> candidates() {
        return candidates;
    }

    public List<Candidate> deletions() {
        return candidates.stream().filter(Candidate::delete).toList();
    }

    /**
     * One extra object.
     *
     * @param delete whether it is to be deleted
     * @param reason why (or why not), for the change set
     * @param options what its annotations ask for
     */
    public record Candidate(ObjectRef ref, ResourceType type, ObjectNode live, boolean delete, String reason,
            ObjectSyncOptions options) {

        /** Whether it is pruned only after everything else is applied (and healthy, when the sync waits). */
        public boolean pruneLast() {
            return options.pruneLast();
        }

        /** Whether, kept or about to be pruned, it leaves the environment's sync status alone. */
        public boolean ignoredForSyncStatus() {
            return options.ignoreExtraneous();
        }

        /** The annotation that makes it {@link #ignoredForSyncStatus()}, as {@code key: value}. */
        public String ignoreExtraneousSource() {
            return options.ignoreExtraneousSource();
        }
    }
}
