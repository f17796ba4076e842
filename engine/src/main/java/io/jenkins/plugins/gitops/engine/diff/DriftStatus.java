package io.jenkins.plugins.gitops.engine.diff;

/** Whether the live object matches what Git declares. */
public enum DriftStatus {
    /** Every field Git declares has the declared value in the live object. */
    IN_SYNC,
    /** At least one declared field differs, or is absent, in the live object. */
    OUT_OF_SYNC,
    /** The object does not exist in the cluster. */
    MISSING
}
