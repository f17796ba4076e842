package io.jenkins.plugins.gitops.item;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.AutoCompletionCandidates;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.TopLevelItem;
import hudson.model.TopLevelItemDescriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.gitops.Messages;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.reconcile.AgentLabels;
import jenkins.model.item_category.StandaloneProjectsCategory;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * "GitOps Environment" in New Item. The settings' validation, credential lists and connection tests are on the
 * descriptors of their sections ({@link GitSourceSettings}, {@link RenderingSettings}, {@link ClusterSettings},
 * {@link SyncPolicySettings}); the agent label, a setting of the environment itself, is checked here.
 */
@Extension
@Symbol("gitopsEnvironment")
public final class GitOpsEnvironmentDescriptor extends TopLevelItemDescriptor {

    public GitOpsEnvironmentDescriptor() {
        super(GitOpsEnvironment.class);
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.GitOpsEnvironment_displayName();
    }

    @NonNull
    @Override
    public String getDescription() {
        return Messages.GitOpsEnvironment_description();
    }

    @NonNull
    @Override
    public String getCategoryId() {
        return StandaloneProjectsCategory.ID;
    }

    @Override
    public String getIconClassName() {
        return "symbol-refresh";
    }

    @Override
    public TopLevelItem newInstance(ItemGroup parent, String name) {
        return new GitOpsEnvironment(parent, name);
    }

    /** Whether the caller may see what validation would reveal about this environment's settings. */
    private static boolean mayConfigure(@CheckForNull Item item) {
        return item != null && item.hasPermission(Item.CONFIGURE);
    }

    @POST
    public FormValidation doCheckAgentLabel(@AncestorInPath Item item, @QueryParameter String value) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        String global = GitOpsConfiguration.get().getDefaultAgentLabel();
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.ok(global == null ? Messages.GitOpsEnvironment_agentLabel_controller()
                    : Messages.GitOpsEnvironment_agentLabel_default(global));
        }
        return AgentLabels.validate(value, item);
    }

    /** Label names and their expressions, as "Restrict where this project can be run" completes them (a GET). */
    public AutoCompletionCandidates doAutoCompleteAgentLabel(@AncestorInPath Item item, @QueryParameter String value) {
        return mayConfigure(item) ? AgentLabels.complete(value) : new AutoCompletionCandidates();
    }
}
