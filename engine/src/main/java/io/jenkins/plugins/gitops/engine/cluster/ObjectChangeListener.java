package io.jenkins.plugins.gitops.engine.cluster;

import io.jenkins.plugins.gitops.engine.resource.ObjectRef;

/**
 * Told when a watch sees an object that an environment manages change or disappear: the way drift is noticed in
 * seconds instead of at the next periodic check. Called on the cache's event thread: return quickly (the usual
 * listener is a debouncer that asks the check pool for a check).
 */
@FunctionalInterface
public interface ObjectChangeListener {

    ObjectChangeListener NONE = change -> { };

    void changed(ObjectChange change);

    /**
     * One change.
     *
     * @param environmentId the identity of the environment whose marks the object carries (the full identity
     *     from its annotation, not the abbreviated label)
     * @param object the object
     * @param deleted whether the object is gone
     * @param byOthers whether someone other than the engine made the change (a {@code kubectl edit}, a controller
     *     writing a declared field); {@code false} for the engine's own writes coming back through the watch, which
     *     need no check
     */
    record ObjectChange(String environmentId, ObjectRef object, boolean deleted, boolean byOthers) {
    }
}
