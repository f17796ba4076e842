package io.jenkins.plugins.gitops.engine.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the comparison stands in the field sets that matter for one object: those of the managers whose
 * fields are ignored, and those of our own field manager. Moves down one path segment at a time,
 * alongside the walk over the desired object.
 */
final class Owners {

    private final List<FieldSet> ignored;
    private final List<FieldSet> own;
    private final boolean ownEvidence;

    private Owners(List<FieldSet> ignored, List<FieldSet> own, boolean ownEvidence) {
        this.ignored = ignored;
        this.own = own;
        this.ownEvidence = ownEvidence;
    }

    /**
     * @param ignored the field sets of managers whose fields are not compared
     * @param own the field sets of our own field manager; empty when unknown or when it never applied
     *     this object, in which case ownership is no evidence of anything
     */
    static Owners at(List<FieldSet> ignored, List<FieldSet> own) {
        return new Owners(List.copyOf(ignored), List.copyOf(own), !own.isEmpty());
    }

    Owners descend(FieldPath.Segment segment) {
        if (ignored.isEmpty() && own.isEmpty()) {
            return this;
        }
        return new Owners(children(ignored, segment), children(own, segment), ownEvidence);
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
