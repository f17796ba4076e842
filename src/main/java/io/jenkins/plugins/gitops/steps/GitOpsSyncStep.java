package io.jenkins.plugins.gitops.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.util.ListBoxModel;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code gitopsSync(environment: 'prod')}: queues a sync of an environment as asked by this build, waits for
 * it, and returns what it did. Configuration only; the work is in {@link GitOpsSyncStepExecution}.
 */
public final class GitOpsSyncStep extends EnvironmentStep {

    private String revision;
    private Boolean prune;
    private boolean wait = true;
    private Integer timeout;
    private boolean propagate = true;

    @DataBoundConstructor
    public GitOpsSyncStep(String environment) {
        super(environment);
    }

    @CheckForNull
    public String getRevision() {
        return revision;
    }

    /** The revision (branch, tag or commit) to sync instead of the environment's configured one. */
    @DataBoundSetter
    public void setRevision(String revision) {
        this.revision = Util.fixEmptyAndTrim(revision);
    }

    @CheckForNull
    public Boolean getPrune() {
        return prune;
    }

    /** Prune (or not) in this sync instead of the environment's setting; {@code null} keeps the setting. */
    @DataBoundSetter
    public void setPrune(Boolean prune) {
        this.prune = prune;
    }

    public boolean isWait() {
        return wait;
    }

    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
    }

    @CheckForNull
    public Integer getTimeout() {
        return timeout;
    }

    /** Minutes to wait for the sync to start and finish; {@code null} to wait as long as it takes. */
    @DataBoundSetter
    public void setTimeout(Integer timeout) {
        this.timeout = timeout == null || timeout <= 0 ? null : timeout;
    }

    public boolean isPropagate() {
        return propagate;
    }

    @DataBoundSetter
    public void setPropagate(boolean propagate) {
        this.propagate = propagate;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new GitOpsSyncStepExecution(this, context);
    }

    @Extension
    public static final class DescriptorImpl extends EnvironmentStepDescriptor {

        @Override
        public String getFunctionName() {
            return "gitopsSync";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.GitOpsSyncStep_displayName();
        }


        /** A fixed list (it reveals nothing), for the Snippet Generator: empty keeps the environment's setting. */
        @POST
        public ListBoxModel doFillPruneItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.GitOpsSyncStep_pruneConfigured(), "");
            items.add(Messages.GitOpsSyncStep_pruneOn(), "true");
            items.add(Messages.GitOpsSyncStep_pruneOff(), "false");
            return items;
        }
    }
}
