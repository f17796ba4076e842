package io.jenkins.plugins.gitops.folder;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.gitops.engine.declare.DeclarationException;
import io.jenkins.plugins.gitops.engine.declare.EnvironmentSettings;
import io.jenkins.plugins.gitops.engine.declare.Placeholders;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What a folder gives every environment it generates. Text settings may hold placeholders ({@code {path}},
 * {@code {path[1]}}, {@code {path.basename}}, …); a blank setting is "not set": a declaration file may set it, else
 * the environment keeps its own default. The repository, revision and credentials default to the folder's own.
 */
public class EnvironmentTemplateSettings extends AbstractDescribableImpl<EnvironmentTemplateSettings> {

    private String repositoryUrl;
    private String revision;
    private String credentialsId;
    private String path;
    private String serverUrl;
    private String clusterCredentialsId;
    private String namespace;
    private String renderer;
    private boolean automated;
    private boolean prune;
    private boolean selfHeal;
    private Integer checkIntervalMinutes;
    private String agentLabel;
    private String helmReleaseName;
    private String helmValuesFiles;

    @DataBoundConstructor
    public EnvironmentTemplateSettings() {
    }

    @CheckForNull
    public String getRepositoryUrl() {
        return repositoryUrl;
    }

    @DataBoundSetter
    public void setRepositoryUrl(@CheckForNull String repositoryUrl) {
        this.repositoryUrl = Util.fixEmptyAndTrim(repositoryUrl);
    }

    @CheckForNull
    public String getRevision() {
        return revision;
    }

    @DataBoundSetter
    public void setRevision(@CheckForNull String revision) {
        this.revision = Util.fixEmptyAndTrim(revision);
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    @CheckForNull
    public String getPath() {
        return path;
    }

    @DataBoundSetter
    public void setPath(@CheckForNull String path) {
        this.path = Util.fixEmptyAndTrim(path);
    }

    @CheckForNull
    public String getServerUrl() {
        return serverUrl;
    }

    @DataBoundSetter
    public void setServerUrl(@CheckForNull String serverUrl) {
        this.serverUrl = Util.fixEmptyAndTrim(serverUrl);
    }

    @CheckForNull
    public String getClusterCredentialsId() {
        return clusterCredentialsId;
    }

    @DataBoundSetter
    public void setClusterCredentialsId(@CheckForNull String clusterCredentialsId) {
        this.clusterCredentialsId = Util.fixEmptyAndTrim(clusterCredentialsId);
    }

    @CheckForNull
    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(@CheckForNull String namespace) {
        this.namespace = Util.fixEmptyAndTrim(namespace);
    }

    /** {@code auto}, {@code plain}, {@code kustomize} or {@code helm}; blank: not set. */
    @CheckForNull
    public String getRenderer() {
        return renderer;
    }

    @DataBoundSetter
    public void setRenderer(@CheckForNull String renderer) {
        String value = Util.fixEmptyAndTrim(renderer);
        this.renderer = value == null ? null : value.toLowerCase(Locale.ROOT);
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

    @CheckForNull
    public Integer getCheckIntervalMinutes() {
        return checkIntervalMinutes;
    }

    @DataBoundSetter
    public void setCheckIntervalMinutes(@CheckForNull Integer checkIntervalMinutes) {
        this.checkIntervalMinutes = checkIntervalMinutes;
    }

    /** The label expression of the agents generated environments run on; blank: not set. */
    @CheckForNull
    public String getAgentLabel() {
        return agentLabel;
    }

    @DataBoundSetter
    public void setAgentLabel(@CheckForNull String agentLabel) {
        this.agentLabel = Util.fixEmptyAndTrim(agentLabel);
    }

    @CheckForNull
    public String getHelmReleaseName() {
        return helmReleaseName;
    }

    @DataBoundSetter
    public void setHelmReleaseName(@CheckForNull String helmReleaseName) {
        this.helmReleaseName = Util.fixEmptyAndTrim(helmReleaseName);
    }

    /** Values files, one a line, repository-relative; blank: not set. */
    @CheckForNull
    public String getHelmValuesFiles() {
        return helmValuesFiles;
    }

    @DataBoundSetter
    public void setHelmValuesFiles(@CheckForNull String helmValuesFiles) {
        this.helmValuesFiles = Util.fixEmptyAndTrim(helmValuesFiles);
    }

    /**
     * The engine's template settings: these, with the folder's repository, revision and credentials for those left
     * blank. The sync policy switches are always set: a declaration file overrides them one by one.
     */
    EnvironmentSettings toEngine(String folderRepositoryUrl, String folderRevision, @CheckForNull String folderCredentialsId) {
        boolean sameRepository = repositoryUrl == null;
        return EnvironmentSettings.builder()
                .repositoryUrl(sameRepository ? folderRepositoryUrl : repositoryUrl)
                .revision(revision != null ? revision : sameRepository ? folderRevision : null)
                .credentialsId(credentialsId != null ? credentialsId : sameRepository ? folderCredentialsId : null)
                .path(path)
                .serverUrl(serverUrl)
                .clusterCredentialsId(clusterCredentialsId)
                .namespace(namespace)
                .renderer(renderer)
                .automated(automated)
                .prune(prune)
                .selfHeal(selfHeal)
                .checkIntervalMinutes(checkIntervalMinutes)
                .agentLabel(agentLabel)
                .helmReleaseName(helmReleaseName)
                .helmValuesFiles(helmValuesFiles == null ? null : Arrays.stream(helmValuesFiles.split("\\R"))
                        .map(String::trim).filter(line -> !line.isEmpty()).toList())
                .build();
    }

    /** The text settings a placeholder may appear in, for checks. */
    List<String> placeholderSettings() {
        return Arrays.asList(repositoryUrl, revision, credentialsId, path, serverUrl, clusterCredentialsId, namespace,
                agentLabel, helmReleaseName, helmValuesFiles);
    }

    @Extension
    @Symbol("environmentTemplate")
    public static class DescriptorImpl extends Descriptor<EnvironmentTemplateSettings> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.EnvironmentTemplateSettings_displayName();
        }

        @POST
        public FormValidation doCheckPath(@AncestorInPath Item item, @QueryParameter String value) {
            return checkPlaceholders(item, value);
        }

        @POST
        public FormValidation doCheckNamespace(@AncestorInPath Item item, @QueryParameter String value) {
            return checkPlaceholders(item, value);
        }

        @POST
        public FormValidation doCheckClusterCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return checkPlaceholders(item, value);
        }

        @POST
        public FormValidation doCheckServerUrl(@AncestorInPath Item item, @QueryParameter String value) {
            return checkPlaceholders(item, value);
        }

        @POST
        public FormValidation doCheckAgentLabel(@AncestorInPath Item item, @QueryParameter String value) {
            return checkPlaceholders(item, value);
        }

        @POST
        public FormValidation doCheckRenderer(@AncestorInPath Item item, @QueryParameter String value) {
            if (item == null || !item.hasPermission(Item.CONFIGURE)) {
                return FormValidation.ok();
            }
            String renderer = Util.fixEmptyAndTrim(value);
            return renderer == null || List.of("auto", "plain", "kustomize", "helm")
                    .contains(renderer.toLowerCase(Locale.ROOT)) ? FormValidation.ok()
                    : FormValidation.error("\"" + renderer + "\" is not a renderer; use auto, plain, kustomize or helm");
        }

        /** Placeholders are checked as the files generator sees them, the one with every placeholder. */
        static FormValidation checkPlaceholders(Item item, String value) {
            if (item == null || !item.hasPermission(Item.CONFIGURE)) {
                return FormValidation.ok();
            }
            try {
                Placeholders.check(value, true);
                return FormValidation.ok();
            } catch (DeclarationException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
