package io.jenkins.plugins.gitops.engine.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A desired Kubernetes object as rendered from Git: its manifest and where it came from.
 *
 * <p>The manifest is the parsed document as Git declares it (a Jackson tree). The renderer guarantees
 * that {@code apiVersion}, {@code kind} and {@code metadata.name} are non-empty strings, except for a hook named
 * by {@code metadata.generateName} only: its {@link #name()} is empty until the sync that runs it names it. A missing
 * {@code metadata.namespace} stays missing: whether the object is namespaced, and so whether it gets
 * the environment's default namespace, is decided later against API discovery.
 *
 * <p>Treat the manifest as read-only; callers that need to change it work on {@link #copyOfManifest()}.
 */
public final class KubeObject {

    private final ObjectNode manifest;
    private final Origin origin;

    public KubeObject(ObjectNode manifest, Origin origin) {
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    public ObjectNode manifest() {
        return manifest;
    }

    public ObjectNode copyOfManifest() {
        return manifest.deepCopy();
    }

    public Origin origin() {
        return origin;
    }

    public String apiVersion() {
        return manifest.path("apiVersion").asText();
    }

    public String kind() {
        return manifest.path("kind").asText();
    }

    public String name() {
        return manifest.path("metadata").path("name").asText();
    }

    /** The namespace Git declares, or {@code null} when it declares none. */
    public String namespace() {
        JsonNode namespace = manifest.path("metadata").path("namespace");
        return namespace.isTextual() && !namespace.asText().isEmpty() ? namespace.asText() : null;
    }

    public ObjectRef ref() {
        return new ObjectRef(ObjectRef.groupOf(apiVersion()), kind(), namespace(), name());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KubeObject that && manifest.equals(that.manifest) && origin.equals(that.origin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(manifest, origin);
    }

    @Override
    public String toString() {
        return ref() + " (" + origin + ")";
    }
}
