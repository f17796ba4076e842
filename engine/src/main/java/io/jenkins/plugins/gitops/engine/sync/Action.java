package io.jenkins.plugins.gitops.engine.sync;

/** What a sync did (or, on a preview, would do) to one object. */
public enum Action {
    /** The object did not exist and was created. */
    CREATED,
    /** The object existed, differed from Git in declared fields, and was changed. */
    CONFIGURED,
    /**
     * The object could not be changed in place (a field the API server keeps immutable differs) and was
     * deleted and created again, as its sync options allow.
     */
    RECREATED,
    /**
     * The object belonged to another environment, and Git hands it over to this one (it names the previous
     * owner): it now carries this environment's marks and Git's fields.
     */
    HANDED_OVER,
    /** The object matched Git; no request was sent for it. */
    UNCHANGED,
    /** The object was this environment's, is no longer in Git, and was deleted. */
    PRUNED,
    /** Nothing was done: the reason is in the entry's message (prune off, annotation, an earlier failure). */
    SKIPPED,
    /** Another field manager owns fields that Git declares; nothing was forced. */
    CONFLICT,
    /** The API server refused the object, or the request failed. */
    FAILED,
    /**
     * A hook: run at its phase (or, on a preview, to be run), never compared with Git; the message says its phase,
     * wave and how it ended, its health whether it succeeded.
     */
    HOOK;

    /** Whether the action wrote to the cluster. */
    public boolean isWrite() {
        return this == CREATED || this == CONFIGURED || this == RECREATED || this == HANDED_OVER || this == PRUNED;
    }

    /** As totals name it after a count: {@code 4 created}, {@code 2 hook runs}. */
    public String countLabel() {
        return this == HOOK ? "hook runs" : label();
    }

    /** Lower-case, as printed in logs: {@code created}, {@code configured}, {@code handed over}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
