package io.jenkins.plugins.gitops.engine.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.ResourceType;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server-side apply of one object, as its field manager, without force unless asked. One request per
 * object; the caller decides which objects need one at all.
 */
public final class Applier {

    /** How kube-apiserver words a conflict cause: {@code conflict with "kubectl-edit" using apps/v1}. */
    private static final Pattern CONFLICT_MANAGER = Pattern.compile("conflict with \"([^\"]*)\"");

    private final ClusterConnection connection;
    private final ApplyOptions options;

    public Applier(ClusterConnection connection, ApplyOptions options) {
        this.connection = connection;
        this.options = options;
    }

    /**
     * Applies {@code manifest} (complete: namespace set for namespaced kinds, ownership marks added) and
     * returns the object as the API server stored it (or would store it, on a dry run).
     *
     * @throws ApplyException naming the object, with the conflicts when another manager owns a declared field
     */
    public ObjectNode apply(ResourceType type, ObjectRef ref, ObjectNode manifest) {
        GenericKubernetesResource resource = connection.serialization()
                .convertValue(manifest, GenericKubernetesResource.class);
        var kind = connection.client().genericKubernetesResources(type.definitionContext());
        Resource<GenericKubernetesResource> target = type.namespaced()
                ? kind.inNamespace(ref.namespace()).resource(resource)
                : kind.resource(resource);
        ServerSideApplicable<GenericKubernetesResource> apply = options.dryRun()
                ? target.dryRun().fieldManager(options.fieldManager())
                : target.fieldManager(options.fieldManager());
        if (options.forceConflicts()) {
            apply = apply.forceConflicts();
        }
        try {
            GenericKubernetesResource stored = apply.serverSideApply();
            return connection.serialization().convertValue(stored, ObjectNode.class);
        } catch (KubernetesClientException e) {
            throw failure(ref, e);
        }
    }

    private ApplyException failure(ObjectRef ref, KubernetesClientException e) {
        List<ApplyConflict> conflicts = conflictsOf(e);
        if (!conflicts.isEmpty()) {
            return new ApplyException(ref, ApplyConflict.describe(conflicts), conflicts, e);
        }
        String step = options.dryRun() ? "dry-run apply failed" : "apply failed";
        return new ApplyException(ref, step + " (" + statusOf(e) + ")" + hintFor(e), List.of(), e);
    }

    static List<ApplyConflict> conflictsOf(KubernetesClientException e) {
        List<ApplyConflict> conflicts = new ArrayList<>();
        if (e.getCode() != 409 || e.getStatus() == null || e.getStatus().getDetails() == null) {
            return conflicts;
        }
        for (StatusCause cause : e.getStatus().getDetails().getCauses()) {
            if (!"FieldManagerConflict".equals(cause.getReason())) {
                continue;
            }
            Matcher manager = CONFLICT_MANAGER.matcher(String.valueOf(cause.getMessage()));
            conflicts.add(new ApplyConflict(manager.find() ? manager.group(1) : "unknown", cause.getField()));
        }
        return conflicts;
    }

    static String statusOf(KubernetesClientException e) {
        if (e.getCode() > 0 && e.getStatus() != null && e.getStatus().getMessage() != null) {
            return "HTTP " + e.getCode() + ": " + e.getStatus().getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String hintFor(KubernetesClientException e) {
        return switch (e.getCode()) {
            case 401 -> "; check the cluster credentials";
            case 403 -> "; grant the engine's credentials the right to patch this kind";
            case 404 -> "; check that the namespace exists (declare it in Git to have it created first)";
            case 422 -> "; fix the manifest in Git";
            case 0 -> "; check that the API server is reachable";
            default -> "";
        };
    }
}
