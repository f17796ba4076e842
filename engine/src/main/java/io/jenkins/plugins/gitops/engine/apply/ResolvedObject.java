package io.jenkins.plugins.gitops.engine.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.cluster.ResourceType;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;

/**
 * A desired object made ready to apply: its kind resolved through discovery, its namespace decided (the
 * environment's default namespace for namespaced kinds without one; none for cluster-scoped kinds) and the
 * ownership marks added.
 *
 * @param source the object as rendered from Git, with its origin
 * @param type the kind as the API server serves it
 * @param ref the object's final identity
 * @param manifest the manifest to apply
 */
public record ResolvedObject(KubeObject source, ResourceType type, ObjectRef ref, ObjectNode manifest) {

    public String annotation(String key) {
        return manifest.path("metadata").path("annotations").path(key).asText(null);
    }
}
