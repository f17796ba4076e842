package io.jenkins.plugins.gitops.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.apply.ApplyOrder;
import io.jenkins.plugins.gitops.engine.apply.ApplyPreparation;
import io.jenkins.plugins.gitops.engine.apply.ObjectSyncOptions;
import io.jenkins.plugins.gitops.engine.apply.ResolvedObject;
import io.jenkins.plugins.gitops.engine.cluster.Discovery;
import io.jenkins.plugins.gitops.engine.cluster.Ownership;
import io.jenkins.plugins.gitops.engine.cluster.ResourceType;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns rendered objects into objects ready to apply: resolves each kind through discovery, decides the
 * namespace, adds the ownership marks, and finds duplicates that only show once namespaces are decided.
 *
 * <p>A kind the cluster does not serve is an error naming the file, line and kind, unless a
 * CustomResourceDefinition in the same desired set defines it, or the object is annotated Argo CD's
 * {@code sync-options: SkipDryRunOnMissingResource=true}: such objects are deferred until that CRD is applied and
 * established (or, for the latter, until the sync starts applying, when the cluster may serve the kind by then).
 *
 * <p>Annotations that ask for something the engine cannot tell ({@code Prune=maybe}, a wave that is not a
 * number) are errors here too, naming the file and annotation, so that nothing is applied and a preview shows
 * them as well as a sync.
 */
final class DesiredObjectResolver {

    private final Discovery discovery;
    private final Ownership ownership;
    private final String defaultNamespace;
    private final String serverUrl;
    /** group/kind of the kinds the CustomResourceDefinitions of the set being resolved define. */
    private Set<String> definedInSet = Set.of();

    DesiredObjectResolver(Discovery discovery, Ownership ownership, String defaultNamespace, String serverUrl) {
        this.discovery = discovery;
        this.ownership = ownership;
        this.defaultNamespace = defaultNamespace;
        this.serverUrl = serverUrl;
    }

    /** The outcome: objects ready now, and objects waiting for a CRD of the same set. */
    record Resolution(List<ResolvedObject> ready, List<KubeObject> deferred) {
    }

    Resolution resolve(List<KubeObject> desired) throws ResolutionException {
        definedInSet = kindsDefinedByCrds(desired);
        List<ResolvedObject> ready = new ArrayList<>();
        List<KubeObject> deferred = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (KubeObject object : desired) {
            ObjectSyncOptions options;
            try {
                options = ObjectSyncOptions.of(object.manifest());
            } catch (IllegalArgumentException e) {
                problems.add(object.origin() + ": " + object.ref() + ": " + e.getMessage());
                continue;
            }
            Optional<ResourceType> type = discovery.find(object.apiVersion(), object.kind());
            if (type.isPresent()) {
                ResolvedObject resolved = resolve(object, type.get());
                ready.add(resolved);
                wave(resolved).ifPresent(problems::add);
            } else if (definedInSet.contains(groupKind(object.apiVersion(), object.kind()))
                    || options.skipDryRunOnMissingResource()) {
                deferred.add(object);
            } else {
                problems.add(object.origin() + ": kind " + object.kind() + " in " + object.apiVersion()
                        + " is not served by " + serverUrl + "; install its CustomResourceDefinition (or add it to Git)"
                        + " or fix the apiVersion");
            }
        }
        problems.addAll(duplicates(ready));
        if (!problems.isEmpty()) {
            throw new ResolutionException(problems);
        }
        return new Resolution(ready, deferred);
    }

    /** Resolves objects deferred earlier; call after their CRDs are established and discovery refreshed. */
    List<ResolvedObject> resolveDeferred(List<KubeObject> deferred) throws ResolutionException {
        List<ResolvedObject> ready = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (KubeObject object : deferred) {
            discovery.find(object.apiVersion(), object.kind()).ifPresentOrElse(
                    type -> ready.add(resolve(object, type)),
                    () -> problems.add(object.origin() + ": kind " + object.kind() + " in " + object.apiVersion()
                            + (isDefinedInSet(object) ? " is still not served after its"
                                    + " CustomResourceDefinition was applied; check the CRD's group, versions (served:"
                                    + " true) and names.kind"
                                    : " is not served by " + serverUrl + "; SkipDryRunOnMissingResource=true lets a"
                                    + " preview pass over it, but a sync cannot create it: install its"
                                    + " CustomResourceDefinition first, then sync again")));
        }
        if (!problems.isEmpty()) {
            throw new ResolutionException(problems);
        }
        return ready;
    }

    private ResolvedObject resolve(KubeObject object, ResourceType type) {
        ObjectNode manifest = object.copyOfManifest();
        ObjectNode metadata = manifest.with("metadata");
        String namespace = null;
        if (type.namespaced()) {
            namespace = object.namespace() != null ? object.namespace() : defaultNamespace;
            metadata.put("namespace", namespace);
        } else {
            // kubectl ignores a namespace on cluster-scoped objects; so does the API server's apply path.
            metadata.remove("namespace");
        }
        ownership.mark(manifest);
        ApplyPreparation.prepare(manifest);
        ObjectRef ref = new ObjectRef(type.group(), type.kind(), namespace, object.name());
        return new ResolvedObject(object, type, ref, manifest);
    }

    /** The problem with the object's wave annotation, if it has one. */
    private static Optional<String> wave(ResolvedObject object) {
        try {
            ApplyOrder.waveOf(object);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Whether a CustomResourceDefinition of the set last resolved defines the kind of {@code object}; if not, a
     * deferred object was deferred because it is annotated to pass over a kind the cluster does not serve yet.
     */
    boolean isDefinedInSet(KubeObject object) {
        return definedInSet.contains(groupKind(object.apiVersion(), object.kind()));
    }

    private static List<String> duplicates(List<ResolvedObject> ready) {
        Map<ObjectRef, ResolvedObject> seen = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (ResolvedObject object : ready) {
            ResolvedObject first = seen.putIfAbsent(object.ref(), object);
            if (first != null) {
                problems.add(object.source().origin() + ": " + object.ref() + " is also declared at "
                        + first.source().origin() + " (once the default namespace is applied); keep one of them");
            }
        }
        return problems;
    }

    /** group/kind of every kind that a CustomResourceDefinition in the set defines. */
    static Set<String> kindsDefinedByCrds(List<KubeObject> desired) {
        Set<String> kinds = new HashSet<>();
        for (KubeObject object : desired) {
            if (!"CustomResourceDefinition".equals(object.kind())
                    || !object.apiVersion().startsWith("apiextensions.k8s.io/")) {
                continue;
            }
            JsonNode spec = object.manifest().path("spec");
            kinds.add(spec.path("group").asText() + "/" + spec.path("names").path("kind").asText());
        }
        return kinds;
    }

    static String groupKind(String apiVersion, String kind) {
        return ObjectRef.groupOf(apiVersion) + "/" + kind;
    }
}
