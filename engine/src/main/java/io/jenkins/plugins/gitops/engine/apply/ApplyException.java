package io.jenkins.plugins.gitops.engine.apply;

import io.fabric8.kubernetes.client.KubernetesClientException;
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
    private final transient List<String> immutableFields;

    public ApplyException(ObjectRef object, String message, List<ApplyConflict> conflicts, Throwable cause) {
        this(object, message, conflicts, List.of(), cause);
    }

    public ApplyException(ObjectRef object, String message, List<ApplyConflict> conflicts, List<String> immutableFields,
            Throwable cause) {
        super(object + ": " + message, cause);
        this.object = object;
        this.conflicts = List.copyOf(conflicts);
        this.immutableFields = List.copyOf(immutableFields);
    }

    /** The fields the API server refused to change because they are immutable; empty for other failures. */
    public List<String> immutableFields() {
        return immutableFields;
    }

    public boolean isImmutableChange() {
        return !immutableFields.isEmpty();
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

    /**
     * Whether the API server answered and refused this one object (invalid, forbidden by RBAC or an admission
     * policy, its namespace missing or being deleted): other objects may still be applied. Not a refusal: no
     * answer, the credentials rejected (401), a timeout (408), throttling (429) or a server failure (5xx), all of which
     * concern the cluster rather than the object, and after which the sync should stop.
     */
    public boolean isRefusal() {
        if (!(getCause() instanceof KubernetesClientException failed)) {
            return false;
        }
        int code = failed.getCode();
        return code >= 400 && code < 500 && code != 401 && code != 408 && code != 429;
    }
}
