package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.util.Objects;

/**
 * The API group and kind a health check is chosen by. The version does not matter: health is read
 * from fields that are the same in every served version (as {@code networking.k8s.io/v1} and
 * {@code extensions/v1beta1} Ingresses share {@code status.loadBalancer}).
 */
record GroupKind(String group, String kind) {

    GroupKind {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(kind, "kind");
    }

    static GroupKind of(JsonNode object) {
        return new GroupKind(ObjectRef.groupOf(JsonFields.text(object.path("apiVersion"))),
                JsonFields.text(object.path("kind")));
    }

    /** {@code Kind.group}, or just {@code Kind} for the core group, as kubectl prints it. */
    @Override
    public String toString() {
        return group.isEmpty() ? kind : kind + "." + group;
    }
}
