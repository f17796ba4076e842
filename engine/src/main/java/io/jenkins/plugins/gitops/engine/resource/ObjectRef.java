package io.jenkins.plugins.gitops.engine.resource;

import java.util.Comparator;
import java.util.Objects;

/**
 * The identity of a Kubernetes object: API group, kind, namespace and name. Two objects with the same
 * reference are the same object to the API server, whatever their API version.
 *
 * <p>Printed as {@code Kind/namespace/name} (or {@code Kind/name} without a namespace), the one way an
 * object is named in logs, errors, reports and the UI.
 *
 * @param group API group, empty for the core group ({@code v1})
 * @param kind kind, as in the manifest
 * @param namespace namespace, or {@code null} when the object is cluster-scoped or its namespace is
 *     not decided yet (the environment's default namespace is applied later, against discovery)
 * @param name metadata.name
 */
public record ObjectRef(String group, String kind, String namespace, String name)
        implements Comparable<ObjectRef> {

    private static final Comparator<ObjectRef> ORDER = Comparator.comparing(ObjectRef::group)
            .thenComparing(ObjectRef::kind)
            .thenComparing(ref -> ref.namespace() == null ? "" : ref.namespace())
            .thenComparing(ObjectRef::name);

    public ObjectRef {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (namespace != null && namespace.isEmpty()) {
            namespace = null;
        }
    }

    // equals and hashCode written out: a record's own are linked through method handles at their first call, which
    // costs a one-second command line run more than this map key's lookups take (docs/cli.md, "How it starts")
    @Override
    public boolean equals(Object other) {
        return other instanceof ObjectRef ref && group.equals(ref.group) && kind.equals(ref.kind)
                && Objects.equals(namespace, ref.namespace) && name.equals(ref.name);
    }

    @Override
    public int hashCode() {
        return ((group.hashCode() * 31 + kind.hashCode()) * 31 + Objects.hashCode(namespace)) * 31 + name.hashCode();
    }

    /** The group of an apiVersion: {@code apps/v1} has group {@code apps}, {@code v1} the core group "". */
    public static String groupOf(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    public boolean hasNamespace() {
        return namespace != null;
    }

    /** The same reference in another namespace (or none). */
    public ObjectRef inNamespace(String newNamespace) {
        return new ObjectRef(group, kind, newNamespace, name);
    }

    @Override
    public int compareTo(ObjectRef other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    }
}
