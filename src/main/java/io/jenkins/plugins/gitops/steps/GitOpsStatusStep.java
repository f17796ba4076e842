package io.jenkins.plugins.gitops.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.util.ListBoxModel;
import java.util.Locale;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code gitopsStatus(environment: 'prod')}: the environment's stored status, optionally after waiting until
 * it is Synced or Healthy. Changes nothing. Configuration only; the work is in {@link GitOpsStatusStepExecution}.
 */
public final class GitOpsStatusStep extends EnvironmentStep {

    /** What {@code waitFor} can wait for. */
    enum Condition {
        SYNCED("Synced"),
        HEALTHY("Healthy");

        private final String displayName;

        Condition(String displayName) {
            this.displayName = displayName;
        }

        String displayName() {
            return displayName;
        }

        /** The condition called {@code name} (any case), or {@code null} when there is none. */
        @CheckForNull
        static Condition named(String name) {
            for (Condition condition : values()) {
                if (condition.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
                    return condition;
                }
            }
            return null;
        }
    }

    private String waitFor;
    private String commit;
    private Integer timeout;

    @DataBoundConstructor
    public GitOpsStatusStep(String environment) {
        super(environment);
    }

    @CheckForNull
    public String getWaitFor() {
        return waitFor;
    }

    /**
     * {@code Synced} or {@code Healthy}; {@code null} to return at once.
     *
     * @throws IllegalArgumentException naming the accepted values when the value is neither
     */
    @DataBoundSetter
    public void setWaitFor(String waitFor) {
        String value = Util.fixEmptyAndTrim(waitFor);
        Condition condition = value == null ? null : Condition.named(value);
        if (value != null && condition == null) {
            throw new IllegalArgumentException(Messages.GitOpsStatusStep_waitForInvalid(value));
        }
        this.waitFor = condition == null ? null : condition.displayName();
    }

    @CheckForNull
    Condition condition() {
        return waitFor == null ? null : Condition.named(waitFor);
    }

    @CheckForNull
    public String getCommit() {
        return commit;
    }

    /**
     * The commit (full or abbreviated SHA, as {@code gitopsSetImage} returns it) that {@code waitFor} must hold
     * for: without it, a status from before that commit was checked could satisfy the wait.
     *
     * @throws IllegalArgumentException when the value is not 4 to 40 hexadecimal digits
     */
    @DataBoundSetter
    public void setCommit(String commit) {
        String value = Util.fixEmptyAndTrim(commit);
        if (value != null && !value.matches("(?i)[0-9a-f]{4,40}")) {
            throw new IllegalArgumentException(Messages.GitOpsStatusStep_commitInvalid(value));
        }
        this.commit = value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    @CheckForNull
    public Integer getTimeout() {
        return timeout;
    }

    /** Minutes to wait for {@code waitFor}; {@code null} to wait as long as it takes. */
    @DataBoundSetter
    public void setTimeout(Integer timeout) {
        this.timeout = timeout == null || timeout <= 0 ? null : timeout;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new GitOpsStatusStepExecution(this, context);
    }

    @Extension
    public static final class DescriptorImpl extends EnvironmentStepDescriptor {

        @Override
        public String getFunctionName() {
            return "gitopsStatus";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.GitOpsStatusStep_displayName();
        }


        /** A fixed list (it reveals nothing), for the Snippet Generator. */
        @POST
        public ListBoxModel doFillWaitForItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.GitOpsStatusStep_waitForNothing(), "");
            for (Condition condition : Condition.values()) {
                items.add(condition.displayName());
            }
            return items;
        }
    }
}
