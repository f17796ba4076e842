package io.jenkins.plugins.gitops.engine.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the comparison stands in the field sets that matter for one object: those of the managers whose
 * fields are ignored, those of our own field manager, and those of every other manager (whom a sync takes
 * a field from). Moves down one path segment at a time, alongside the walk over the desired object.
 */
final class Owners {

    private final List<FieldSet> ignored;
    private final List<FieldSet> own;
    private final Map<String, List<FieldSet>> others;
    private final boolean ownEvidence;

    private Owners(List<FieldSet> ignored, List<FieldSet> own, Map<String, List<FieldSet>> others, boolean ownEvidence) {
        this.ignored = ignored;
        this.own = own;
        this.others = others;
        this.ownEvidence = ownEvidence;
    }

    /**
     * @param ignored the field sets of managers whose fields are not compared
     * @param own the field sets of our own field manager; empty when unknown or when it never applied
     *     this object, in which case ownership is no evidence of anything
     */
    static Owners at(List<FieldSet> ignored, List<FieldSet> own) {
        return at(ignored, own, Map.of());
    }

    /**
     * @param others the field sets of every other manager, by manager name
     */
    static Owners at(List<FieldSet> ignored, List<FieldSet> own, Map<String, List<FieldSet>> others) {
        return new Owners(List.copyOf(ignored), List.copyOf(own), Map.copyOf(others), !own.isEmpty());
    }

    Owners descend(FieldPath.Segment segment) {
        if (ignored.isEmpty() && own.isEmpty() && others.isEmpty()) {
            return this;
        }
        Map<String, List<FieldSet>> otherChildren = new LinkedHashMap<>();
        others.forEach((manager, sets) -> {
            List<FieldSet> children = children(sets, segment);
            if (!children.isEmpty()) {
                otherChildren.put(manager, children);
            }
        });
        return new Owners(children(ignored, segment), children(own, segment), otherChildren, ownEvidence);
    }

    /** The other managers that own the value at this path (or part of it), sorted by name. */
    List<String> otherManagers() {
        return others.keySet().stream().sorted().toList();
    }

    private static List<FieldSet> children(List<FieldSet> sets, FieldPath.Segment segment) {
        List<FieldSet> children = new ArrayList<>(sets.size());
        for (FieldSet set : sets) {
            FieldSet child = set.child(segment);
            if (child != null) {
                children.add(child);
            }
        }
        return children;
    }

    /** Whether an ignored manager owns the whole value at this path. */
    boolean isOwnedByIgnoredManager() {
        return ignored.stream().anyMatch(FieldSet::ownsWholeValue);
    }

    /** Whether our field manager has applied this object, so that {@link #isOwnedByUs()} means something. */
    boolean hasOwnEvidence() {
        return ownEvidence;
    }

    /** Whether our field manager owns this path (it declared it when it last applied). */
    boolean isOwnedByUs() {
        return !own.isEmpty();
    }
}
