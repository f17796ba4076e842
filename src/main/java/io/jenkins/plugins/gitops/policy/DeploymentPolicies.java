package io.jenkins.plugins.gitops.policy;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.model.ItemGroup;
import io.jenkins.plugins.gitops.Messages;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.engine.pipeline.StepException;
import io.jenkins.plugins.gitops.engine.sync.DeploymentPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The deployment policies an environment keeps to: the global one, then each enclosing folder's from the outermost
 * in. Every one of them must allow what the environment does. The engine checks the servers, namespaces and kinds
 * of the desired objects before anything is written; this class checks, before the plugin connects, what the
 * environment's own configuration decides (its cluster credentials, its namespace, its server), so that a refused
 * environment never reaches the cluster.
 *
 * @param policies the policies in force, outermost first
 */
public record DeploymentPolicies(List<Named> policies) {

    /**
     * One policy and who set it.
     *
     * @param source who set it, as messages name it ({@code the global deployment policy})
     */
    record Named(String source, DeploymentPolicySettings settings) {

        public DeploymentPolicy toEngine() {
            return settings.toEngine(source);
        }

        /**
         * One line for the environment page: who set it and what it allows.
         *
         * @param credentialIds whether to name the allowed credentials (their IDs are shown only to those who may
         *     configure the environment, as everywhere else), or only count them
         */
        public String describe(boolean credentialIds) {
            List<String> credentials = settings.credentialIds();
            return source + ": " + toEngine().describe() + "; " + (credentials.isEmpty() ? "any cluster credentials"
                    : credentialIds ? "cluster credentials " + String.join(", ", credentials)
                    : credentials.size() + " allowed cluster credentials");
        }
    }

    public DeploymentPolicies {
        policies = List.copyOf(policies);
    }

    /** The policies in force for {@code item}: the global one, then each enclosing folder's from the outermost in. */
    public static DeploymentPolicies of(Item item, GitOpsConfiguration configuration) {
        List<Named> folders = new ArrayList<>();
        ItemGroup<?> parent = item.getParent();
        while (parent instanceof Item enclosing) {
            if (enclosing instanceof AbstractFolder<?> folder) {
                FolderDeploymentPolicy property = folder.getProperties().get(FolderDeploymentPolicy.class);
                if (property != null && property.getPolicy() != null) {
                    folders.add(new Named(Messages.DeploymentPolicies_folder(folder.getFullName()), property.getPolicy()));
                }
            }
            parent = enclosing.getParent();
        }
        Collections.reverse(folders);
        List<Named> all = new ArrayList<>();
        all.add(new Named(Messages.DeploymentPolicies_global(), configuration.getDeploymentPolicy()));
        all.addAll(folders);
        return new DeploymentPolicies(all);
    }

    /** The engine's policies, in the same order. */
    public List<DeploymentPolicy> toEngine() {
        return policies.stream().map(Named::toEngine).toList();
    }

    /** One line per policy, for the environment page; see {@link Named#describe(boolean)}. */
    public List<String> describe(boolean credentialIds) {
        return policies.stream().map(policy -> policy.describe(credentialIds)).toList();
    }

    /**
     * Refuses cluster credentials that a policy does not allow, before they are looked up.
     *
     * @throws StepException naming the credentials and the rule
     */
    public void checkCredentials(@CheckForNull String credentialsId) {
        for (Named policy : policies) {
            if (!policy.settings().allowsCredentials(credentialsId)) {
                throw new StepException(Messages.DeploymentPolicies_credentialsRefused(
                        credentialsId == null ? Messages.DeploymentPolicies_noCredentials() : credentialsId,
                        policy.source(), String.join(", ", policy.settings().credentialIds())));
            }
        }
    }

    /**
     * Refuses the environment's own namespace before connecting; the engine checks every object's namespace again.
     *
     * @throws StepException naming the namespace and the rule
     */
    public void checkNamespace(String namespace) {
        for (Named named : policies) {
            DeploymentPolicy policy = named.toEngine();
            if (!policy.allowsNamespace(namespace)) {
                throw new StepException(Messages.DeploymentPolicies_namespaceRefused(namespace, named.source(),
                        String.join(", ", policy.namespaces())));
            }
        }
    }

    /**
     * Refuses the server the environment's settings or credentials lead to, before connecting; the engine checks
     * the server the connection reached again.
     *
     * @throws StepException naming the server and the rule
     */
    public void checkServer(String serverUrl) {
        for (Named named : policies) {
            DeploymentPolicy policy = named.toEngine();
            if (!policy.allowsServer(serverUrl)) {
                throw new StepException(Messages.DeploymentPolicies_serverRefused(serverUrl, named.source(),
                        String.join(", ", policy.servers())));
            }
        }
    }
}
