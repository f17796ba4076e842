package io.jenkins.plugins.gitops.engine.apply;

import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.util.List;

/**
 * Applying or deleting one object failed. Carries the object, and the conflicts when the failure was a
 * field-manager conflict, so the change set can say exactly what happened to which object.
 */
public class ApplyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ObjectRef object;
    private final transient List<ApplyConflict> conflicts;

    public ApplyException(ObjectRef object, String message, List<ApplyConflict> conflicts, Throwable cause) {
        super(object + ": " + message, cause);
        this.object = object;
        this.conflicts = List.copyOf(conflicts);
    }

    public ObjectRef object() {
        return object;
    }

    public List<ApplyConflict> conflicts() {
        return conflicts;
    }

    public boolean isConflict() {
        return !conflicts.isEmpty();
    }
}
