package io.jenkins.plugins.gitops.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.apply.ApplyPreparation;
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
 * CustomResourceDefinition in the same desired set defines it: such objects are deferred until that CRD
 * is applied and established.
 */
final class DesiredObjectResolver {

    private final Discovery discovery;
    private final Ownership ownership;
    private final String defaultNamespace;
    private final String serverUrl;

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
        Set<String> definedInSet = kindsDefinedByCrds(desired);
        List<ResolvedObject> ready = new ArrayList<>();
        List<KubeObject> deferred = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (KubeObject object : desired) {
            Optional<ResourceType> type = discovery.find(object.apiVersion(), object.kind());
            if (type.isPresent()) {
                ready.add(resolve(object, type.get()));
            } else if (definedInSet.contains(groupKind(object.apiVersion(), object.kind()))) {
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
                            + " is still not served after its CustomResourceDefinition was applied; check the CRD's"
                            + " group, versions (served: true) and names.kind"));
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
    private static Set<String> kindsDefinedByCrds(List<KubeObject> desired) {
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

    private static String groupKind(String apiVersion, String kind) {
        return ObjectRef.groupOf(apiVersion) + "/" + kind;
    }
}
