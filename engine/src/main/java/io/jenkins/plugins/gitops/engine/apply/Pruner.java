package io.jenkins.plugins.gitops.engine.apply;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;

/**
 * Deletes the objects a {@link PrunePlan} chose. "Not found" counts as deleted: someone was faster, and
 * the cluster is in the state Git asks for.
 */
public final class Pruner {

    private final ClusterConnection connection;
    private final DeletionPropagation propagation;
    private final boolean dryRun;

    /**
     * @param propagation how dependents are deleted; background by default, like kubectl
     * @param dryRun ask the API server ({@code dryRun=All}) and delete nothing
     */
    public Pruner(ClusterConnection connection, DeletionPropagation propagation, boolean dryRun) {
        this.connection = connection;
        this.propagation = propagation;
        this.dryRun = dryRun;
    }

    /** @throws ApplyException naming the object when the API server refuses the deletion */
    public void delete(PrunePlan.Candidate candidate) {
        var kind = connection.client().genericKubernetesResources(candidate.type().definitionContext());
        var resource = candidate.type().namespaced()
                ? kind.inNamespace(candidate.ref().namespace()).withName(candidate.ref().name())
                : kind.withName(candidate.ref().name());
        try {
            if (dryRun) {
                resource.dryRun().withPropagationPolicy(propagation).delete();
            } else {
                resource.withPropagationPolicy(propagation).delete();
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return;
            }
            throw new ApplyException(candidate.ref(), "delete failed (" + connection.describe(e) + ")"
                    + Applier.hintFor(e, candidate.ref(), "delete"), java.util.List.of(), e);
        }
    }
}
