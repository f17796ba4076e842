package io.jenkins.plugins.gitops.engine.sync;

import java.util.Objects;

/**
 * Where an environment's objects go.
 *
 * @param environmentId the environment's identity, unique within its Jenkins (its full item name); it
 *     marks every object the engine applies, so that objects are never confused between environments
 * @param defaultNamespace the namespace of namespaced objects that declare none; the inventory lives here
 */
public record Target(String environmentId, String defaultNamespace) {

    public Target {
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(defaultNamespace, "defaultNamespace");
        if (defaultNamespace.isBlank()) {
            throw new IllegalArgumentException("the default namespace must not be blank");
        }
    }
}
