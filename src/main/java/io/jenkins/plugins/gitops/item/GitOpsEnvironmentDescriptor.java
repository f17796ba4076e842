package io.jenkins.plugins.gitops.item;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.AutoCompletionCandidates;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.TopLevelItem;
import hudson.model.TopLevelItemDescriptor;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.gitops.Messages;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.engine.pipeline.StepException;
import io.jenkins.plugins.gitops.engine.render.RendererKind;
import io.jenkins.plugins.gitops.policy.DeploymentPolicies;
import io.jenkins.plugins.gitops.reconcile.AgentLabels;
import io.jenkins.plugins.gitops.reconcile.ClusterCredentialsLookup;
import io.jenkins.plugins.gitops.reconcile.ConnectionTests;
import io.jenkins.plugins.gitops.reconcile.GitCredentialsLookup;
import io.jenkins.plugins.gitops.reconcile.LocalRepositories;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.Consumer;
import jenkins.model.Jenkins;
import jenkins.model.item_category.StandaloneProjectsCategory;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.interceptor.RequirePOST;
import org.kohsuke.stapler.verb.POST;

/** "GitOps Environment" in New Item, with its validation, credentials lists and connection tests. */
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

    /** The deployment policies' verdict on a value of the form: an error naming the rule, as a sync would fail. */
    private static FormValidation policyCheck(Item item, Consumer<DeploymentPolicies> check) {
        try {
            check.accept(DeploymentPolicies.of(item, GitOpsConfiguration.get()));
            return FormValidation.ok();
        } catch (StepException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    // ------------------------------------------------------------ validation

    @POST
    public FormValidation doCheckRepositoryUrl(@AncestorInPath Item item, @QueryParameter String value) {
        if (!mayConfigure(item)) {
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
        if (!mayConfigure(item)) {
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
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        String revision = Util.fixEmptyAndTrim(value);
        if (revision == null) {
            return FormValidation.ok(Messages.GitOpsEnvironment_revision_default(GitOpsEnvironment.DEFAULT_REVISION));
        }
        if (revision.contains(" ") || revision.contains("..")) {
            return FormValidation.error(Messages.GitOpsEnvironment_revision_invalid(revision));
        }
        return FormValidation.ok();
    }

    @POST
    public FormValidation doCheckPath(@AncestorInPath Item item, @QueryParameter String value) {
        if (!mayConfigure(item)) {
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
    public FormValidation doCheckRenderer(@AncestorInPath Item item, @QueryParameter String value) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        String name = Util.fixEmptyAndTrim(value);
        if (name == null) {
            return FormValidation.ok();
        }
        try {
            RendererKind.valueOf(name.toUpperCase(Locale.ROOT));
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(Messages.GitOpsEnvironment_renderer_unknown(name));
        }
    }

    @POST
    public FormValidation doCheckKnownHosts(@AncestorInPath Item item, @QueryParameter String repositoryUrl,
            @QueryParameter String value) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        if (isSsh(repositoryUrl) && Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.warning(Messages.GitOpsEnvironment_knownHosts_missing());
        }
        return FormValidation.ok();
    }

    @POST
    public FormValidation doCheckServerUrl(@AncestorInPath Item item, @QueryParameter String value) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        String url = Util.fixEmptyAndTrim(value);
        if (url == null) {
            return FormValidation.ok(Messages.GitOpsEnvironment_serverUrl_fromKubeconfig());
        }
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                return FormValidation.error(Messages.GitOpsEnvironment_serverUrl_invalid(url));
            }
            if (uri.getUserInfo() != null) {
                return FormValidation.error(Messages.GitOpsEnvironment_serverUrl_userInfo());
            }
            FormValidation policy = policyCheck(item, policies -> policies.checkServer(url));
            if (policy.kind != FormValidation.Kind.OK) {
                return policy;
            }
            if ("http".equalsIgnoreCase(uri.getScheme())) {
                return FormValidation.warning(Messages.GitOpsEnvironment_serverUrl_plainHttp());
            }
            return FormValidation.ok();
        } catch (URISyntaxException e) {
            return FormValidation.error(Messages.GitOpsEnvironment_serverUrl_invalid(url));
        }
    }

    @POST
    public FormValidation doCheckClusterCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        String id = Util.fixEmptyAndTrim(value);
        if (id == null) {
            return FormValidation.error(Messages.ClusterCredentialsLookup_noCredentials());
        }
        return policyCheck(item, policies -> policies.checkCredentials(id));
    }

    @POST
    public FormValidation doCheckCaCertificate(@AncestorInPath Item item, @QueryParameter String value) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        String pem = Util.fixEmptyAndTrim(value);
        if (pem != null && !pem.contains("-----BEGIN CERTIFICATE-----")) {
            return FormValidation.error(Messages.GitOpsEnvironment_caCertificate_notPem());
        }
        return FormValidation.ok();
    }

    @POST
    public FormValidation doCheckNamespace(@AncestorInPath Item item, @QueryParameter String value) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        String namespace = Util.fixEmptyAndTrim(value);
        if (namespace == null) {
            FormValidation policy = policyCheck(item, policies -> policies.checkNamespace(GitOpsEnvironment.DEFAULT_NAMESPACE));
            return policy.kind != FormValidation.Kind.OK ? policy
                    : FormValidation.ok(Messages.GitOpsEnvironment_namespace_default(GitOpsEnvironment.DEFAULT_NAMESPACE));
        }
        if (namespace.length() > 63 || !namespace.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
            return FormValidation.error(Messages.GitOpsEnvironment_namespace_invalid(namespace));
        }
        return policyCheck(item, policies -> policies.checkNamespace(namespace));
    }

    @POST
    public FormValidation doCheckSelfHeal(@AncestorInPath Item item, @QueryParameter boolean automated,
            @QueryParameter boolean value) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        return value && !automated ? FormValidation.warning(Messages.GitOpsEnvironment_selfHeal_needsAutomated())
                : FormValidation.ok();
    }

    @POST
    public FormValidation doCheckAllowEmpty(@AncestorInPath Item item, @QueryParameter boolean prune,
            @QueryParameter boolean value) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        return value && !prune ? FormValidation.warning(Messages.GitOpsEnvironment_allowEmpty_needsPrune())
                : FormValidation.ok();
    }

    @POST
    public FormValidation doCheckHealthTimeoutSeconds(@AncestorInPath Item item, @QueryParameter String value) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        return GitOpsConfiguration.validateNumber(value, 1, null);
    }

    @POST
    public FormValidation doCheckCheckIntervalMinutes(@AncestorInPath Item item, @QueryParameter String value) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.ok(Messages.GitOpsEnvironment_checkIntervalMinutes_default(
                    GitOpsConfiguration.get().getCheckIntervalMinutes()));
        }
        return GitOpsConfiguration.validateNumber(value, 0, Messages.GitOpsConfiguration_checkIntervalMinutes_zero());
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

    public AutoCompletionCandidates doAutoCompleteAgentLabel(@AncestorInPath Item item, @QueryParameter String value) {
        return mayConfigure(item) ? AgentLabels.complete(value) : new AutoCompletionCandidates();
    }

    @POST
    public FormValidation doCheckIgnoreRules(@AncestorInPath Item item, @QueryParameter String value) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        try {
            GitOpsEnvironment.parseIgnoreRules(value);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    // ------------------------------------------------------------ lists

    @POST
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String repositoryUrl,
            @QueryParameter String credentialsId) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (!mayConfigure(item)) {
            return result.includeCurrentValue(credentialsId);
        }
        return result.includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, item, StandardCredentials.class,
                        GitCredentialsLookup.requirements(repositoryUrl), GitCredentialsLookup.MATCHER)
                .includeCurrentValue(credentialsId);
    }

    @POST
    public ListBoxModel doFillClusterCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String serverUrl,
            @QueryParameter String clusterCredentialsId) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (!mayConfigure(item)) {
            return result.includeCurrentValue(clusterCredentialsId);
        }
        return result.includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, item, StandardCredentials.class,
                        ClusterCredentialsLookup.requirements(serverUrl), ClusterCredentialsLookup.MATCHER)
                .includeCurrentValue(clusterCredentialsId);
    }

    @POST
    public ListBoxModel doFillRendererItems(@AncestorInPath Item item) {
        ListBoxModel model = new ListBoxModel();
        if (item != null && !item.hasPermission(Item.READ)) {
            return model;
        }
        model.add(Messages.GitOpsEnvironment_renderer_auto(), RendererKind.AUTO.name());
        model.add(Messages.GitOpsEnvironment_renderer_plain(), RendererKind.PLAIN.name());
        model.add(Messages.GitOpsEnvironment_renderer_kustomize(), RendererKind.KUSTOMIZE.name());
        model.add(Messages.GitOpsEnvironment_renderer_helm(), RendererKind.HELM.name());
        return model;
    }

    // ------------------------------------------------------------ connection tests

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

    /** Connects with the settings on the form (not the saved ones) and reads the server version. */
    @RequirePOST
    public FormValidation doTestClusterConnection(@AncestorInPath Item item, @QueryParameter String serverUrl,
            @QueryParameter String clusterCredentialsId, @QueryParameter String caCertificate,
            @QueryParameter String namespace) {
        if (item == null) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormValidation.error(Messages.GitOpsEnvironment_test_noItem());
        }
        item.checkPermission(Item.CONFIGURE);
        return ConnectionTests.testCluster(item, serverUrl, clusterCredentialsId, caCertificate, namespace);
    }

    private static boolean isSsh(String url) {
        String value = Util.fixNull(url).trim();
        return value.startsWith("ssh://") || value.matches("^[\\w.-]+@[\\w.-]+:.*");
    }
}
