package io.jenkins.plugins.gitops.item;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.gitops.Messages;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.engine.diff.IgnoreRule;
import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.sf.json.JSONNull;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * When and how an environment syncs: automated sync and self-heal, prune, conflicts, waiting for health, the
 * check interval, and the fields not compared with Git. The "Sync policy" section of the configuration page.
 */
public class SyncPolicySettings implements Describable<SyncPolicySettings> {

    public static final int DEFAULT_HEALTH_TIMEOUT_SECONDS = 300;

    private boolean automated;
    private boolean prune;
    private boolean selfHeal;
    private boolean allowEmpty;
    /** Report conflicts instead of taking declared fields back from other field managers (Git wins by default). */
    private boolean keepConflicts;
    /** On unless turned off: {@code null}, from a {@code config.xml} without the element, means on. */
    private Boolean waitForHealth;
    private int healthTimeoutSeconds = DEFAULT_HEALTH_TIMEOUT_SECONDS;
    /** Minutes between periodic checks; {@code null} for the global default, 0 for none. */
    private Integer checkIntervalMinutes;
    private String ignoreRules = "";

    @DataBoundConstructor
    public SyncPolicySettings() {
    }

    /** A copy to change with the setters before it replaces these settings. */
    SyncPolicySettings copy() {
        SyncPolicySettings copy = new SyncPolicySettings();
        copy.automated = automated;
        copy.prune = prune;
        copy.selfHeal = selfHeal;
        copy.allowEmpty = allowEmpty;
        copy.keepConflicts = keepConflicts;
        copy.waitForHealth = waitForHealth;
        copy.healthTimeoutSeconds = healthTimeoutSeconds;
        copy.checkIntervalMinutes = checkIntervalMinutes;
        copy.ignoreRules = ignoreRules;
        return copy;
    }

    public boolean isAutomated() {
        return automated;
    }

    @DataBoundSetter
    public void setAutomated(boolean automated) {
        this.automated = automated;
    }

    public boolean isPrune() {
        return prune;
    }

    @DataBoundSetter
    public void setPrune(boolean prune) {
        this.prune = prune;
    }

    public boolean isSelfHeal() {
        return selfHeal;
    }

    @DataBoundSetter
    public void setSelfHeal(boolean selfHeal) {
        this.selfHeal = selfHeal;
    }

    public boolean isAllowEmpty() {
        return allowEmpty;
    }

    @DataBoundSetter
    public void setAllowEmpty(boolean allowEmpty) {
        this.allowEmpty = allowEmpty;
    }

    public boolean isKeepConflicts() {
        return keepConflicts;
    }

    @DataBoundSetter
    public void setKeepConflicts(boolean keepConflicts) {
        this.keepConflicts = keepConflicts;
    }

    public boolean isWaitForHealth() {
        return waitForHealth == null || waitForHealth;
    }

    @DataBoundSetter
    public void setWaitForHealth(boolean waitForHealth) {
        this.waitForHealth = Boolean.valueOf(waitForHealth);
    }

    public int getHealthTimeoutSeconds() {
        return healthTimeoutSeconds <= 0 ? DEFAULT_HEALTH_TIMEOUT_SECONDS : healthTimeoutSeconds;
    }

    @DataBoundSetter
    public void setHealthTimeoutSeconds(int healthTimeoutSeconds) {
        this.healthTimeoutSeconds = healthTimeoutSeconds <= 0 ? DEFAULT_HEALTH_TIMEOUT_SECONDS : healthTimeoutSeconds;
    }

    /** Minutes between periodic checks as configured here; {@code null} for the global default. */
    @CheckForNull
    public Integer getCheckIntervalMinutes() {
        return checkIntervalMinutes;
    }

    @DataBoundSetter
    public void setCheckIntervalMinutes(@CheckForNull Integer checkIntervalMinutes) {
        this.checkIntervalMinutes = checkIntervalMinutes == null ? null : Math.max(0, checkIntervalMinutes);
    }

    /** The interval that applies: this one, else the global default. */
    public Duration effectiveCheckInterval(GitOpsConfiguration configuration) {
        int minutes = checkIntervalMinutes != null ? checkIntervalMinutes : configuration.getCheckIntervalMinutes();
        return Duration.ofMinutes(minutes);
    }

    /** Fields not compared with Git: one JSON pointer per line ({@code /spec/replicas}). */
    @NonNull
    public String getIgnoreRules() {
        return ignoreRules == null ? "" : ignoreRules;
    }

    @DataBoundSetter
    public void setIgnoreRules(@CheckForNull String ignoreRules) {
        this.ignoreRules = Util.fixNull(ignoreRules).strip();
    }

    /** The engine's policy. */
    public SyncPolicy toSyncPolicy(String fieldManager) {
        return SyncPolicy.defaults()
                .withPrune(prune)
                .withAllowEmpty(allowEmpty)
                .withForceConflicts(!keepConflicts)
                .withWaitForHealth(isWaitForHealth(), Duration.ofSeconds(getHealthTimeoutSeconds()))
                .withFieldManager(fieldManager);
    }

    /**
     * The engine's ignore rules, one per non-blank line.
     *
     * @throws IllegalArgumentException naming the line when a pointer is malformed
     */
    public List<IgnoreRule> toIgnoreRules() {
        return parseIgnoreRules(getIgnoreRules());
    }

    static List<IgnoreRule> parseIgnoreRules(String text) {
        List<IgnoreRule> rules = new ArrayList<>();
        String[] lines = Util.fixNull(text).split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                rules.add(IgnoreRule.pointers(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(Messages.GitOpsEnvironment_ignoreRules_invalid(i + 1, line, e.getMessage()), e);
            }
        }
        return rules;
    }

    /** The sync policy's validation; a form with a malformed interval or ignore rule is refused, naming the field. */
    @Extension
    @Symbol("syncPolicy")
    public static class DescriptorImpl extends Descriptor<SyncPolicySettings> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.SyncPolicySettings_displayName();
        }

        /**
         * Checks the raw form first: data binding would turn an interval that is not a number into "the global
         * default" without a word.
         */
        @Override
        public SyncPolicySettings newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData)
                throws FormException {
            String interval = Util.fixEmptyAndTrim(formValue(formData, "checkIntervalMinutes"));
            if (interval != null) {
                try {
                    Integer.parseInt(interval);
                } catch (NumberFormatException e) {
                    throw new FormException(Messages.GitOpsConfiguration_number_invalid(interval), e,
                            "checkIntervalMinutes");
                }
            }
            try {
                parseIgnoreRules(formValue(formData, "ignoreRules"));
            } catch (IllegalArgumentException e) {
                throw new FormException(e.getMessage(), e, "ignoreRules");
            }
            return super.newInstance(req, formData);
        }

        /** The text of a form value; {@code null} when it is missing or JSON's null, as data binding reads them. */
        @CheckForNull
        private static String formValue(JSONObject formData, String key) {
            Object value = formData.opt(key);
            return value == null || JSONNull.getInstance().equals(value) ? null : value.toString();
        }

        @POST
        public FormValidation doCheckSelfHeal(@AncestorInPath Item item, @QueryParameter boolean automated,
                @QueryParameter boolean value) {
            if (!SettingsValidation.mayConfigure(item)) {
                return FormValidation.ok();
            }
            return value && !automated ? FormValidation.warning(Messages.GitOpsEnvironment_selfHeal_needsAutomated())
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckAllowEmpty(@AncestorInPath Item item, @QueryParameter boolean prune,
                @QueryParameter boolean value) {
            if (!SettingsValidation.mayConfigure(item)) {
                return FormValidation.ok();
            }
            return value && !prune ? FormValidation.warning(Messages.GitOpsEnvironment_allowEmpty_needsPrune())
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckHealthTimeoutSeconds(@AncestorInPath Item item, @QueryParameter String value) {
            if (!SettingsValidation.mayConfigure(item)) {
                return FormValidation.ok();
            }
            return GitOpsConfiguration.validateNumber(value, 1, null);
        }

        @POST
        public FormValidation doCheckCheckIntervalMinutes(@AncestorInPath Item item, @QueryParameter String value) {
            if (!SettingsValidation.mayConfigure(item)) {
                return FormValidation.ok();
            }
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.ok(Messages.GitOpsEnvironment_checkIntervalMinutes_default(
                        GitOpsConfiguration.get().getCheckIntervalMinutes()));
            }
            return GitOpsConfiguration.validateNumber(value, 0, Messages.GitOpsConfiguration_checkIntervalMinutes_zero());
        }

        @POST
        public FormValidation doCheckIgnoreRules(@AncestorInPath Item item, @QueryParameter String value) {
            if (!SettingsValidation.mayConfigure(item)) {
                return FormValidation.ok();
            }
            try {
                parseIgnoreRules(value);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
