package io.jenkins.plugins.gitops.item;

import com.cloudbees.hudson.plugins.folder.computed.ComputedFolder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Util;
import hudson.model.Action;
import hudson.model.BallColor;
import hudson.model.CauseAction;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Label;
import hudson.model.Node;
import hudson.model.Queue;
import hudson.model.RunMap;
import hudson.model.TopLevelItem;
import hudson.model.User;
import hudson.model.queue.CauseOfBlockage;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.tasks.LogRotator;
import hudson.util.AlternativeUiTextProvider;
import hudson.widgets.HistoryWidget;
import io.jenkins.plugins.gitops.Messages;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.engine.diff.IgnoreRule;
import io.jenkins.plugins.gitops.engine.render.RendererKind;
import io.jenkins.plugins.gitops.engine.report.SyncReport;
import io.jenkins.plugins.gitops.engine.source.UrlRedaction;
import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import io.jenkins.plugins.gitops.engine.view.TrendPlot;
import io.jenkins.plugins.gitops.policy.DeploymentPolicies;
import io.jenkins.plugins.gitops.reconcile.EnvironmentReconcile;
import io.jenkins.plugins.gitops.run.DriftReportRow;
import io.jenkins.plugins.gitops.run.SyncCause;
import io.jenkins.plugins.gitops.run.SyncOverrides;
import io.jenkins.plugins.gitops.run.SyncRun;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.xml.transform.Source;
import jenkins.model.BlockedBecauseOfBuildInProgress;
import jenkins.model.Jenkins;
import jenkins.model.lazy.LazyBuildMixIn;
import net.sf.json.JSONObject;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.interceptor.RequirePOST;
import org.kohsuke.stapler.verb.POST;

/**
 * A GitOps environment: a Git repository, a revision and a path, rendered into Kubernetes objects and
 * reconciled into a cluster and namespace. Each sync is a build ({@link SyncRun}); a sync takes no executor
 * ({@link Queue.FlyweightTask}, as Pipeline jobs do) and at most one runs per environment at a time; more
 * requests while one is queued are folded into that one.
 *
 * <p>Created from "New Item", at the top level or in folders. Its settings are four describables, one per section
 * of the configuration page ({@link GitSourceSettings}, {@link RenderingSettings}, {@link ClusterSettings},
 * {@link SyncPolicySettings}), set through that page, {@code config.xml} or their {@code @DataBoundSetter}s (the
 * constructor of an item is Jenkins', so required settings are checked by form validation and, with a message
 * naming the field, when a sync starts). Between builds, its {@link EnvironmentStatus} is kept in
 * {@code gitops-status.xml}.
 */
public final class GitOpsEnvironment extends Job<GitOpsEnvironment, SyncRun>
        implements TopLevelItem, Queue.FlyweightTask, LazyBuildMixIn.LazyLoadingJob<GitOpsEnvironment, SyncRun> {

    private static final Logger LOGGER = Logger.getLogger(GitOpsEnvironment.class.getName());

    public static final String DEFAULT_REVISION = GitSourceSettings.DEFAULT_REVISION;
    public static final String DEFAULT_NAMESPACE = ClusterSettings.DEFAULT_NAMESPACE;
    /** The default build discarder of a new environment: syncs of the last 30 days, at most 200. */
    static final int DEFAULT_DAYS_TO_KEEP = 30;
    static final int DEFAULT_SYNCS_TO_KEEP = 200;

    // The settings, one describable per section of the configuration page; never null once loaded (onLoad).
    private GitSourceSettings gitSource = new GitSourceSettings("");
    private RenderingSettings rendering = new RenderingSettings();
    private ClusterSettings cluster = new ClusterSettings(null);
    private SyncPolicySettings syncPolicy = new SyncPolicySettings();

    // The settings as they were saved before the sections, flat under the root element: read from such a config.xml,
    // moved into the sections above by onLoad, never written.
    @Deprecated private transient String repositoryUrl;
    @Deprecated private transient String credentialsId;
    @Deprecated private transient String revision;
    @Deprecated private transient String path;
    @Deprecated private transient String renderer;
    @Deprecated private transient String knownHosts;
    @Deprecated private transient String serverUrl;
    @Deprecated private transient String clusterCredentialsId;
    @Deprecated private transient String caCertificate;
    @Deprecated private transient String namespace;
    @Deprecated private transient Boolean automated;
    @Deprecated private transient Boolean prune;
    @Deprecated private transient Boolean selfHeal;
    @Deprecated private transient Boolean allowEmpty;
    @Deprecated private transient Boolean keepConflicts;
    /**
     * Written before Git won by default, "force conflicts" was off unless someone turned it on; ignored: such
     * environments now let Git win, as the upgrade notes say.
     */
    @Deprecated private transient Boolean forceConflicts;
    @Deprecated private transient Boolean waitForHealth;
    @Deprecated private transient Integer healthTimeoutSeconds;
    @Deprecated private transient Integer checkIntervalMinutes;
    @Deprecated private transient String ignoreRules;
    @Deprecated private transient HelmSettings helm;
    /**
     * The label expression of the agents this environment's runs fetch, render and apply on; {@code null} for the
     * global default (and without one, the controller). A setting of the environment, outside the four sections.
     */
    private String agentLabel;
    private volatile boolean disabled;
    /** Automatic sync held back by a user or a rollback; {@code null} when not paused. */
    private volatile AutomationPause automationPause;
    /**
     * The full names this environment had before it was renamed or moved (oldest first): its objects in the
     * cluster carry the identity they were applied under, and the next sync takes them over instead of refusing
     * them as another environment's. {@code null} until the first rename.
     */
    private volatile List<String> formerFullNames;

    private transient LazyBuildMixIn<GitOpsEnvironment, SyncRun> buildMixIn;
    private transient volatile EnvironmentObservations observations;

    public GitOpsEnvironment(ItemGroup parent, String name) {
        super(parent, name);
        buildMixIn = createBuildMixIn();
    }

    private LazyBuildMixIn<GitOpsEnvironment, SyncRun> createBuildMixIn() {
        return new LazyBuildMixIn<>() {
            @Override
            protected GitOpsEnvironment asJob() {
                return GitOpsEnvironment.this;
            }

            @Override
            protected Class<SyncRun> getBuildClass() {
                return SyncRun.class;
            }
        };
    }

    @Override
    public void onCreatedFromScratch() {
        super.onCreatedFromScratch();
        buildMixIn.onCreatedFromScratch();
        try {
            // Checks that record a change are builds too: without a discarder an environment checked for years
            // would keep every one. Users change or remove it on the configuration page.
            setBuildDiscarder(new LogRotator(DEFAULT_DAYS_TO_KEEP, DEFAULT_SYNCS_TO_KEEP));
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Cannot set the default build discarder of " + getFullName(), e);
        }
    }

    @Override
    public void onLoad(ItemGroup<? extends Item> parent, String name) throws IOException {
        moveFlatSettingsIntoSections();
        super.onLoad(parent, name);
        if (buildMixIn == null) {
            buildMixIn = createBuildMixIn();
        }
        buildMixIn.onLoad(parent, name);
        observations = null; // the status is read again from gitops-status.xml on first use
    }

    /**
     * Builds each section a {@code config.xml} lacks (one saved before the sections, or posted without them)
     * from the flat settings it may have instead, with the defaults of a new environment for the rest. Called on
     * load from disk and after {@code POST config.xml}; the next save writes the sections.
     */
    private void moveFlatSettingsIntoSections() {
        if (gitSource == null) {
            GitSourceSettings source = new GitSourceSettings(repositoryUrl);
            source.setCredentialsId(credentialsId);
            source.setRevision(revision);
            source.setPath(path);
            source.setKnownHosts(knownHosts);
            gitSource = source;
        }
        if (rendering == null) {
            RenderingSettings settings = new RenderingSettings();
            settings.setRenderer(renderer);
            settings.setHelm(helm);
            rendering = settings;
        }
        if (cluster == null) {
            ClusterSettings settings = new ClusterSettings(clusterCredentialsId);
            settings.setServerUrl(serverUrl);
            settings.setCaCertificate(caCertificate);
            settings.setNamespace(namespace);
            cluster = settings;
        }
        if (syncPolicy == null) {
            SyncPolicySettings policy = new SyncPolicySettings();
            policy.setAutomated(Boolean.TRUE.equals(automated));
            policy.setPrune(Boolean.TRUE.equals(prune));
            policy.setSelfHeal(Boolean.TRUE.equals(selfHeal));
            policy.setAllowEmpty(Boolean.TRUE.equals(allowEmpty));
            policy.setKeepConflicts(Boolean.TRUE.equals(keepConflicts)); // forceConflicts is ignored: Git wins
            policy.setWaitForHealth(!Boolean.FALSE.equals(waitForHealth));
            policy.setHealthTimeoutSeconds(healthTimeoutSeconds == null ? 0 : healthTimeoutSeconds); // 0: the default
            policy.setCheckIntervalMinutes(checkIntervalMinutes);
            policy.setIgnoreRules(ignoreRules);
            syncPolicy = policy;
        }
        clearFlatSettings();
    }

    /** A later {@code POST config.xml} leaves transient fields as they are: nothing stale may be moved again. */
    private void clearFlatSettings() {
        repositoryUrl = null;
        credentialsId = null;
        revision = null;
        path = null;
        renderer = null;
        knownHosts = null;
        serverUrl = null;
        clusterCredentialsId = null;
        caCertificate = null;
        namespace = null;
        automated = null;
        prune = null;
        selfHeal = null;
        allowEmpty = null;
        keepConflicts = null;
        forceConflicts = null;
        waitForHealth = null;
        healthTimeoutSeconds = null;
        checkIntervalMinutes = null;
        ignoreRules = null;
        helm = null;
    }

    // ---------------------------------------------------------------- configuration

    /** The full names this environment had before it was renamed or moved, oldest first. */
    @NonNull
    public List<String> getFormerFullNames() {
        List<String> names = formerFullNames;
        return names == null ? List.of() : List.copyOf(names);
    }

    /** Remembers {@code oldFullName} (a rename or a move happened), so that its objects stay this environment's. */
    synchronized void rememberFormerName(@NonNull String oldFullName) {
        List<String> names = new ArrayList<>(getFormerFullNames());
        if (!names.contains(oldFullName) && !oldFullName.equals(getFullName())) {
            names.add(oldFullName);
            formerFullNames = names; // an ArrayList: XStream writes it, unlike List.copyOf's
        }
    }

    /** The Git source section: repository, credentials, revision, path, SSH host keys. */
    @NonNull
    public GitSourceSettings getGitSource() {
        return gitSource;
    }

    @DataBoundSetter
    public void setGitSource(@NonNull GitSourceSettings gitSource) {
        this.gitSource = gitSource;
    }

    /** The rendering section: renderer and Helm settings. */
    @NonNull
    public RenderingSettings getRendering() {
        return rendering;
    }

    @DataBoundSetter
    public void setRendering(@NonNull RenderingSettings rendering) {
        this.rendering = rendering;
    }

    /** The cluster section: API server, credentials, CA certificate, namespace. */
    @NonNull
    public ClusterSettings getCluster() {
        return cluster;
    }

    @DataBoundSetter
    public void setCluster(@NonNull ClusterSettings cluster) {
        this.cluster = cluster;
    }

    /** The sync policy section: automation, prune, conflicts, health, check interval, ignored fields. */
    @NonNull
    public SyncPolicySettings getSyncPolicy() {
        return syncPolicy;
    }

    @DataBoundSetter
    public void setSyncPolicy(@NonNull SyncPolicySettings syncPolicy) {
        this.syncPolicy = syncPolicy;
    }

    /**
     * Binds each section of the configuration page through its descriptor, which refuses what a sync could not
     * use with a {@link Descriptor.FormException} naming the field.
     */
    @Override
    protected void submit(StaplerRequest2 req, StaplerResponse2 rsp)
            throws IOException, ServletException, Descriptor.FormException {
        refuseIfGenerated();
        super.submit(req, rsp);
        JSONObject form = req.getSubmittedForm();
        GitSourceSettings submittedGitSource = bindSection(req, form, "gitSource", GitSourceSettings.class);
        RenderingSettings submittedRendering = bindSection(req, form, "rendering", RenderingSettings.class);
        ClusterSettings submittedCluster = bindSection(req, form, "cluster", ClusterSettings.class);
        SyncPolicySettings submittedSyncPolicy = bindSection(req, form, "syncPolicy", SyncPolicySettings.class);
        // set only once every section was accepted: a refused form changes nothing
        setGitSource(submittedGitSource);
        setRendering(submittedRendering);
        setCluster(submittedCluster);
        setSyncPolicy(submittedSyncPolicy);
        setAgentLabel(form.optString("agentLabel"));
        if (form.has("enable")) {
            setDisabled(!form.optBoolean("enable"));
        }
    }

    private static <T extends Describable<T>> T bindSection(StaplerRequest2 req, JSONObject form, String field,
            Class<T> type) throws Descriptor.FormException {
        JSONObject section = form.optJSONObject(field);
        Descriptor<?> descriptor = Jenkins.get().getDescriptorOrDie(type);
        return type.cast(descriptor.newInstance(req, section == null ? new JSONObject() : section));
    }

    // Each setting on its own, for the rest of the plugin, tests and scripts. A setter replaces its section with a
    // changed copy, so that a sync that read a section keeps seeing one consistent set of values.

    @NonNull
    public String getRepositoryUrl() {
        return gitSource.getRepositoryUrl();
    }

    /** The repository URL as readers see it (REST API): without user information or query values (tokens). */
    @NonNull
    @Exported(name = "repositoryUrl")
    public String getRedactedRepositoryUrl() {
        return UrlRedaction.redact(getRepositoryUrl());
    }

    public void setRepositoryUrl(String repositoryUrl) {
        gitSource = gitSource.withRepositoryUrl(repositoryUrl);
    }

    @CheckForNull
    public String getCredentialsId() {
        return gitSource.getCredentialsId();
    }

    public void setCredentialsId(String credentialsId) {
        changeGitSource(settings -> settings.setCredentialsId(credentialsId));
    }

    @NonNull
    @Exported
    public String getRevision() {
        return gitSource.getRevision();
    }

    public void setRevision(String revision) {
        changeGitSource(settings -> settings.setRevision(revision));
    }

    @NonNull
    @Exported
    public String getPath() {
        return gitSource.getPath();
    }

    public void setPath(String path) {
        changeGitSource(settings -> settings.setPath(path));
    }

    /** OpenSSH {@code known_hosts} lines for SSH repositories. */
    @CheckForNull
    public String getKnownHosts() {
        return gitSource.getKnownHosts();
    }

    public void setKnownHosts(String knownHosts) {
        changeGitSource(settings -> settings.setKnownHosts(knownHosts));
    }

    private void changeGitSource(Consumer<GitSourceSettings> change) {
        GitSourceSettings changed = gitSource.copy();
        change.accept(changed);
        gitSource = changed;
    }

    /** {@code AUTO}, {@code PLAIN}, {@code KUSTOMIZE} or {@code HELM}. */
    @NonNull
    public String getRenderer() {
        return rendering.getRenderer();
    }

    public void setRenderer(String renderer) {
        changeRendering(settings -> settings.setRenderer(renderer));
    }

    public RendererKind getRendererKind() {
        return rendering.getRendererKind();
    }

    /** The Helm settings; {@code null} when the environment uses Helm's defaults with a chart from Git. */
    @CheckForNull
    public HelmSettings getHelm() {
        return rendering.getHelm();
    }

    public void setHelm(@CheckForNull HelmSettings helm) {
        changeRendering(settings -> settings.setHelm(helm));
    }

    private void changeRendering(Consumer<RenderingSettings> change) {
        RenderingSettings changed = rendering.copy();
        change.accept(changed);
        rendering = changed;
    }

    @CheckForNull
    @Exported
    public String getServerUrl() {
        return cluster.getServerUrl();
    }

    public void setServerUrl(String serverUrl) {
        changeCluster(settings -> settings.setServerUrl(serverUrl));
    }

    @CheckForNull
    public String getClusterCredentialsId() {
        return cluster.getClusterCredentialsId();
    }

    public void setClusterCredentialsId(String clusterCredentialsId) {
        cluster = cluster.withClusterCredentialsId(clusterCredentialsId);
    }

    /** PEM certificate(s) of the API server's certificate authority, when it is not in the kubeconfig. */
    @CheckForNull
    public String getCaCertificate() {
        return cluster.getCaCertificate();
    }

    public void setCaCertificate(String caCertificate) {
        changeCluster(settings -> settings.setCaCertificate(caCertificate));
    }

    @NonNull
    @Exported
    public String getNamespace() {
        return cluster.getNamespace();
    }

    public void setNamespace(String namespace) {
        changeCluster(settings -> settings.setNamespace(namespace));
    }

    private void changeCluster(Consumer<ClusterSettings> change) {
        ClusterSettings changed = cluster.copy();
        change.accept(changed);
        cluster = changed;
    }

    @Exported
    public boolean isAutomated() {
        return syncPolicy.isAutomated();
    }

    public void setAutomated(boolean automated) {
        changeSyncPolicy(settings -> settings.setAutomated(automated));
    }

    @Exported
    public boolean isPrune() {
        return syncPolicy.isPrune();
    }

    public void setPrune(boolean prune) {
        changeSyncPolicy(settings -> settings.setPrune(prune));
    }

    @Exported
    public boolean isSelfHeal() {
        return syncPolicy.isSelfHeal();
    }

    public void setSelfHeal(boolean selfHeal) {
        changeSyncPolicy(settings -> settings.setSelfHeal(selfHeal));
    }

    public boolean isAllowEmpty() {
        return syncPolicy.isAllowEmpty();
    }

    public void setAllowEmpty(boolean allowEmpty) {
        changeSyncPolicy(settings -> settings.setAllowEmpty(allowEmpty));
    }

    public boolean isKeepConflicts() {
        return syncPolicy.isKeepConflicts();
    }

    public void setKeepConflicts(boolean keepConflicts) {
        changeSyncPolicy(settings -> settings.setKeepConflicts(keepConflicts));
    }

    public boolean isWaitForHealth() {
        return syncPolicy.isWaitForHealth();
    }

    public void setWaitForHealth(boolean waitForHealth) {
        changeSyncPolicy(settings -> settings.setWaitForHealth(waitForHealth));
    }

    public int getHealthTimeoutSeconds() {
        return syncPolicy.getHealthTimeoutSeconds();
    }

    public void setHealthTimeoutSeconds(int healthTimeoutSeconds) {
        changeSyncPolicy(settings -> settings.setHealthTimeoutSeconds(healthTimeoutSeconds));
    }

    /** The agent label set here; {@code null} for the global default ({@code AgentLabels.effective}). */
    @CheckForNull
    public String getAgentLabel() {
        return agentLabel;
    }

    @DataBoundSetter
    public void setAgentLabel(String agentLabel) {
        this.agentLabel = Util.fixEmptyAndTrim(agentLabel);
    }

    /** Minutes between periodic checks as configured here; {@code null} for the global default. */
    @CheckForNull
    public Integer getCheckIntervalMinutes() {
        return syncPolicy.getCheckIntervalMinutes();
    }

    public void setCheckIntervalMinutes(Integer checkIntervalMinutes) {
        changeSyncPolicy(settings -> settings.setCheckIntervalMinutes(checkIntervalMinutes));
    }

    /** The interval that applies: this environment's, else the global default. */
    public Duration effectiveCheckInterval(GitOpsConfiguration configuration) {
        return syncPolicy.effectiveCheckInterval(configuration);
    }

    /** Fields not compared with Git: one JSON pointer per line ({@code /spec/replicas}). */
    @NonNull
    public String getIgnoreRules() {
        return syncPolicy.getIgnoreRules();
    }

    public void setIgnoreRules(String ignoreRules) {
        changeSyncPolicy(settings -> settings.setIgnoreRules(ignoreRules));
    }

    private void changeSyncPolicy(Consumer<SyncPolicySettings> change) {
        SyncPolicySettings changed = syncPolicy.copy();
        change.accept(changed);
        syncPolicy = changed;
    }

    /** The engine's policy for this environment. */
    public SyncPolicy toSyncPolicy(String fieldManager) {
        return syncPolicy.toSyncPolicy(fieldManager);
    }

    /**
     * The engine's ignore rules, one per non-blank line.
     *
     * @throws IllegalArgumentException naming the line when a pointer is malformed
     */
    public List<IgnoreRule> toIgnoreRules() {
        return syncPolicy.toIgnoreRules();
    }

    public boolean isDisabled() {
        return disabled;
    }

    @DataBoundSetter
    public void setDisabled(boolean disabled) {
        this.disabled = disabled;
    }

    /**
     * Whether this environment's configuration comes from Git: a computed folder (a GitOps Environment Folder)
     * creates and updates it, so its configuration page is read-only and {@code config.xml} cannot be posted;
     * pausing, resuming and syncing stay available.
     */
    public boolean isGenerated() {
        return getParent() instanceof ComputedFolder;
    }

    /** Refuses a change of configuration that Git would undo at the next computation: 403 with the reason. */
    private void refuseIfGenerated() {
        if (isGenerated()) {
            throw HttpResponses.errorWithoutStack(403,
                    Messages.GitOpsEnvironment_generated(((Item) getParent()).getFullDisplayName()));
        }
    }

    @Override
    public void updateByXml(Source source) throws IOException {
        refuseIfGenerated();
        super.updateByXml(source);
    }


    // ---------------------------------------------------------------- automatic sync pause

    /** Why automatic sync is held back, or {@code null} when it is not. */
    @CheckForNull
    @Exported(inline = true)
    public AutomationPause getAutomationPause() {
        return automationPause;
    }

    public boolean isAutomationPaused() {
        return automationPause != null;
    }

    /** Whether a periodic check may sync now: automatic sync is on and not paused. */
    public boolean isAutomatedNow() {
        return isAutomated() && automationPause == null;
    }

    /** Holds automatic sync back until {@link #resumeAutomation()}; saved with the configuration. */
    public void pauseAutomation(@NonNull AutomationPause pause) throws IOException {
        automationPause = pause;
        save();
    }

    /**
     * Lets automatic sync go on, and asks for a check at the reconciler's next run rather than at the end of the
     * interval (as Argo CD reconciles when automated sync is switched on): it syncs if Git and the cluster differ.
     */
    void resumeAutomation() throws IOException {
        automationPause = null;
        save();
        requestCheck(Instant.now());
    }

    /** "Pause automatic sync": needs Item.BUILD (as "Sync now"), and POST. */
    @RequirePOST
    public HttpResponse doPauseAutomation() throws IOException {
        checkPermission(BUILD);
        if (automationPause == null) {
            pauseAutomation(AutomationPause.byUser(currentUserId(), Instant.now()));
        }
        return HttpResponses.redirectTo(".");
    }

    /** "Resume automatic sync": needs Item.BUILD, and POST. */
    @RequirePOST
    public HttpResponse doResumeAutomation() throws IOException {
        checkPermission(BUILD);
        if (automationPause != null) {
            resumeAutomation();
        }
        return HttpResponses.redirectTo(".");
    }

    public static String currentUserId() {
        User user = User.current();
        return user == null ? ACL.ANONYMOUS_USERNAME : user.getId();
    }

    // ---------------------------------------------------------------- current drift

    /**
     * The API server this environment syncs to: the configured URL, else the one the last check reached (the
     * kubeconfig's), else empty.
     */
    public String getTargetServer() {
        String configured = getServerUrl();
        if (configured != null) {
            return configured;
        }
        String reached = getStatus().getServer();
        return reached == null ? "" : reached;
    }

    /**
     * The deployment policies in force for this environment, one line each: the global one, then each enclosing
     * folder's from the outermost in. Every one must allow what a sync writes. Allowed credential IDs are named
     * only to those who may configure the environment.
     */
    public List<String> getDeploymentPolicies() {
        return DeploymentPolicies.of(this, GitOpsConfiguration.get()).describe(hasPermission(CONFIGURE));
    }

    /** The report of the last check or sync, or {@code null} before the first (or when it cannot be read). */
    @CheckForNull
    public SyncReport getLastReport() {
        return observations().lastReport();
    }

    /**
     * The objects that differ from Git or are unhealthy according to the last check or sync, with their
     * diffs: the "current drift" of the environment page. Read from the stored report, never from the cluster.
     */
    public List<DriftReportRow> getCurrentDrift() {
        return observations().currentDrift();
    }

    /** The drift trend laid out for the environment page; {@code null} until there are two samples to join. */
    @CheckForNull
    public TrendPlot getTrendPlot() {
        return observations().trendPlot();
    }

    /** What the last check or sync saw; {@link EnvironmentStatus#NEVER_CHECKED} before the first. */
    @NonNull
    @Exported(inline = true)
    public EnvironmentStatus getStatus() {
        return observations().status();
    }

    /**
     * What checks and syncs of this environment observed, kept in files beside {@code config.xml}; see
     * {@link EnvironmentObservations} for recording a check, a sync or a push.
     */
    @NonNull
    public EnvironmentObservations observations() {
        EnvironmentObservations current = observations;
        if (current == null) {
            synchronized (this) {
                current = observations;
                if (current == null) {
                    current = new EnvironmentObservations(this);
                    observations = current;
                }
            }
        }
        return current;
    }

    /** As {@link EnvironmentObservations#observed}. */
    public EnvironmentStatus observed(@NonNull EnvironmentReconcile.Outcome outcome, @CheckForNull SyncReport report,
            @NonNull Instant when, boolean sync) {
        return observations().observed(outcome, report, when, sync);
    }

    /** As {@link EnvironmentObservations#updateStatus}. */
    public void updateStatus(@NonNull EnvironmentStatus newStatus) {
        observations().updateStatus(newStatus);
    }

    /** As {@link EnvironmentObservations#requestCheck}. */
    @Restricted(NoExternalUse.class) // for the push endpoint, gitopsStatus(commit:) and resuming automatic sync
    public void requestCheck(@NonNull Instant when) {
        observations().requestCheck(when);
    }

    /** As {@link EnvironmentObservations#completeCheck}. */
    public void completeCheck(@NonNull EnvironmentStatus newStatus, @CheckForNull Instant answered) {
        observations().completeCheck(newStatus, answered);
    }

    /** Whether this environment was deleted (or replaced) while a check or sync of it was running. */
    boolean isDeleted() {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        if (jenkins == null) {
            return false;
        }
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            return jenkins.getItemByFullName(getFullName(), GitOpsEnvironment.class) != this;
        }
    }

    // ---------------------------------------------------------------- builds

    /**
     * Queues a sync with {@code cause}; while one is queued, the cause joins it (there is never more than one
     * queued sync per environment).
     *
     * @return the queue item, or {@code null} when the environment is disabled
     */
    @CheckForNull
    public Queue.Item scheduleSync(@NonNull SyncCause cause) {
        return scheduleSync(cause, null);
    }

    /**
     * Queues a sync with {@code cause} that uses {@code overrides} instead of the configured revision or prune
     * setting. A request with overrides joins only a queued sync with the same overrides ({@link SyncOverrides}).
     *
     * @param overrides what to use instead of the configuration; {@code null} or empty for nothing
     * @return the queue item (new or joined), or {@code null} when the environment is disabled
     */
    @CheckForNull
    public Queue.Item scheduleSync(@NonNull SyncCause cause, @CheckForNull SyncOverrides overrides) {
        if (!isBuildable()) {
            return null;
        }
        List<Action> actions = overrides == null || overrides.isEmpty()
                ? List.of(new CauseAction(cause))
                : List.of(new CauseAction(cause), overrides);
        return Jenkins.get().getQueue().schedule2(this, 0, actions).getItem();
    }

    /** "Sync now": needs Item.BUILD, and POST. */
    @RequirePOST
    public HttpResponse doSyncNow() {
        checkPermission(BUILD);
        if (scheduleSync(SyncCause.user(currentUserId())) == null) {
            return HttpResponses.errorWithoutStack(409, Messages.GitOpsEnvironment_syncNow_disabled(getFullDisplayName()));
        }
        return HttpResponses.redirectTo(".");
    }

    /**
     * "Preview sync": a build that compares Git with the cluster and records what a sync would change (server
     * side, nothing written), with its drift report. Needs Item.BUILD, and POST.
     */
    @RequirePOST
    public HttpResponse doPreviewSync() {
        checkPermission(BUILD);
        if (scheduleSync(SyncCause.preview(currentUserId())) == null) {
            return HttpResponses.errorWithoutStack(409, Messages.GitOpsEnvironment_syncNow_disabled(getFullDisplayName()));
        }
        return HttpResponses.redirectTo(".");
    }

    @Override
    public boolean isBuildable() {
        return !isDisabled();
    }

    @Override
    public CauseOfBlockage getCauseOfBlockage() {
        if (isLogUpdated()) {
            SyncRun lastBuild = getLastBuild();
            if (lastBuild != null) {
                return new BlockedBecauseOfBuildInProgress(lastBuild);
            }
        }
        return null;
    }

    @Override
    public boolean isConcurrentBuild() {
        return false;
    }

    @Override
    public SyncRun createExecutable() throws IOException {
        return buildMixIn.newBuild();
    }

    @Override
    public Label getAssignedLabel() {
        return Jenkins.get().getSelfLabel();
    }

    @Override
    public Node getLastBuiltOn() {
        return Jenkins.get();
    }

    @Override
    public BallColor getIconColor() {
        if (isDisabled()) {
            return isBuilding() ? BallColor.DISABLED_ANIME : BallColor.DISABLED;
        }
        return super.getIconColor();
    }

    @Override
    public LazyBuildMixIn<GitOpsEnvironment, SyncRun> getLazyBuildMixIn() {
        return buildMixIn;
    }

    @Override
    protected RunMap<SyncRun> _getRuns() {
        return buildMixIn._getRuns();
    }

    @Override
    protected void removeRun(SyncRun run) {
        buildMixIn.removeRun(run);
    }

    @Override
    public SyncRun getBuildByNumber(int n) {
        return buildMixIn.getBuildByNumber(n);
    }

    @Override
    public SyncRun getFirstBuild() {
        return buildMixIn.getFirstBuild();
    }

    @Override
    public SyncRun getLastBuild() {
        return buildMixIn.getLastBuild();
    }

    @Override
    public SyncRun getNearestBuild(int n) {
        return buildMixIn.getNearestBuild(n);
    }

    @Override
    public SyncRun getNearestOldBuild(int n) {
        return buildMixIn.getNearestOldBuild(n);
    }

    @Override
    protected HistoryWidget createHistoryWidget() {
        return buildMixIn.createHistoryWidget();
    }

    @Override
    protected List<SyncRun> getEstimatedDurationCandidates() {
        return buildMixIn.getEstimatedDurationCandidates();
    }

    @Override
    public String getPronoun() {
        return AlternativeUiTextProvider.get(PRONOUN, this, Messages.GitOpsEnvironment_pronoun());
    }

    @Override
    public GitOpsEnvironmentDescriptor getDescriptor() {
        return (GitOpsEnvironmentDescriptor) Jenkins.get().getDescriptorOrDie(GitOpsEnvironment.class);
    }
}
