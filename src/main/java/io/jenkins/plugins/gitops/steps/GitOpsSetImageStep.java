package io.jenkins.plugins.gitops.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code gitopsSetImage(environment: 'prod', image: 'registry.example.com/shop/web', tag: '1.4.2')}: promotes
 * an image by committing the new tag to the environment's branch. Configuration only; the work is in
 * {@link GitOpsSetImageStepExecution}.
 */
public final class GitOpsSetImageStep extends EnvironmentStep {

    private final String image;
    private final String tag;
    private String message;

    @DataBoundConstructor
    public GitOpsSetImageStep(String environment, String image, String tag) {
        super(environment);
        this.image = Util.fixNull(image).trim();
        this.tag = Util.fixNull(tag).trim();
    }

    public String getImage() {
        return image;
    }

    public String getTag() {
        return tag;
    }

    @CheckForNull
    public String getMessage() {
        return message;
    }

    /** The commit message's first paragraph instead of "Set &lt;image&gt; to &lt;tag&gt; in &lt;environment&gt;". */
    @DataBoundSetter
    public void setMessage(String message) {
        this.message = Util.fixEmptyAndTrim(message);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new GitOpsSetImageStepExecution(this, context);
    }

    @Extension
    public static final class DescriptorImpl extends EnvironmentStepDescriptor {

        @Override
        public String getFunctionName() {
            return "gitopsSetImage";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.GitOpsSetImageStep_displayName();
        }
    }
}
