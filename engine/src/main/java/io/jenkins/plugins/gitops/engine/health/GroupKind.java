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

    // equals and hashCode written out: a record's own are linked through method handles at their first call, which
    // costs a one-second command line run more than this map key's lookups take (docs/cli.md, "How it starts")
    @Override
    public boolean equals(Object other) {
        return other instanceof GroupKind that && group.equals(that.group) && kind.equals(that.kind);
    }

    @Override
    public int hashCode() {
        return group.hashCode() * 31 + kind.hashCode();
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
