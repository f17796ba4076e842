package io.jenkins.plugins.gitops;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.XmlFile;
import hudson.model.Action;
import hudson.model.BallColor;
import hudson.model.CauseAction;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Items;
import hudson.model.Job;
import hudson.model.Label;
import hudson.model.Node;
import hudson.model.Queue;
import hudson.model.RunMap;
import hudson.model.TopLevelItem;
import hudson.model.TopLevelItemDescriptor;
import hudson.model.User;
import hudson.model.queue.CauseOfBlockage;
import hudson.security.ACL;
import hudson.tasks.LogRotator;
import hudson.security.ACLContext;
import hudson.util.AlternativeUiTextProvider;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.widgets.HistoryWidget;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.diff.IgnoreRule;
import io.jenkins.plugins.gitops.engine.render.RendererKind;
import io.jenkins.plugins.gitops.engine.report.ReportObject;
import io.jenkins.plugins.gitops.engine.report.SyncReport;
import io.jenkins.plugins.gitops.engine.view.SyncStatus;
import io.jenkins.plugins.gitops.engine.view.TrendPlot;
import io.jenkins.plugins.gitops.engine.view.TrendPoint;
import io.jenkins.plugins.gitops.engine.source.GitCredentials;
import io.jenkins.plugins.gitops.engine.source.GitSource;
import io.jenkins.plugins.gitops.engine.source.SourceException;
import io.jenkins.plugins.gitops.engine.source.SourceRequest;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import io.jenkins.plugins.gitops.engine.sync.CheckSchedule;
import io.jenkins.plugins.gitops.engine.sync.SyncPolicy;
import jakarta.servlet.ServletException;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.BlockedBecauseOfBuildInProgress;
import jenkins.model.Jenkins;
import jenkins.model.item_category.StandaloneProjectsCategory;
import jenkins.model.lazy.LazyBuildMixIn;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
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
 * <p>Created from "New Item", at the top level or in folders. Its settings are set through the
 * configuration page, {@code config.xml} or the {@code @DataBoundSetter}s (the constructor of an item is
 * Jenkins', so required settings are checked by form validation and, with a message naming the field, when a
 * sync starts). Between builds, its {@link EnvironmentStatus} is kept in {@code gitops-status.xml}.
 */
public final class GitOpsEnvironment extends Job<GitOpsEnvironment, SyncRun>
        implements TopLevelItem, Queue.FlyweightTask, LazyBuildMixIn.LazyLoadingJob<GitOpsEnvironment, SyncRun> {

    private static final Logger LOGGER = Logger.getLogger(GitOpsEnvironment.class.getName());

    static final String STATUS_FILE = "gitops-status.xml";
    static final String DEFAULT_REVISION = "main";
    static final String DEFAULT_NAMESPACE = "default";
    static final int DEFAULT_HEALTH_TIMEOUT_SECONDS = 300;
    /** The default build discarder of a new environment: syncs of the last 30 days, at most 200. */
    static final int DEFAULT_DAYS_TO_KEEP = 30;
    static final int DEFAULT_SYNCS_TO_KEEP = 200;

    // Git source
    private String repositoryUrl = "";
    private String credentialsId;
    private String revision = DEFAULT_REVISION;
    private String path = "";
    private String renderer = RendererKind.AUTO.name();
    private String knownHosts;
    // Cluster
    private String serverUrl;
    private String clusterCredentialsId;
    private String caCertificate;
    private String namespace = DEFAULT_NAMESPACE;
    // Sync policy
    private boolean automated;
    private boolean prune;
    private boolean selfHeal;
    private boolean allowEmpty;
    private boolean forceConflicts;
    private boolean waitForHealth = true;
    private int healthTimeoutSeconds = DEFAULT_HEALTH_TIMEOUT_SECONDS;
    /** Minutes between periodic checks; {@code null} for the global default, 0 for none. */
    private Integer checkIntervalMinutes;
    private String ignoreRules = "";
    private volatile boolean disabled;
    /** Automatic sync held back by a user or a rollback; {@code null} when not paused. */
    private volatile AutomationPause automationPause;

    private transient LazyBuildMixIn<GitOpsEnvironment, SyncRun> buildMixIn;
    private transient volatile EnvironmentStatus status;
    private transient volatile LastObservedReport lastReport;
    private transient volatile DriftTrendStore trend;

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
        super.onLoad(parent, name);
        if (buildMixIn == null) {
            buildMixIn = createBuildMixIn();
        }
        buildMixIn.onLoad(parent, name);
        status = null; // read again from gitops-status.xml on first use
    }

    // ---------------------------------------------------------------- configuration

    @NonNull
    @Exported
    public String getRepositoryUrl() {
        return repositoryUrl == null ? "" : repositoryUrl;
    }

    @DataBoundSetter
    public void setRepositoryUrl(String repositoryUrl) {
        this.repositoryUrl = Util.fixNull(repositoryUrl).trim();
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    @NonNull
    @Exported
    public String getRevision() {
        return revision == null || revision.isBlank() ? DEFAULT_REVISION : revision;
    }

    @DataBoundSetter
    public void setRevision(String revision) {
        String value = Util.fixEmptyAndTrim(revision);
        this.revision = value == null ? DEFAULT_REVISION : value;
    }

    @NonNull
    @Exported
    public String getPath() {
        return path == null ? "" : path;
    }

    @DataBoundSetter
    public void setPath(String path) {
        this.path = Util.fixNull(path).trim();
    }

    /** {@code AUTO}, {@code PLAIN}, {@code KUSTOMIZE} or {@code HELM}. */
    @NonNull
    public String getRenderer() {
        return getRendererKind().name();
    }

    @DataBoundSetter
    public void setRenderer(String renderer) {
        String value = Util.fixEmptyAndTrim(renderer);
        this.renderer = value == null ? RendererKind.AUTO.name() : value.toUpperCase(Locale.ROOT);
    }

    RendererKind getRendererKind() {
        try {
            return renderer == null ? RendererKind.AUTO : RendererKind.valueOf(renderer);
        } catch (IllegalArgumentException e) {
            return RendererKind.AUTO; // doCheckRenderer refuses unknown names; an edited config.xml falls back
        }
    }

    /** OpenSSH {@code known_hosts} lines for SSH repositories. */
    @CheckForNull
    public String getKnownHosts() {
        return knownHosts;
    }

    @DataBoundSetter
    public void setKnownHosts(String knownHosts) {
        this.knownHosts = Util.fixEmptyAndTrim(knownHosts);
    }

    @CheckForNull
    @Exported
    public String getServerUrl() {
        return serverUrl;
    }

    @DataBoundSetter
    public void setServerUrl(String serverUrl) {
        this.serverUrl = Util.fixEmptyAndTrim(serverUrl);
    }

    @CheckForNull
    public String getClusterCredentialsId() {
        return clusterCredentialsId;
    }

    @DataBoundSetter
    public void setClusterCredentialsId(String clusterCredentialsId) {
        this.clusterCredentialsId = Util.fixEmptyAndTrim(clusterCredentialsId);
    }

    /** PEM certificate(s) of the API server's certificate authority, when it is not in the kubeconfig. */
    @CheckForNull
    public String getCaCertificate() {
        return caCertificate;
    }

    @DataBoundSetter
    public void setCaCertificate(String caCertificate) {
        this.caCertificate = Util.fixEmptyAndTrim(caCertificate);
    }

    @NonNull
    @Exported
    public String getNamespace() {
        return namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        String value = Util.fixEmptyAndTrim(namespace);
        this.namespace = value == null ? DEFAULT_NAMESPACE : value;
    }

    @Exported
    public boolean isAutomated() {
        return automated;
    }

    @DataBoundSetter
    public void setAutomated(boolean automated) {
        this.automated = automated;
    }

    @Exported
    public boolean isPrune() {
        return prune;
    }

    @DataBoundSetter
    public void setPrune(boolean prune) {
        this.prune = prune;
    }

    @Exported
    public boolean isSelfHeal() {
        return selfHeal;
    }

    @DataBoundSetter
    public void setSelfHeal(boolean selfHeal) {
        this.selfHeal = selfHeal;
    }

    public boolean isAllowEmpty() {
        return allowEmpty;
    }

    @DataBoundSetter
    public void setAllowEmpty(boolean allowEmpty) {
        this.allowEmpty = allowEmpty;
    }

    public boolean isForceConflicts() {
        return forceConflicts;
    }

    @DataBoundSetter
    public void setForceConflicts(boolean forceConflicts) {
        this.forceConflicts = forceConflicts;
    }

    public boolean isWaitForHealth() {
        return waitForHealth;
    }

    @DataBoundSetter
    public void setWaitForHealth(boolean waitForHealth) {
        this.waitForHealth = waitForHealth;
    }

    public int getHealthTimeoutSeconds() {
        return healthTimeoutSeconds <= 0 ? DEFAULT_HEALTH_TIMEOUT_SECONDS : healthTimeoutSeconds;
    }

    @DataBoundSetter
    public void setHealthTimeoutSeconds(int healthTimeoutSeconds) {
        this.healthTimeoutSeconds = healthTimeoutSeconds <= 0 ? DEFAULT_HEALTH_TIMEOUT_SECONDS : healthTimeoutSeconds;
    }

    /** Minutes between periodic checks as configured here; {@code null} for the global default. */
    @CheckForNull
    public Integer getCheckIntervalMinutes() {
        return checkIntervalMinutes;
    }

    @DataBoundSetter
    public void setCheckIntervalMinutes(Integer checkIntervalMinutes) {
        this.checkIntervalMinutes = checkIntervalMinutes == null ? null : Math.max(0, checkIntervalMinutes);
    }

    /** The interval that applies: this environment's, else the global default. */
    Duration effectiveCheckInterval(GitOpsConfiguration configuration) {
        int minutes = checkIntervalMinutes != null ? checkIntervalMinutes : configuration.getCheckIntervalMinutes();
        return Duration.ofMinutes(minutes);
    }

    /** Fields not compared with Git: one JSON pointer per line ({@code /spec/replicas}). */
    @NonNull
    public String getIgnoreRules() {
        return ignoreRules == null ? "" : ignoreRules;
    }

    @DataBoundSetter
    public void setIgnoreRules(String ignoreRules) {
        this.ignoreRules = Util.fixNull(ignoreRules).strip();
    }

    public boolean isDisabled() {
        return disabled;
    }

    @DataBoundSetter
    public void setDisabled(boolean disabled) {
        this.disabled = disabled;
    }

    /** The engine's policy for this environment. */
    SyncPolicy toSyncPolicy(String fieldManager) {
        return SyncPolicy.defaults()
                .withPrune(prune)
                .withAllowEmpty(allowEmpty)
                .withForceConflicts(forceConflicts)
                .withWaitForHealth(waitForHealth, Duration.ofSeconds(getHealthTimeoutSeconds()))
                .withFieldManager(fieldManager);
    }

    /**
     * The engine's ignore rules, one per non-blank line.
     *
     * @throws IllegalArgumentException naming the line when a pointer is malformed
     */
    List<IgnoreRule> toIgnoreRules() {
        return parseIgnoreRules(getIgnoreRules());
    }

    static List<IgnoreRule> parseIgnoreRules(String text) {
        List<IgnoreRule> rules = new ArrayList<>();
        String[] lines = Util.fixNull(text).split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                rules.add(IgnoreRule.pointers(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(Messages.GitOpsEnvironment_ignoreRules_invalid(i + 1, line, e.getMessage()), e);
            }
        }
        return rules;
    }

    @Override
    protected void submit(StaplerRequest2 req, StaplerResponse2 rsp)
            throws IOException, ServletException, Descriptor.FormException {
        super.submit(req, rsp);
        JSONObject json = req.getSubmittedForm();
        setRepositoryUrl(json.optString("repositoryUrl"));
        setCredentialsId(json.optString("credentialsId"));
        setRevision(json.optString("revision"));
        setPath(json.optString("path"));
        setRenderer(json.optString("renderer"));
        setKnownHosts(json.optString("knownHosts"));
        setServerUrl(json.optString("serverUrl"));
        setClusterCredentialsId(json.optString("clusterCredentialsId"));
        setCaCertificate(json.optString("caCertificate"));
        setNamespace(json.optString("namespace"));
        setAutomated(json.optBoolean("automated"));
        setPrune(json.optBoolean("prune"));
        setSelfHeal(json.optBoolean("selfHeal"));
        setAllowEmpty(json.optBoolean("allowEmpty"));
        setForceConflicts(json.optBoolean("forceConflicts"));
        setWaitForHealth(json.optBoolean("waitForHealth"));
        setHealthTimeoutSeconds(json.optInt("healthTimeoutSeconds", DEFAULT_HEALTH_TIMEOUT_SECONDS));
        String interval = Util.fixEmptyAndTrim(json.optString("checkIntervalMinutes"));
        try {
            setCheckIntervalMinutes(interval == null ? null : Integer.valueOf(interval));
        } catch (NumberFormatException e) {
            throw new Descriptor.FormException(Messages.GitOpsConfiguration_number_invalid(interval), e, "checkIntervalMinutes");
        }
        String rules = json.optString("ignoreRules");
        try {
            parseIgnoreRules(rules);
        } catch (IllegalArgumentException e) {
            throw new Descriptor.FormException(e.getMessage(), e, "ignoreRules");
        }
        setIgnoreRules(rules);
        if (json.has("enable")) {
            setDisabled(!json.optBoolean("enable"));
        }
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
        return automated && automationPause == null;
    }

    /** Holds automatic sync back until {@link #resumeAutomation()}; saved with the configuration. */
    void pauseAutomation(@NonNull AutomationPause pause) throws IOException {
        automationPause = pause;
        save();
    }

    /** Lets automatic sync go on; the next check syncs if Git and the cluster differ. */
    void resumeAutomation() throws IOException {
        automationPause = null;
        save();
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

    static String currentUserId() {
        User user = User.current();
        return user == null ? ACL.ANONYMOUS_USERNAME : user.getId();
    }

    // ---------------------------------------------------------------- current drift

    /**
     * The API server this environment syncs to: the configured URL, else the one the last check reached (the
     * kubeconfig's), else empty.
     */
    public String getTargetServer() {
        if (serverUrl != null) {
            return serverUrl;
        }
        String reached = getStatus().getServer();
        return reached == null ? "" : reached;
    }

    /** The report of the last check or sync, or {@code null} before the first (or when it cannot be read). */
    @CheckForNull
    public SyncReport getLastReport() {
        return lastReportStore().read();
    }

    /**
     * The objects that differ from Git or are unhealthy according to the last check or sync, with their
     * diffs: the "current drift" of the environment page. Read from the stored report, never from the cluster.
     */
    public List<DriftReportRow> getCurrentDrift() {
        SyncReport report = getLastReport();
        if (report == null) {
            return List.of();
        }
        Set<ReportObject> objects = new LinkedHashSet<>(report.outOfSync());
        objects.addAll(report.unhealthy());
        return objects.stream().map(object -> new DriftReportRow(object, report)).toList();
    }

    private LastObservedReport lastReportStore() {
        LastObservedReport store = lastReport;
        File dir = getRootDir();
        if (store == null || !store.isIn(dir)) {
            store = new LastObservedReport(dir);
            lastReport = store;
        }
        return store;
    }

    /**
     * Records what a check or sync saw: keeps its report for the environment page and returns the status it
     * leads to (with the counts of objects out of sync and unhealthy), for the caller to store.
     *
     * @param report the report of {@code outcome} ({@link EnvironmentReconcile.Outcome#report()}); {@code null}
     *     when the reconcile stopped before the cluster
     */
    EnvironmentStatus observed(@NonNull EnvironmentReconcile.Outcome outcome, @CheckForNull SyncReport report,
            @NonNull Instant when, boolean sync) {
        EnvironmentStatus next = EnvironmentStatus.of(when, outcome.observation(),
                outcome.commit() == null ? null : outcome.commit().abbreviatedSha(),
                outcome.commit() == null ? null : outcome.commit().subject());
        if (isDeleted()) {
            return next; // deleted while the check ran: nothing is written into a folder that is gone
        }
        if (report == null) {
            // Git or rendering failed: the cluster was not compared; the last comparison stays on the page.
            EnvironmentStatus previous = getStatus();
            next = next.withObjectCounts(previous.getOutOfSyncObjects(), previous.getUnhealthyObjects())
                    .withServer(previous.getServer());
        } else {
            lastReportStore().write(report);
            next = next.withObjectCounts(report.outOfSync().size(), report.unhealthy().size())
                    .withServer(report.summary().target().server());
        }
        trendStore().append(trendPointOf(next, when, sync));
        return next;
    }

    private static TrendPoint trendPointOf(EnvironmentStatus status, Instant when, boolean sync) {
        String revision = Util.fixNull(status.getAbbreviatedCommit());
        SyncStatus syncStatus = SyncStatus.valueOf(status.getSyncStatus().name());
        return sync
                ? TrendPoint.sync(when, revision, status.getOutOfSyncObjects(), status.getUnhealthyObjects(), syncStatus,
                        status.getHealth())
                : TrendPoint.check(when, revision, status.getOutOfSyncObjects(), status.getUnhealthyObjects(),
                        syncStatus, status.getHealth());
    }

    /** How many of the newest trend points the environment page draws. */
    static final int TREND_POINTS_SHOWN = 100;

    /** The drift trend laid out for the environment page; {@code null} until there are two samples to join. */
    @CheckForNull
    public TrendPlot getTrendPlot() {
        return TrendPlot.of(trendStore().read().chart(TREND_POINTS_SHOWN), 720, 180);
    }

    private DriftTrendStore trendStore() {
        DriftTrendStore store = trend;
        File dir = getRootDir();
        if (store == null || !store.isIn(dir)) {
            store = new DriftTrendStore(dir);
            trend = store;
        }
        return store;
    }

    // ---------------------------------------------------------------- status

    /** What the last check or sync saw; {@link EnvironmentStatus#NEVER_CHECKED} before the first. */
    @NonNull
    @Exported(inline = true)
    public EnvironmentStatus getStatus() {
        EnvironmentStatus current = status;
        if (current == null) {
            synchronized (this) {
                current = status;
                if (current == null) {
                    current = readStatus();
                    status = current;
                }
            }
        }
        return current;
    }

    private EnvironmentStatus readStatus() {
        XmlFile file = statusFile();
        if (!file.exists()) {
            return EnvironmentStatus.NEVER_CHECKED;
        }
        try {
            Object read = file.read();
            if (read instanceof EnvironmentStatus loaded) {
                return loaded;
            }
            LOGGER.warning(() -> file + " does not hold an environment status; starting from none");
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Cannot read " + file + "; starting from no status", e);
        }
        return EnvironmentStatus.NEVER_CHECKED;
    }

    /**
     * Replaces the status and saves it; a failure to save is logged, the status in memory is still updated. A
     * pending check request ({@link #requestCheck}) is kept: only a check answers it ({@link #completeCheck}).
     */
    void updateStatus(@NonNull EnvironmentStatus newStatus) {
        synchronized (this) {
            EnvironmentStatus previous = getStatus();
            writeStatus(keepLastSync(newStatus, previous).withCheckRequested(previous.getCheckRequested()));
        }
    }

    /** A check does not know when the last sync was: the status it replaces does. */
    private static EnvironmentStatus keepLastSync(EnvironmentStatus newStatus, EnvironmentStatus previous) {
        return newStatus.getLastSync() == null ? newStatus.withLastSyncOf(previous) : newStatus;
    }

    /**
     * Asks for a check at the reconciler's next run (a push notification): the request is kept in the status
     * until a check that started after it has finished.
     */
    @Restricted(NoExternalUse.class) // for the push endpoint and gitopsStatus(commit:)
    public void requestCheck(@NonNull Instant when) {
        synchronized (this) {
            writeStatus(getStatus().withCheckRequested(when));
        }
    }

    /**
     * Replaces the status after a check that started while {@code answered} was the pending request; a request
     * made while the check ran stays pending (the engine's {@link CheckSchedule#requestAfterCheck}).
     */
    void completeCheck(@NonNull EnvironmentStatus newStatus, @CheckForNull Instant answered) {
        synchronized (this) {
            EnvironmentStatus previous = getStatus();
            writeStatus(keepLastSync(newStatus, previous).withCheckRequested(
                    CheckSchedule.requestAfterCheck(answered, previous.getCheckRequested())));
        }
    }

    private void writeStatus(EnvironmentStatus newStatus) {
        status = newStatus;
        if (isDeleted()) {
            return; // a check that ends after the environment was deleted must not recreate its folder
        }
        try {
            statusFile().write(newStatus);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Cannot save the status of " + getFullName() + " to " + statusFile(), e);
        }
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

    private XmlFile statusFile() {
        return new XmlFile(Items.XSTREAM2, new File(getRootDir(), STATUS_FILE));
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
    public DescriptorImpl getDescriptor() {
        return (DescriptorImpl) Jenkins.get().getDescriptorOrDie(GitOpsEnvironment.class);
    }

    /** "GitOps Environment" in New Item, with its validation, credentials lists and connection tests. */
    @Extension
    @Symbol("gitopsEnvironment")
    public static final class DescriptorImpl extends TopLevelItemDescriptor {

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
                return FormValidation.ok(Messages.GitOpsEnvironment_revision_default(DEFAULT_REVISION));
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
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.error(Messages.ClusterCredentialsLookup_noCredentials());
            }
            return FormValidation.ok();
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
                return FormValidation.ok(Messages.GitOpsEnvironment_namespace_default(DEFAULT_NAMESPACE));
            }
            if (namespace.length() > 63 || !namespace.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
                return FormValidation.error(Messages.GitOpsEnvironment_namespace_invalid(namespace));
            }
            return FormValidation.ok();
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
        public FormValidation doCheckIgnoreRules(@AncestorInPath Item item, @QueryParameter String value) {
            if (!mayConfigure(item)) {
                return FormValidation.ok();
            }
            try {
                parseIgnoreRules(value);
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
            String url = Util.fixEmptyAndTrim(repositoryUrl);
            if (url == null) {
                return FormValidation.error(Messages.GitOpsEnvironment_repositoryUrl_required());
            }
            String rev = Util.fixEmptyAndTrim(revision) == null ? DEFAULT_REVISION : revision.trim();
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
            ClusterCredentialsLookup.Access access;
            try {
                access = ClusterCredentialsLookup.resolve(item, serverUrl, clusterCredentialsId, caCertificate, null);
            } catch (AbortException e) {
                return FormValidation.error(e.getMessage());
            }
            String server = access.config().getMasterUrl();
            String ns = Util.fixEmptyAndTrim(namespace) == null ? DEFAULT_NAMESPACE : namespace.trim();
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

        private static boolean isSsh(String url) {
            String value = Util.fixNull(url).trim();
            return value.startsWith("ssh://") || value.matches("^[\\w.-]+@[\\w.-]+:.*");
        }
    }
}
