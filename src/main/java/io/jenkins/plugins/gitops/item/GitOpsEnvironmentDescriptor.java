package io.jenkins.plugins.gitops.item;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.ItemGroup;
import hudson.model.TopLevelItem;
import hudson.model.TopLevelItemDescriptor;
import io.jenkins.plugins.gitops.Messages;
import jenkins.model.item_category.StandaloneProjectsCategory;
import org.jenkinsci.Symbol;

/**
 * "GitOps Environment" in New Item. The settings' validation, credential lists and connection tests are on the
 * descriptors of their sections ({@link GitSourceSettings}, {@link RenderingSettings}, {@link ClusterSettings},
 * {@link SyncPolicySettings}).
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
}
