package io.jenkins.plugins.gitops.reconcile;

import hudson.AbortException;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.gitops.Messages;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.pipeline.StepException;
import io.jenkins.plugins.gitops.engine.source.GitCredentials;
import io.jenkins.plugins.gitops.engine.source.GitSource;
import io.jenkins.plugins.gitops.engine.source.SourceException;
import io.jenkins.plugins.gitops.engine.source.SourceRequest;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.policy.DeploymentPolicies;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The "Test connection" buttons of an environment's configuration: they try the settings on the form (not the saved
 * ones) the way a sync would use them, and say what worked or exactly what failed. Callers check permissions.
 */
public final class ConnectionTests {

    private static final Logger LOGGER = Logger.getLogger(ConnectionTests.class.getName());

    private ConnectionTests() {
    }

    /** Fetches the revision (into the shared cache) and says which commit it is. */
    public static FormValidation testGit(Item item, String repositoryUrl, String credentialsId, String revision,
            String path, String knownHosts) {
        String url = Util.fixEmptyAndTrim(repositoryUrl);
        if (url == null) {
            return FormValidation.error(Messages.GitOpsEnvironment_repositoryUrl_required());
        }
        if (LocalRepositories.isRefused(url)) {
            return FormValidation.error(LocalRepositories.refusal(url));
        }
        String rev = Util.fixEmptyAndTrim(revision) == null ? GitOpsEnvironment.DEFAULT_REVISION : revision.trim();
        try {
            GitCredentials credentials = GitCredentialsLookup.resolve(item, url, credentialsId, knownHosts, null);
            SourceSnapshot snapshot = new GitSource(GitOpsConfiguration.get().getRepositoryCache())
                    .fetch(new SourceRequest(url, credentials, rev, Util.fixNull(path).trim()));
            return FormValidation.ok(Messages.GitOpsEnvironment_testGit_ok(rev, snapshot.commit().abbreviatedSha(),
                    snapshot.commit().subject()));
        } catch (AbortException | SourceException e) {
            LOGGER.log(Level.FINE, "Git connection test failed for " + item.getFullName(), e);
            return FormValidation.error(e.getMessage());
        }
    }

    /** Connects, within the deployment policies that bound a sync, and reads the server version and namespace. */
    public static FormValidation testCluster(Item item, String serverUrl, String clusterCredentialsId,
            String caCertificate, String namespace) {
        String ns = Util.fixEmptyAndTrim(namespace) == null ? GitOpsEnvironment.DEFAULT_NAMESPACE : namespace.trim();
        // The deployment policies bound the test as they bound a sync: no connection where a sync may not go.
        DeploymentPolicies policies = DeploymentPolicies.of(item, GitOpsConfiguration.get());
        ClusterCredentialsLookup.Access access;
        try {
            policies.checkCredentials(Util.fixEmptyAndTrim(clusterCredentialsId));
            policies.checkNamespace(ns);
            access = ClusterCredentialsLookup.resolve(item, serverUrl, clusterCredentialsId, caCertificate, null);
            policies.checkServer(access.config().getMasterUrl());
        } catch (AbortException | StepException e) {
            return FormValidation.error(e.getMessage());
        }
        String server = access.config().getMasterUrl();
        try (ClusterConnection connection = ClusterConnection.connect(access.config())) {
            String version = connection.client().getKubernetesVersion().getGitVersion();
            if (connection.client().namespaces().withName(ns).get() == null) {
                return FormValidation.warning(Messages.GitOpsEnvironment_testCluster_noNamespace(server, version, ns));
            }
            return FormValidation.ok(Messages.GitOpsEnvironment_testCluster_ok(server, version, ns));
        } catch (KubernetesClientException e) {
            LOGGER.log(Level.FINE, "Cluster connection test failed for " + item.getFullName(), e);
            String cause = e.getCode() > 0 ? "HTTP " + e.getCode() + " " + e.getMessage() : e.getMessage();
            return FormValidation.error(Messages.GitOpsEnvironment_testCluster_failed(server, cause));
        }
    }
}
