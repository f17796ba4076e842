package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * A kind as the API server serves it, from discovery: where its objects live (group, version, plural)
 * and whether they belong to a namespace.
 */
public record ResourceType(String group, String version, String kind, String plural, boolean namespaced) {

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The fabric8 description of this kind, so that generic requests need no discovery of their own. */
    public ResourceDefinitionContext definitionContext() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(namespaced)
                .build();
    }

    /** How users write it: {@code deployments.apps}, {@code configmaps}. */
    @Override
    public String toString() {
        return group.isEmpty() ? plural : plural + "." + group;
    }
}
