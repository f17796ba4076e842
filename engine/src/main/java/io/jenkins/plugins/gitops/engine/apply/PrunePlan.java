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
 *   <li>never an object annotated {@value #PRUNE_ANNOTATION}{@code : "false"}, Flux's
 *       {@value #FLUX_PRUNE_ANNOTATION}{@code : disabled}, Argo CD's {@code sync-options: Prune=false}, or
 *       {@code ssa: Ignore} ({@link ObjectSyncOptions}).</li>
 * </ul>
 * A failed render never reaches this class: without a complete desired set there is no plan.
 */
public final class PrunePlan {

    public static final String PRUNE_ANNOTATION = "gitops-sync.jenkins.io/prune";
    /** Flux's equivalent: {@code disabled} keeps the object. */
    public static final String FLUX_PRUNE_ANNOTATION = "kustomize.toolkit.fluxcd.io/prune";

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
        candidates.sort(Comparator.comparingInt((Candidate c) -> ApplyOrder.kindRank(c.ref().kind()))
                .thenComparing(Candidate::ref).reversed());
        return new PrunePlan(candidates);
    }

    private static Candidate decide(ObjectRef ref, ResourceType type, ObjectNode object, LiveObjects live,
            boolean desiredIsEmpty, boolean pruneEnabled, boolean allowEmpty) {
        if (type == null || !live.wasListed(type, ref.namespace())) {
            return new Candidate(ref, type, object, false, "not pruned: its kind was not listed completely");
        }
        if ("false".equalsIgnoreCase(object.path("metadata").path("annotations").path(PRUNE_ANNOTATION).asText())) {
            return new Candidate(ref, type, object, false, "not pruned: annotated " + PRUNE_ANNOTATION + ": \"false\"");
        }
        String keptBy = keptByAnnotation(object);
        if (!keptBy.isEmpty()) {
            return new Candidate(ref, type, object, false, "not pruned: annotated " + keptBy);
        }
        if (!pruneEnabled) {
            return new Candidate(ref, type, object, false, "not pruned: pruning is off for this environment");
        }
        if (desiredIsEmpty && !allowEmpty) {
            return new Candidate(ref, type, object, false,
                    "not pruned: Git declares no objects at all; enable \"Allow empty\" to prune everything");
        }
        return new Candidate(ref, type, object, true, "pruned: no longer in Git");
    }

    /** Flux's and Argo CD's ways of saying "never prune this", and {@code ssa: Ignore}; empty when none is set. */
    private static String keptByAnnotation(ObjectNode object) {
        JsonNode annotations = object.path("metadata").path("annotations");
        String fluxPrune = annotations.path(FLUX_PRUNE_ANNOTATION).asText("");
        if (fluxPrune.equalsIgnoreCase("disabled")) {
            return FLUX_PRUNE_ANNOTATION + ": " + fluxPrune;
        }
        String argoOptions = annotations.path(ObjectSyncOptions.ARGO_SYNC_OPTIONS).asText("");
        if (java.util.Arrays.stream(argoOptions.split(",")).map(String::trim).anyMatch("Prune=false"::equals)) {
            return ObjectSyncOptions.ARGO_SYNC_OPTIONS + ": " + argoOptions;
        }
        try {
            ObjectSyncOptions options = ObjectSyncOptions.of(object);
            return options.applyMode() == ObjectSyncOptions.ApplyMode.IGNORE ? options.applyModeSource() : "";
        } catch (IllegalArgumentException e) {
            return "with an apply mode that is not understood (" + e.getMessage() + ")"; // unsure: keep it
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
     */
    public record Candidate(ObjectRef ref, ResourceType type, ObjectNode live, boolean delete, String reason) {
    }
}
