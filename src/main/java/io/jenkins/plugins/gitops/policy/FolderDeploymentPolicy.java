package io.jenkins.plugins.gitops.policy;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.AbstractFolderProperty;
import com.cloudbees.hudson.plugins.folder.AbstractFolderPropertyDescriptor;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Descriptor;
import io.jenkins.plugins.gitops.Messages;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * A folder's deployment policy: the environments inside it, at any depth, keep to it as well as to the global
 * one and to every other enclosing folder's, so a folder can only narrow what they may do. Only an administrator
 * (Overall/Administer) changes it through the folder's configuration page; anyone else who saves the folder keeps
 * it as it was.
 */
public class FolderDeploymentPolicy extends AbstractFolderProperty<AbstractFolder<?>> {

    @CheckForNull
    private final DeploymentPolicySettings policy;

    /** @param policy the folder's policy, or {@code null} when the folder adds no restriction */
    @DataBoundConstructor
    public FolderDeploymentPolicy(@CheckForNull DeploymentPolicySettings policy) {
        this.policy = policy;
    }

    @CheckForNull
    public DeploymentPolicySettings getPolicy() {
        return policy;
    }

    /** A non-administrator's save leaves the policy as it was, whatever the form holds. */
    @Override
    public AbstractFolderProperty<?> reconfigure(StaplerRequest2 req, JSONObject form) throws Descriptor.FormException {
        if (!mayChange()) {
            return this;
        }
        return super.reconfigure(req, form);
    }

    static boolean mayChange() {
        return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
    }

    @Extension
    @Symbol("gitopsDeploymentPolicy")
    public static class DescriptorImpl extends AbstractFolderPropertyDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.FolderDeploymentPolicy_displayName();
        }

        /**
         * A folder without a policy gets no property (every folder's page submits this one), and a non-administrator
         * cannot add one.
         */
        @Override
        public AbstractFolderProperty<?> newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
            if (!mayChange()) {
                return null;
            }
            AbstractFolderProperty<?> property = super.newInstance(req, formData);
            return property instanceof FolderDeploymentPolicy folder && folder.getPolicy() == null ? null : property;
        }
    }
}
