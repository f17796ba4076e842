package io.jenkins.plugins.gitops.policy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import io.jenkins.plugins.gitops.Messages;
import io.jenkins.plugins.gitops.engine.sync.DeploymentPolicy;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Where environments may deploy, as an administrator writes it: in the system configuration (for every
 * environment) and on folders (for the environments inside). Each rule is a list of lines (commas separate too);
 * an empty list allows anything, except for cluster-scoped kinds, where it allows none. The engine checks the
 * servers, namespaces and kinds ({@link #toEngine}) before anything is written; the plugin checks the cluster
 * credentials before it connects.
 */
public class DeploymentPolicySettings extends AbstractDescribableImpl<DeploymentPolicySettings> {

    private String allowedServers = "";
    private String allowedCredentials = "";
    private String allowedNamespaces = "";
    private String allowedClusterKinds = String.join("\n", DeploymentPolicy.DEFAULT_CLUSTER_KINDS);

    /** The default policy: any server, credentials and namespace; no cluster-scoped kind but Namespace. */
    @DataBoundConstructor
    public DeploymentPolicySettings() {
    }

    /** API server URL patterns ({@code *} for any run of characters), one a line; empty for any server. */
    @NonNull
    public String getAllowedServers() {
        return allowedServers;
    }

    @DataBoundSetter
    public void setAllowedServers(@CheckForNull String allowedServers) {
        this.allowedServers = joined(allowedServers);
    }

    /** The IDs of the cluster credentials environments may use, one a line; empty for any. */
    @NonNull
    public String getAllowedCredentials() {
        return allowedCredentials;
    }

    @DataBoundSetter
    public void setAllowedCredentials(@CheckForNull String allowedCredentials) {
        this.allowedCredentials = joined(allowedCredentials);
    }

    /** Namespace patterns, one a line; empty for any namespace. */
    @NonNull
    public String getAllowedNamespaces() {
        return allowedNamespaces;
    }

    @DataBoundSetter
    public void setAllowedNamespaces(@CheckForNull String allowedNamespaces) {
        this.allowedNamespaces = joined(allowedNamespaces);
    }

    /** Cluster-scoped kinds ({@code Kind}, {@code group/Kind} or {@code *}), one a line; empty for none. */
    @NonNull
    public String getAllowedClusterKinds() {
        return allowedClusterKinds;
    }

    @DataBoundSetter
    public void setAllowedClusterKinds(@CheckForNull String allowedClusterKinds) {
        this.allowedClusterKinds = joined(allowedClusterKinds);
    }

    /** The engine's policy for servers, namespaces and kinds; {@code source} names it in messages. */
    @NonNull
    public DeploymentPolicy toEngine(String source) {
        return new DeploymentPolicy(source, lines(allowedServers), lines(allowedNamespaces), lines(allowedClusterKinds));
    }

    /** The allowed cluster credential IDs; empty for any. */
    @NonNull
    public List<String> credentialIds() {
        return lines(allowedCredentials);
    }

    /** Whether environments may use the cluster credentials {@code credentialsId} ({@code null}: none selected). */
    public boolean allowsCredentials(@CheckForNull String credentialsId) {
        List<String> allowed = credentialIds();
        return allowed.isEmpty() || (credentialsId != null && allowed.contains(credentialsId.trim()));
    }

    /** A policy read from a {@code config.xml} written by hand may miss rules: each takes its default. */
    protected Object readResolve() {
        DeploymentPolicySettings defaults = new DeploymentPolicySettings();
        allowedServers = allowedServers == null ? defaults.allowedServers : allowedServers;
        allowedCredentials = allowedCredentials == null ? defaults.allowedCredentials : allowedCredentials;
        allowedNamespaces = allowedNamespaces == null ? defaults.allowedNamespaces : allowedNamespaces;
        allowedClusterKinds = allowedClusterKinds == null ? defaults.allowedClusterKinds : allowedClusterKinds;
        return this;
    }

    /** The entries of a textarea: lines, or comma-separated values, trimmed, without empty ones. */
    static List<String> lines(@CheckForNull String text) {
        List<String> values = new ArrayList<>();
        if (text != null) {
            for (String value : text.split("[\\r\\n,]+")) {
                String trimmed = value.trim();
                if (!trimmed.isEmpty()) {
                    values.add(trimmed);
                }
            }
        }
        return values;
    }

    /** One entry a line, as the form shows it and {@code config.xml} keeps it. */
    private static String joined(@CheckForNull String text) {
        return String.join("\n", lines(text));
    }

    @Extension
    @Symbol("deploymentPolicy")
    public static class DescriptorImpl extends Descriptor<DeploymentPolicySettings> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.DeploymentPolicySettings_displayName();
        }

        /** What a new policy's form shows for the cluster-scoped kinds. */
        public String getDefaultClusterKinds() {
            return String.join("\n", DeploymentPolicy.DEFAULT_CLUSTER_KINDS);
        }
    }
}
