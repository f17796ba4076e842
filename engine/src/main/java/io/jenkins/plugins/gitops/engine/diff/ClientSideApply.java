package io.jenkins.plugins.gitops.engine.diff;

import java.util.List;

/**
 * What client-side {@code kubectl apply} leaves on an object, and what a sync hands over to its own field
 * manager so that a field removed from Git disappears from the live object, as fluxcd/pkg {@code ssa}'s
 * clean-up does: without it, the fields {@code kubectl apply} once set stay owned by its manager forever,
 * and server-side apply never removes them.
 */
public final class ClientSideApply {

    /** The annotation in which client-side apply keeps the configuration it last applied. */
    public static final String LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

    /**
     * The managedFields entries (all with operation {@code Update}) that client-side apply leaves:
     * {@code kubectl apply} itself, and the entry the API server makes of everything set before an object's
     * first server-side apply.
     */
    public static final List<String> MANAGERS = List.of("kubectl-client-side-apply", "before-first-apply");

    /** The operation of those entries. */
    public static final String OPERATION = "Update";

    private ClientSideApply() {
    }
}
