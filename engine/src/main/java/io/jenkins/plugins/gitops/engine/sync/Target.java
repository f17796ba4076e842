package io.jenkins.plugins.gitops.engine.sync;

import java.util.List;
import java.util.Objects;

/**
 * Where an environment's objects go.
 *
 * @param environmentId the environment's identity, unique within its Jenkins (its full item name); it
 *     marks every object the engine applies, so that objects are never confused between environments
 * @param defaultNamespace the namespace of namespaced objects that declare none; the inventory lives here
 * @param policies the deployment policies the objects must keep to (a global one, each enclosing folder's),
 *     checked before anything is written; empty for none
 * @param formerEnvironmentIds the identities this environment had before it was renamed or moved: objects that
 *     carry one of them are this environment's to take over, not another environment's
 * @param revision the commit being reconciled, empty when there is none (a local folder); hooks named by
 *     {@code generateName} get the first characters of it in their names, as Argo CD names them
 */
public record Target(String environmentId, String defaultNamespace, List<DeploymentPolicy> policies,
        List<String> formerEnvironmentIds, String revision) {

    public Target {
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(defaultNamespace, "defaultNamespace");
        if (defaultNamespace.isBlank()) {
            throw new IllegalArgumentException("the default namespace must not be blank");
        }
        policies = List.copyOf(policies);
        formerEnvironmentIds = List.copyOf(formerEnvironmentIds);
        revision = revision == null ? "" : revision;
    }

    public Target(String environmentId, String defaultNamespace, List<DeploymentPolicy> policies,
            List<String> formerEnvironmentIds) {
        this(environmentId, defaultNamespace, policies, formerEnvironmentIds, "");
    }

    public Target(String environmentId, String defaultNamespace, List<DeploymentPolicy> policies) {
        this(environmentId, defaultNamespace, policies, List.of());
    }

    /** A target without a deployment policy: the command line's, where the kubeconfig's permissions are the limit. */
    public Target(String environmentId, String defaultNamespace) {
        this(environmentId, defaultNamespace, List.of(), List.of());
    }
}
