package io.jenkins.plugins.gitops.item;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.engine.pipeline.StepException;
import io.jenkins.plugins.gitops.policy.DeploymentPolicies;
import java.util.function.Consumer;

/** What the form validation of every settings group of an environment shares. */
final class SettingsValidation {

    private SettingsValidation() {
    }

    /** Whether the caller may see what validation would reveal about this environment's settings. */
    static boolean mayConfigure(@CheckForNull Item item) {
        return item != null && item.hasPermission(Item.CONFIGURE);
    }

    /** The deployment policies' verdict on a value of the form: an error naming the rule, as a sync would fail. */
    static FormValidation policyCheck(Item item, Consumer<DeploymentPolicies> check) {
        try {
            check.accept(DeploymentPolicies.of(item, GitOpsConfiguration.get()));
            return FormValidation.ok();
        } catch (StepException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
