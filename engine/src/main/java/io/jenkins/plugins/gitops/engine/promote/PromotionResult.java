package io.jenkins.plugins.gitops.engine.promote;

import java.util.List;
import java.util.Objects;

/**
 * What a promotion did.
 *
 * @param status whether a commit was pushed
 * @param commit the new commit (COMMITTED), or the branch tip that already had the tag (ALREADY_AT_TAG)
 * @param previousCommit the branch tip the change was made on
 * @param edits the changes, by file and line; empty when the tag was already set
 * @param attempts how many times the change was written (more than 1 when the branch moved meanwhile)
 */
public record PromotionResult(Status status, String commit, String previousCommit, List<ImageEdit> edits,
        int attempts) {

    /** Whether a commit was made. */
    public enum Status {
        /** A commit with the edits was pushed to the branch. */
        COMMITTED,
        /** Every reference already had the tag; nothing was committed. */
        ALREADY_AT_TAG
    }

    public PromotionResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(previousCommit, "previousCommit");
        edits = List.copyOf(edits);
    }

    public boolean isCommitted() {
        return status == Status.COMMITTED;
    }
}
