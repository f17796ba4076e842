package io.jenkins.plugins.gitops.reconcile;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.AutoCompletionCandidates;
import hudson.model.Item;
import hudson.model.labels.LabelExpression;
import hudson.util.FormValidation;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;

/**
 * Agent labels as users set them, on an environment and as the global default: where an environment's runs (syncs,
 * checks, previews, Pipeline steps) fetch, render and apply. Label expressions are checked and completed as Jenkins'
 * own "Restrict where this project can be run" field does.
 */
public final class AgentLabels {

    private AgentLabels() {
    }

    /**
     * The label an environment's runs go to: its own, else the global default; {@code null} when neither is set, and
     * then they run on the controller. An environment cannot opt out of the global default: an administrator who set
     * it wants no environment to render on the controller.
     */
    @CheckForNull
    public static String effective(GitOpsEnvironment environment, GitOpsConfiguration configuration) {
        String own = Util.fixEmptyAndTrim(environment.getAgentLabel());
        return own != null ? own : Util.fixEmptyAndTrim(configuration.getDefaultAgentLabel());
    }

    /** Whether {@code value} is a label expression, and whether any agent or cloud has it (a warning when none has). */
    public static FormValidation validate(@CheckForNull String value, @CheckForNull Item item) {
        return LabelExpression.validate(value, item);
    }

    /** The labels Jenkins knows that complete the last word of {@code value}. */
    public static AutoCompletionCandidates complete(@CheckForNull String value) {
        return LabelExpression.autoComplete(value);
    }
}
