package io.jenkins.plugins.gitops.engine.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.RequestRetries;
import io.jenkins.plugins.gitops.engine.cluster.ResourceType;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server-side apply of one object, as its field manager, without force unless asked. One request per
 * object; the caller decides which objects need one at all.
 */
public final class Applier {

    /** How kube-apiserver words a conflict cause: {@code conflict with "kubectl-edit" using apps/v1}. */
    private static final Pattern CONFLICT_MANAGER = Pattern.compile("conflict with \"([^\"]*)\"");

    /** How the RBAC authorizer words a denial: {@code User "ann" cannot patch resource "secrets" in API group "" in the namespace "shop"}. */
    private static final Pattern RBAC_DENIAL = Pattern.compile(
            "(User \"[^\"]*\") cannot (\\S+) resource \"([^\"]+)\" in API group \"([^\"]*)\"(?: in the namespace \"([^\"]+)\")?");

    /** How the LimitRanger admission plugin words a denial: {@code maximum memory usage per Container is 256Mi, but limit is 1Gi}. */
    private static final Pattern LIMIT_RANGE_DENIAL = Pattern.compile(
            "(maximum|minimum) \\S+ usage per \\S+ is|limit to request ratio per");

    /** How the API server and admission webhooks word a refused change of an immutable field. */
    private static final Pattern IMMUTABLE = Pattern.compile("is immutable|immutable field|field is immutable|may not change once set");

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
            ObjectNode result = connection.serialization().convertValue(stored, ObjectNode.class);
            if (!options.dryRun()) {
                connection.liveStateCache().ifPresent(cache -> cache.recordOwnWrite(result));
            }
            return result;
        } catch (KubernetesClientException e) {
            throw failure(ref, e);
        }
    }

    /**
     * Hands the fields client-side apply set over to this engine's field manager ({@link ClientSideApplyMigration}):
     * one JSON patch, sent only when the live object has something to hand over.
     *
     * @return whether a patch was sent
     * @throws ApplyException naming the object when the API server refuses the patch
     */
    public boolean migrateClientSideApply(ResourceType type, ObjectRef ref, ObjectNode live) {
        Optional<ArrayNode> patch = ClientSideApplyMigration.patchFor(live, options.fieldManager());
        if (patch.isEmpty()) {
            return false;
        }
        var kind = connection.client().genericKubernetesResources(type.definitionContext());
        var target = type.namespaced() ? kind.inNamespace(ref.namespace()).withName(ref.name()) : kind.withName(ref.name());
        PatchContext context = new PatchContext.Builder().withPatchType(PatchType.JSON)
                .withFieldManager(options.fieldManager()).build();
        try {
            if (options.dryRun()) {
                target.dryRun().patch(context, patch.get().toString());
            } else {
                target.patch(context, patch.get().toString());
            }
            return true;
        } catch (KubernetesClientException e) {
            throw new ApplyException(ref, "handing the fields of kubectl apply over to field manager \""
                    + options.fieldManager() + "\" failed (" + connection.describe(e) + ")" + hintFor(e, ref, "patch"),
                    List.of(), e);
        }
    }

    /**
     * Deletes {@code ref} and applies {@code manifest} again, for a change the API server refuses in place
     * (an immutable field). Waits for the deletion to finish, up to {@code timeout}, so that the new object
     * is not refused as "being deleted". On a dry run, asks whether the deletion would be allowed, and
     * changes nothing.
     *
     * @throws ApplyException naming the object when the deletion or the new apply fails, or the object is still
     *     there after {@code timeout} (a finalizer holds it)
     */
    public ObjectNode recreate(ResourceType type, ObjectRef ref, ObjectNode manifest, Duration timeout) {
        var kind = connection.client().genericKubernetesResources(type.definitionContext());
        var target = type.namespaced() ? kind.inNamespace(ref.namespace()).withName(ref.name()) : kind.withName(ref.name());
        try {
            if (options.dryRun()) {
                target.dryRun().withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
                return manifest;
            }
            target.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (target.get() != null) {
                if (System.nanoTime() > deadline) {
                    throw new ApplyException(ref, "was deleted to be recreated, but is still there after " + timeout
                            + "; check its finalizers (kubectl get -o yaml), then sync again", List.of(), null);
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApplyException(ref, "interrupted while waiting for its deletion, before it was recreated;"
                    + " sync again to create it", List.of(), e);
        } catch (KubernetesClientException e) {
            throw new ApplyException(ref, "delete before recreating failed (" + connection.describe(e) + ")"
                    + hintFor(e, ref, "delete"), List.of(), e);
        }
        return apply(type, ref, manifest);
    }

    private ApplyException failure(ObjectRef ref, KubernetesClientException e) {
        List<ApplyConflict> conflicts = conflictsOf(e);
        if (!conflicts.isEmpty()) {
            return new ApplyException(ref, ApplyConflict.describe(conflicts), conflicts, e);
        }
        List<String> immutable = immutableFieldsOf(e);
        if (!immutable.isEmpty()) {
            return new ApplyException(ref, String.join(", ", immutable) + (immutable.size() == 1 ? " is" : " are")
                    + " immutable: the API server refuses to change " + (immutable.size() == 1 ? "it" : "them")
                    + " in place. Revert the change in Git, or let the object be deleted and created again on such a"
                    + " change: annotate it in Git with " + ObjectSyncOptions.FORCE + ": enabled (Flux's "
                    + ObjectSyncOptions.FLUX_FORCE + ": enabled and Argo CD's " + ObjectSyncOptions.ARGO_SYNC_OPTIONS
                    + ": Replace=true work too)", List.of(), immutable, e);
        }
        String step = options.dryRun() ? "dry-run apply failed" : "apply failed";
        return new ApplyException(ref, step + " (" + connection.describe(e) + ")" + hintFor(e, ref, "patch"), List.of(), e);
    }

    /**
     * The fields an "invalid" answer says may not change ({@code .spec.selector}), as kubectl and fluxcd/pkg
     * {@code ssa} recognise them: a 422 whose causes say "immutable" or "may not change once set".
     */
    static List<String> immutableFieldsOf(KubernetesClientException e) {
        List<String> fields = new ArrayList<>();
        if (e.getCode() != 422 || e.getStatus() == null || e.getStatus().getDetails() == null) {
            return fields;
        }
        for (StatusCause cause : e.getStatus().getDetails().getCauses()) {
            String message = String.valueOf(cause.getMessage());
            if (IMMUTABLE.matcher(message).find() && cause.getField() != null) {
                String field = cause.getField().startsWith(".") ? cause.getField() : "." + cause.getField();
                if (!fields.contains(field)) {
                    fields.add(field);
                }
            }
        }
        return fields;
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

    /**
     * What to do about a refused write of {@code ref}, starting with {@code "; "}, or empty when the server's
     * own message says it all. A 403 has many causes besides RBAC (admission plugins answer 403 too), each
     * with its own remedy, so the server's reason decides.
     */
    static String hintFor(KubernetesClientException e, ObjectRef ref, String verb) {
        String reason = e.getStatus() == null || e.getStatus().getMessage() == null ? "" : e.getStatus().getMessage();
        if (!RequestRetries.answered(e)) {
            return "; check that the API server is running and reachable from this machine, then sync again";
        }
        return switch (e.getCode()) {
            case 401 -> "; check the cluster credentials";
            case 403 -> forbiddenHint(reason, ref, verb);
            case 404 -> "; check that the namespace exists (declare it in Git to have it created first)";
            case 422 -> "; fix the manifest in Git";
            case 429 -> "; the API server is throttling requests: sync again later";
            default -> e.getCode() >= 500 ? "; the API server failed: check its health, then sync again" : "";
        };
    }

    private static String forbiddenHint(String reason, ObjectRef ref, String verb) {
        Matcher rbac = RBAC_DENIAL.matcher(reason);
        if (rbac.find()) {
            return "; grant " + rbac.group(1) + " the permission to " + rbac.group(2) + " " + rbac.group(3)
                    + (rbac.group(4).isEmpty() ? "" : " in API group \"" + rbac.group(4) + "\"")
                    + (rbac.group(5) == null ? "" : " in namespace " + rbac.group(5)) + " (a Role or ClusterRole and its binding)";
        }
        if (reason.contains("because it is being terminated")) {
            return "; namespace " + ref.namespace() + " is being deleted: sync again once it is gone (declare it in Git"
                    + " to have it created again), or find out what holds it (its finalizers)";
        }
        if (reason.contains("exceeded quota")) {
            return "; raise the ResourceQuota of namespace " + ref.namespace() + " or declare fewer objects in Git";
        }
        if (LIMIT_RANGE_DENIAL.matcher(reason).find()) {
            return "; change the resources in Git, or the LimitRange of namespace " + ref.namespace();
        }
        return "; the API server forbids it: see its reason (an admission policy or the credentials' permission to "
                + verb + " " + ref.kind() + ")";
    }
}
