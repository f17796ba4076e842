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
import io.jenkins.plugins.gitops.reconcile.ClusterCredentialsLookup;
import io.jenkins.plugins.gitops.reconcile.ConnectionTests;
import java.net.URI;
import java.net.URISyntaxException;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.interceptor.RequirePOST;
import org.kohsuke.stapler.verb.POST;

/**
 * Where an environment's objects go: the API server, the credentials to reach it, the certificate authority to
 * trust, and the namespace of objects that declare none. The "Cluster" section of the configuration page.
 */
public class ClusterSettings implements Describable<ClusterSettings> {

    public static final String DEFAULT_NAMESPACE = "default";

    private final String clusterCredentialsId;
    private String serverUrl;
    private String caCertificate;
    private String namespace = DEFAULT_NAMESPACE;

    @DataBoundConstructor
    public ClusterSettings(@CheckForNull String clusterCredentialsId) {
        this.clusterCredentialsId = Util.fixEmptyAndTrim(clusterCredentialsId);
    }

    /** These settings with other credentials (an environment's settings are replaced, never changed). */
    ClusterSettings withClusterCredentialsId(@CheckForNull String id) {
        ClusterSettings copy = new ClusterSettings(id);
        copy.serverUrl = serverUrl;
        copy.caCertificate = caCertificate;
        copy.namespace = namespace;
        return copy;
    }

    /** A copy to change with the setters before it replaces these settings. */
    ClusterSettings copy() {
        return withClusterCredentialsId(clusterCredentialsId);
    }

    @CheckForNull
    public String getClusterCredentialsId() {
        return clusterCredentialsId;
    }

    @CheckForNull
    public String getServerUrl() {
        return serverUrl;
    }

    @DataBoundSetter
    public void setServerUrl(@CheckForNull String serverUrl) {
        this.serverUrl = Util.fixEmptyAndTrim(serverUrl);
    }

    /** PEM certificate(s) of the API server's certificate authority, when it is not in the kubeconfig. */
    @CheckForNull
    public String getCaCertificate() {
        return caCertificate;
    }

    @DataBoundSetter
    public void setCaCertificate(@CheckForNull String caCertificate) {
        this.caCertificate = Util.fixEmptyAndTrim(caCertificate);
    }

    @NonNull
    public String getNamespace() {
        return namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace;
    }

    @DataBoundSetter
    public void setNamespace(@CheckForNull String namespace) {
        String value = Util.fixEmptyAndTrim(namespace);
        this.namespace = value == null ? DEFAULT_NAMESPACE : value;
    }

    /** The cluster's validation (with the deployment policies), credentials list and "Test cluster connection". */
    @Extension
    @Symbol("cluster")
    public static class DescriptorImpl extends Descriptor<ClusterSettings> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ClusterSettings_displayName();
        }

        @POST
        public FormValidation doCheckServerUrl(@AncestorInPath Item item, @QueryParameter String value) {
            if (!SettingsValidation.mayConfigure(item)) {
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
                FormValidation policy = SettingsValidation.policyCheck(item, policies -> policies.checkServer(url));
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
            if (!SettingsValidation.mayConfigure(item)) {
                return FormValidation.ok();
            }
            String id = Util.fixEmptyAndTrim(value);
            if (id == null) {
                return FormValidation.error(Messages.ClusterCredentialsLookup_noCredentials());
            }
            return SettingsValidation.policyCheck(item, policies -> policies.checkCredentials(id));
        }

        @POST
        public FormValidation doCheckCaCertificate(@AncestorInPath Item item, @QueryParameter String value) {
            if (!SettingsValidation.mayConfigure(item)) {
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
            if (!SettingsValidation.mayConfigure(item)) {
                return FormValidation.ok();
            }
            String namespace = Util.fixEmptyAndTrim(value);
            if (namespace == null) {
                FormValidation policy = SettingsValidation.policyCheck(item,
                        policies -> policies.checkNamespace(DEFAULT_NAMESPACE));
                return policy.kind != FormValidation.Kind.OK ? policy
                        : FormValidation.ok(Messages.GitOpsEnvironment_namespace_default(DEFAULT_NAMESPACE));
            }
            if (namespace.length() > 63 || !namespace.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
                return FormValidation.error(Messages.GitOpsEnvironment_namespace_invalid(namespace));
            }
            return SettingsValidation.policyCheck(item, policies -> policies.checkNamespace(namespace));
        }

        @POST
        public ListBoxModel doFillClusterCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String serverUrl, @QueryParameter String clusterCredentialsId) {
            StandardListBoxModel result = new StandardListBoxModel();
            if (!SettingsValidation.mayConfigure(item)) {
                return result.includeCurrentValue(clusterCredentialsId);
            }
            return result.includeEmptyValue()
                    .includeMatchingAs(ACL.SYSTEM2, item, StandardCredentials.class,
                            ClusterCredentialsLookup.requirements(serverUrl), ClusterCredentialsLookup.MATCHER)
                    .includeCurrentValue(clusterCredentialsId);
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
    }
}
