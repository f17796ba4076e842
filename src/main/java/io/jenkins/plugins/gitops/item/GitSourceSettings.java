package io.jenkins.plugins.gitops.item;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.gitops.Messages;
import io.jenkins.plugins.gitops.reconcile.ConnectionTests;
import io.jenkins.plugins.gitops.reconcile.GitCredentialsLookup;
import io.jenkins.plugins.gitops.reconcile.LocalRepositories;
import java.util.Locale;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.interceptor.RequirePOST;
import org.kohsuke.stapler.verb.POST;

/**
 * Where an environment's manifests come from: a Git repository, the credentials to read it, a revision and a
 * folder, and the SSH host keys to trust. The "Git source" section of the configuration page.
 */
public class GitSourceSettings implements Describable<GitSourceSettings> {

    public static final String DEFAULT_REVISION = "main";

    private final String repositoryUrl;
    private String credentialsId;
    private String revision = DEFAULT_REVISION;
    private String path = "";
    private String knownHosts;

    @DataBoundConstructor
    public GitSourceSettings(@CheckForNull String repositoryUrl) {
        this.repositoryUrl = Util.fixNull(repositoryUrl).trim();
    }

    /** These settings with another repository URL (an environment's settings are replaced, never changed). */
    GitSourceSettings withRepositoryUrl(@CheckForNull String url) {
        GitSourceSettings copy = new GitSourceSettings(url);
        copy.credentialsId = credentialsId;
        copy.revision = revision;
        copy.path = path;
        copy.knownHosts = knownHosts;
        return copy;
    }

    /** A copy to change with the setters before it replaces these settings. */
    GitSourceSettings copy() {
        return withRepositoryUrl(repositoryUrl);
    }

    @NonNull
    public String getRepositoryUrl() {
        return repositoryUrl == null ? "" : repositoryUrl;
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    @NonNull
    public String getRevision() {
        return revision == null || revision.isBlank() ? DEFAULT_REVISION : revision;
    }

    @DataBoundSetter
    public void setRevision(@CheckForNull String revision) {
        String value = Util.fixEmptyAndTrim(revision);
        this.revision = value == null ? DEFAULT_REVISION : value;
    }

    @NonNull
    public String getPath() {
        return path == null ? "" : path;
    }

    @DataBoundSetter
    public void setPath(@CheckForNull String path) {
        this.path = Util.fixNull(path).trim();
    }

    /** OpenSSH {@code known_hosts} lines for SSH repositories. */
    @CheckForNull
    public String getKnownHosts() {
        return knownHosts;
    }

    @DataBoundSetter
    public void setKnownHosts(@CheckForNull String knownHosts) {
        this.knownHosts = Util.fixEmptyAndTrim(knownHosts);
    }

    /** The Git source's validation, credentials list and "Test Git connection". */
    @Extension
    @Symbol("gitSource")
    public static class DescriptorImpl extends Descriptor<GitSourceSettings> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.GitSourceSettings_displayName();
        }

        @POST
        public FormValidation doCheckRepositoryUrl(@AncestorInPath Item item, @QueryParameter String value) {
            if (!SettingsValidation.mayConfigure(item)) {
                return FormValidation.ok();
            }
            String url = Util.fixEmptyAndTrim(value);
            if (url == null) {
                return FormValidation.error(Messages.GitOpsEnvironment_repositoryUrl_required());
            }
            if (url.matches("(?i)^[a-z][a-z0-9+.-]*://[^/@]*:[^/@]*@.*")) {
                return FormValidation.error(Messages.GitOpsEnvironment_repositoryUrl_password());
            }
            if (LocalRepositories.isRefused(url)) {
                return FormValidation.error(LocalRepositories.refusal(url));
            }
            return FormValidation.ok();
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String repositoryUrl,
                @QueryParameter String value) {
            if (!SettingsValidation.mayConfigure(item)) {
                return FormValidation.ok();
            }
            String url = Util.fixEmptyAndTrim(repositoryUrl);
            if (Util.fixEmptyAndTrim(value) == null && url != null && url.toLowerCase(Locale.ROOT).startsWith("http")) {
                return FormValidation.ok(Messages.GitOpsEnvironment_credentialsId_anonymous());
            }
            return FormValidation.ok();
        }

        @POST
        public FormValidation doCheckRevision(@AncestorInPath Item item, @QueryParameter String value) {
            if (!SettingsValidation.mayConfigure(item)) {
                return FormValidation.ok();
            }
            String revision = Util.fixEmptyAndTrim(value);
            if (revision == null) {
                return FormValidation.ok(Messages.GitOpsEnvironment_revision_default(DEFAULT_REVISION));
            }
            if (revision.contains(" ") || revision.contains("..")) {
                return FormValidation.error(Messages.GitOpsEnvironment_revision_invalid(revision));
            }
            return FormValidation.ok();
        }

        @POST
        public FormValidation doCheckPath(@AncestorInPath Item item, @QueryParameter String value) {
            if (!SettingsValidation.mayConfigure(item)) {
                return FormValidation.ok();
            }
            String path = Util.fixNull(value).trim();
            if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
                return FormValidation.error(Messages.GitOpsEnvironment_path_absolute(path));
            }
            for (String segment : path.split("/")) {
                if (segment.equals("..")) {
                    return FormValidation.error(Messages.GitOpsEnvironment_path_parent(path));
                }
            }
            return FormValidation.ok();
        }

        @POST
        public FormValidation doCheckKnownHosts(@AncestorInPath Item item, @QueryParameter String repositoryUrl,
                @QueryParameter String value) {
            if (!SettingsValidation.mayConfigure(item)) {
                return FormValidation.ok();
            }
            if (isSsh(repositoryUrl) && Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.warning(Messages.GitOpsEnvironment_knownHosts_missing());
            }
            return FormValidation.ok();
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String repositoryUrl,
                @QueryParameter String credentialsId) {
            StandardListBoxModel result = new StandardListBoxModel();
            if (!SettingsValidation.mayConfigure(item)) {
                return result.includeCurrentValue(credentialsId);
            }
            return result.includeEmptyValue()
                    .includeMatchingAs(ACL.SYSTEM2, item, StandardCredentials.class,
                            GitCredentialsLookup.requirements(repositoryUrl), GitCredentialsLookup.MATCHER)
                    .includeCurrentValue(credentialsId);
        }

        /** Fetches the revision (into the shared cache) and says which commit it is, or exactly what failed. */
        @RequirePOST
        public FormValidation doTestGitConnection(@AncestorInPath Item item, @QueryParameter String repositoryUrl,
                @QueryParameter String credentialsId, @QueryParameter String revision, @QueryParameter String path,
                @QueryParameter String knownHosts) {
            if (item == null) {
                Jenkins.get().checkPermission(Jenkins.ADMINISTER);
                return FormValidation.error(Messages.GitOpsEnvironment_test_noItem());
            }
            item.checkPermission(Item.CONFIGURE);
            return ConnectionTests.testGit(item, repositoryUrl, credentialsId, revision, path, knownHosts);
        }

        private static boolean isSsh(String url) {
            String value = Util.fixNull(url).trim();
            return value.startsWith("ssh://") || value.matches("^[\\w.-]+@[\\w.-]+:.*");
        }
    }
}
