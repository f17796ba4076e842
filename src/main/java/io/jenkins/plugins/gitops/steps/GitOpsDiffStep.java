package io.jenkins.plugins.gitops.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code gitopsDiff(environment: 'prod')}: what a sync would change, as a preview that writes nothing.
 * Configuration only; the work is in {@link GitOpsDiffStepExecution}.
 */
public final class GitOpsDiffStep extends EnvironmentStep {

    private String revision;
    private String path;
    private boolean failOnDrift;

    @DataBoundConstructor
    public GitOpsDiffStep(String environment) {
        super(environment);
    }

    @CheckForNull
    public String getRevision() {
        return revision;
    }

    @DataBoundSetter
    public void setRevision(String revision) {
        this.revision = Util.fixEmptyAndTrim(revision);
    }

    @CheckForNull
    public String getPath() {
        return path;
    }

    @DataBoundSetter
    public void setPath(String path) {
        this.path = Util.fixEmptyAndTrim(path);
    }

    public boolean isFailOnDrift() {
        return failOnDrift;
    }

    @DataBoundSetter
    public void setFailOnDrift(boolean failOnDrift) {
        this.failOnDrift = failOnDrift;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new GitOpsDiffStepExecution(this, context);
    }

    @Extension
    public static final class DescriptorImpl extends EnvironmentStepDescriptor {

        @Override
        public String getFunctionName() {
            return "gitopsDiff";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.GitOpsDiffStep_displayName();
        }
    }
}
