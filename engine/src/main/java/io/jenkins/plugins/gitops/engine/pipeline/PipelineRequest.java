package io.jenkins.plugins.gitops.engine.pipeline;

import io.jenkins.plugins.gitops.engine.diff.IgnoreRule;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.sync.DeploymentPolicy;
import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What one run of an environment is asked to do. The field manager is the policy's, and only the policy's:
 * the applier and the drift detector both take it from here.
 *
 * @param environmentId the environment's identity (its marks on every object)
 * @param policy how to reconcile, field manager included
 * @param mode preview, dry run or sync
 * @param renderOptions the render options for the run's namespace (Helm renders into it)
 * @param ignoreRules the fields not compared (and, for field managers, left to them)
 * @param deploymentPolicies where the environment may deploy, checked before anything is written; empty for
 *     no restriction (the command line)
 * @param formerEnvironmentIds the identities the environment had before it was renamed or moved (its objects
 *     still carry them until the next sync); empty for none
 */
public record PipelineRequest(String environmentId, SyncPolicy policy, Mode mode,
        Function<String, RenderOptions> renderOptions, List<IgnoreRule> ignoreRules,
        List<DeploymentPolicy> deploymentPolicies, List<String> formerEnvironmentIds) {

    public PipelineRequest {
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(renderOptions, "renderOptions");
        ignoreRules = List.copyOf(ignoreRules);
        deploymentPolicies = List.copyOf(deploymentPolicies);
        formerEnvironmentIds = List.copyOf(formerEnvironmentIds);
    }

    /** A request for an environment that was never renamed. */
    public PipelineRequest(String environmentId, SyncPolicy policy, Mode mode,
            Function<String, RenderOptions> renderOptions, List<IgnoreRule> ignoreRules,
            List<DeploymentPolicy> deploymentPolicies) {
        this(environmentId, policy, mode, renderOptions, ignoreRules, deploymentPolicies, List.of());
    }

    /** A request without a deployment policy. */
    public PipelineRequest(String environmentId, SyncPolicy policy, Mode mode,
            Function<String, RenderOptions> renderOptions, List<IgnoreRule> ignoreRules) {
        this(environmentId, policy, mode, renderOptions, ignoreRules, List.of(), List.of());
    }
}
