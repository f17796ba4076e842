package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Objects;

/**
 * A kind as the API server serves it, from discovery: where its objects live (group, version, plural)
 * and whether they belong to a namespace.
 */
public record ResourceType(String group, String version, String kind, String plural, boolean namespaced) {

    // equals and hashCode written out: a record's own are linked through method handles at their first call, which
    // costs a one-second command line run more than this map key's lookups take (docs/cli.md, "How it starts")
    @Override
    public boolean equals(Object other) {
        return other instanceof ResourceType that && Objects.equals(group, that.group)
                && Objects.equals(version, that.version) && Objects.equals(kind, that.kind)
                && Objects.equals(plural, that.plural) && namespaced == that.namespaced;
    }

    @Override
    public int hashCode() {
        return (((Objects.hashCode(group) * 31 + Objects.hashCode(version)) * 31 + Objects.hashCode(kind)) * 31
                + Objects.hashCode(plural)) * 31 + Boolean.hashCode(namespaced);
    }

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
