package io.jenkins.plugins.gitops.reconcile;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.ACL;
import io.jenkins.plugins.gitops.Messages;
import io.jenkins.plugins.gitops.engine.chart.ChartCredentials;
import io.jenkins.plugins.gitops.item.HelmSettings;

/**
 * Chart repository credentials: a username/password credentials ID, looked up in the environment's context, becomes
 * the engine's plain {@link ChartCredentials}, with the CA certificate the environment trusts. The engine never sees
 * a Jenkins type, and the secret leaves this class only into the engine's request.
 */
public final class ChartCredentialsLookup {

    private ChartCredentialsLookup() {
    }

    /**
     * @param context the environment (credentials of its folders and the global ones are visible)
     * @param run the build that uses them (for credentials tracking), or {@code null} for a check
     * @throws AbortException naming the credentials ID (never a secret) when it is unknown or of the wrong kind
     */
    static ChartCredentials resolve(Item context, HelmSettings helm, @CheckForNull Run<?, ?> run)
            throws AbortException {
        String id = Util.fixEmptyAndTrim(helm.getChartCredentialsId());
        if (id == null) {
            return new ChartCredentials(null, null, helm.getChartCaCertificate());
        }
        StandardCredentials credentials = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItem(StandardCredentials.class, context, ACL.SYSTEM2,
                        URIRequirementBuilder.fromUri(helm.getChartRepository()).build()),
                CredentialsMatchers.withId(id));
        if (credentials == null) {
            throw new AbortException(Messages.ChartCredentialsLookup_notFound(id, context.getFullName()));
        }
        if (!(credentials instanceof StandardUsernamePasswordCredentials password)) {
            throw new AbortException(Messages.ChartCredentialsLookup_wrongKind(id));
        }
        if (run != null) {
            CredentialsProvider.track(run, credentials);
        }
        return new ChartCredentials(password.getUsername(), password.getPassword().getPlainText(),
                helm.getChartCaCertificate());
    }
}
