package io.jenkins.plugins.gitops.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.model.AutoCompletionCandidates;
import hudson.XmlFile;
import hudson.init.Terminator;
import hudson.util.FormValidation;
import hudson.util.Secret;
import hudson.util.XStream2;
import io.jenkins.plugins.gitops.FormerClassNames;
import io.jenkins.plugins.gitops.Messages;
import io.jenkins.plugins.gitops.engine.chart.ArchiveLimits;
import io.jenkins.plugins.gitops.engine.chart.ChartCache;
import io.jenkins.plugins.gitops.engine.chart.ChartFetcher;
import io.jenkins.plugins.gitops.engine.diff.DiffOptions;
import io.jenkins.plugins.gitops.folder.DeclaredFolders;
import io.jenkins.plugins.gitops.folder.FolderDeclaration;
import io.jenkins.plugins.gitops.engine.source.RepositoryCache;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.policy.DeploymentPolicySettings;
import io.jenkins.plugins.gitops.reconcile.AgentLabels;
import io.jenkins.plugins.gitops.reconcile.ClusterConnectionPool;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The settings shared by every environment, under "GitOps Sync" in the system configuration (JCasC:
 * {@code unclassified: gitopsSync:}). It also owns the caches the environments share, as instances: the Git
 * repository cache under {@code $JENKINS_HOME/gitops-sync/cache} and the open cluster connections.
 */
@Extension
@Symbol("gitopsSync")
public class GitOpsConfiguration extends GlobalConfiguration {

    private static final Logger LOGGER = Logger.getLogger(GitOpsConfiguration.class.getName());

    static final int DEFAULT_CHECK_INTERVAL_MINUTES = 3;
    static final int DEFAULT_CHECK_JITTER_SECONDS = 60;
    static final int DEFAULT_MAX_CONCURRENT_CHECKS = 4;

    private int checkIntervalMinutes = DEFAULT_CHECK_INTERVAL_MINUTES;
    private int checkJitterSeconds = DEFAULT_CHECK_JITTER_SECONDS;
    private int maxConcurrentChecks = DEFAULT_MAX_CONCURRENT_CHECKS;
    private String fieldManager = DiffOptions.DEFAULT_FIELD_MANAGER;
    private Secret webhookToken;
    private DeploymentPolicySettings deploymentPolicy;

    /**
     * The most bytes cached chart archives take together, on the controller and on each agent: about a hundred
     * charts of a few MB.
     */
    public static final long CHART_CACHE_BYTES = 512L << 20;

    private String helmExecutable;
    /** GitOps Environment Folders declared as code; {@code null} for none. */
    private List<FolderDeclaration> environmentFolders;
    /** The label expression of the agents environments without their own label run on; {@code null}: the controller. */
    private String defaultAgentLabel;
    private transient RepositoryCache repositoryCache;
    private transient ChartFetcher chartFetcher;
    private final transient ClusterConnectionPool connections = new ClusterConnectionPool();

    public GitOpsConfiguration() {
        load();
    }

    /**
     * Reads the settings; until they are first saved by this version, from the file named after this class's name
     * in versions before 2 ({@code io.jenkins.plugins.gitops.GitOpsConfiguration.xml}), which stays as it was.
     */
    @Override
    public synchronized void load() {
        if (!getConfigFile().exists()) {
            XStream2 formerNames = new XStream2();
            FormerClassNames.registerOn(formerNames);
            XmlFile formerFile = new XmlFile(formerNames,
                    new File(Jenkins.get().getRootDir(), FormerClassNames.formerName(GitOpsConfiguration.class) + ".xml"));
            if (formerFile.exists()) {
                try {
                    formerFile.unmarshal(this);
                } catch (IOException e) {
                    LOGGER.log(Level.WARNING, "Failed to load " + formerFile, e);
                }
                return;
            }
        }
        super.load();
    }

    /**
     * The GitOps Environment Folders this configuration declares (JCasC: {@code environmentFolders:}), created or
     * updated as top-level items when set; folders no longer declared stay as they are.
     */
    @NonNull
    public List<FolderDeclaration> getEnvironmentFolders() {
        return environmentFolders == null ? List.of() : List.copyOf(environmentFolders);
    }

    @DataBoundSetter
    public void setEnvironmentFolders(@CheckForNull List<FolderDeclaration> environmentFolders) {
        this.environmentFolders = environmentFolders == null || environmentFolders.isEmpty() ? null
                : new ArrayList<>(environmentFolders);
        save();
        DeclaredFolders.apply(getEnvironmentFolders());
    }

    /** The instance Jenkins created. */
    @NonNull
    public static GitOpsConfiguration get() {
        return ExtensionList.lookupSingleton(GitOpsConfiguration.class);
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.GitOpsConfiguration_displayName();
    }

    /** How often an environment without its own interval is checked for drift and new revisions; 0 for never. */
    public int getCheckIntervalMinutes() {
        return checkIntervalMinutes;
    }

    @DataBoundSetter
    public void setCheckIntervalMinutes(int checkIntervalMinutes) {
        this.checkIntervalMinutes = Math.max(0, checkIntervalMinutes);
        save();
    }

    /** The largest delay added to each environment's interval, fixed per environment, to spread checks. */
    public int getCheckJitterSeconds() {
        return checkJitterSeconds;
    }

    @DataBoundSetter
    public void setCheckJitterSeconds(int checkJitterSeconds) {
        this.checkJitterSeconds = Math.max(0, checkJitterSeconds);
        save();
    }

    /** How many environments are checked at the same time. */
    public int getMaxConcurrentChecks() {
        return maxConcurrentChecks;
    }

    @DataBoundSetter
    public void setMaxConcurrentChecks(int maxConcurrentChecks) {
        this.maxConcurrentChecks = Math.max(1, maxConcurrentChecks);
        save();
    }

    /** The server-side apply field manager under which every environment applies. */
    @NonNull
    public String getFieldManager() {
        return fieldManager == null || fieldManager.isBlank() ? DiffOptions.DEFAULT_FIELD_MANAGER : fieldManager;
    }

    @DataBoundSetter
    public void setFieldManager(String fieldManager) {
        String value = Util.fixEmptyAndTrim(fieldManager);
        this.fieldManager = value == null ? DiffOptions.DEFAULT_FIELD_MANAGER : value;
        save();
    }

    /**
     * The helm (Helm 3) binary that renders every environment's Helm charts instead of the bundled Helm library;
     * {@code null} for the library. Unlike the library, a binary is given the target cluster's API versions
     * ({@code .Capabilities.APIVersions}) and needs no linux-amd64 controller.
     */
    @CheckForNull
    public String getHelmExecutable() {
        return helmExecutable;
    }

    @DataBoundSetter
    public void setHelmExecutable(@CheckForNull String helmExecutable) {
        this.helmExecutable = Util.fixEmptyAndTrim(helmExecutable);
        save();
    }

    /**
     * The label expression of the agents that environments without an agent label of their own fetch, render and
     * apply on; {@code null} to run those on the controller.
     */
    @CheckForNull
    public String getDefaultAgentLabel() {
        return defaultAgentLabel;
    }

    @DataBoundSetter
    public void setDefaultAgentLabel(@CheckForNull String defaultAgentLabel) {
        this.defaultAgentLabel = Util.fixEmptyAndTrim(defaultAgentLabel);
        save();
    }

    /** The token Git servers send with push notifications; {@code null} when none is set. */
    public Secret getWebhookToken() {
        return webhookToken;
    }

    @DataBoundSetter
    public void setWebhookToken(Secret webhookToken) {
        this.webhookToken = webhookToken == null || webhookToken.getPlainText().isEmpty() ? null : webhookToken;
        save();
    }

    /**
     * The deployment policy every environment keeps to, whatever folder it is in (folders may only narrow it);
     * the default allows any server, credentials and namespace, and no cluster-scoped kind but Namespace.
     */
    @NonNull
    public DeploymentPolicySettings getDeploymentPolicy() {
        return deploymentPolicy == null ? new DeploymentPolicySettings() : deploymentPolicy;
    }

    @DataBoundSetter
    public void setDeploymentPolicy(DeploymentPolicySettings deploymentPolicy) {
        this.deploymentPolicy = deploymentPolicy;
        save();
    }

    /** The Git repository cache every environment shares, created on first use. */
    public synchronized RepositoryCache getRepositoryCache() {
        if (repositoryCache == null) {
            repositoryCache = new RepositoryCache(cacheDirectory());
        }
        return repositoryCache;
    }

    public ClusterConnectionPool getConnections() {
        return connections;
    }

    /** The chart cache every environment shares, by digest under {@code $JENKINS_HOME/gitops-sync/charts}. */
    public synchronized ChartFetcher getChartFetcher() {
        if (chartFetcher == null) {
            chartFetcher = new ChartFetcher(new ChartCache(chartDirectory(), CHART_CACHE_BYTES), ArchiveLimits.defaults(),
                    ChartFetcher.DEFAULT_TIMEOUT);
        }
        return chartFetcher;
    }

    /** Where charts are cached, and where they are laid over an environment's files for Helm. */
    public static Path chartDirectory() {
        return new File(new File(Jenkins.get().getRootDir(), "gitops-sync"), "charts").toPath();
    }

    private static Path cacheDirectory() {
        return new File(new File(Jenkins.get().getRootDir(), "gitops-sync"), "cache").toPath();
    }

    synchronized void close() {
        if (repositoryCache != null) {
            repositoryCache.close();
            repositoryCache = null;
        }
        connections.close();
    }

    /** Closes the shared repositories and connections when Jenkins stops. */
    @Terminator
    public static void closeCaches() {
        ExtensionList<GitOpsConfiguration> instances = ExtensionList.lookup(GitOpsConfiguration.class);
        instances.forEach(GitOpsConfiguration::close);
    }

    @POST
    public FormValidation doCheckCheckIntervalMinutes(@QueryParameter String value) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return FormValidation.ok();
        }
        return validateNumber(value, 0, Messages.GitOpsConfiguration_checkIntervalMinutes_zero());
    }

    @POST
    public FormValidation doCheckDefaultAgentLabel(@QueryParameter String value) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return FormValidation.ok();
        }
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.ok(Messages.GitOpsConfiguration_defaultAgentLabel_controller());
        }
        return AgentLabels.validate(value, null);
    }

    public AutoCompletionCandidates doAutoCompleteDefaultAgentLabel(@QueryParameter String value) {
        return Jenkins.get().hasPermission(Jenkins.ADMINISTER) ? AgentLabels.complete(value)
                : new AutoCompletionCandidates();
    }

    @POST
    public FormValidation doCheckCheckJitterSeconds(@QueryParameter String value) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return FormValidation.ok();
        }
        return validateNumber(value, 0, null);
    }

    @POST
    public FormValidation doCheckMaxConcurrentChecks(@QueryParameter String value) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return FormValidation.ok();
        }
        return validateNumber(value, 1, null);
    }

    @POST
    public FormValidation doCheckFieldManager(@QueryParameter String value) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return FormValidation.ok();
        }
        String manager = Util.fixEmptyAndTrim(value);
        if (manager == null) {
            return FormValidation.ok(Messages.GitOpsConfiguration_fieldManager_default(DiffOptions.DEFAULT_FIELD_MANAGER));
        }
        if (manager.length() > 128) {
            return FormValidation.error(Messages.GitOpsConfiguration_fieldManager_tooLong(manager.length()));
        }
        return FormValidation.ok();
    }

    /** Used by {@link GitOpsEnvironment} too: the interval of an environment is validated alike. */
    public static FormValidation validateNumber(String value, int minimum, String zeroMeans) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return FormValidation.ok();
        }
        try {
            int number = Integer.parseInt(text);
            if (number < minimum) {
                return FormValidation.error(Messages.GitOpsConfiguration_number_tooSmall(text, minimum));
            }
            if (number == 0 && zeroMeans != null) {
                return FormValidation.warning(zeroMeans);
            }
            return FormValidation.ok();
        } catch (NumberFormatException e) {
            return FormValidation.error(Messages.GitOpsConfiguration_number_invalid(text));
        }
    }
}
