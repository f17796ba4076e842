package io.jenkins.plugins.gitops.folder;

import com.cloudbees.hudson.plugins.folder.AbstractFolderDescriptor;
import com.cloudbees.hudson.plugins.folder.computed.ChildObserver;
import com.cloudbees.hudson.plugins.folder.computed.ComputedFolder;
import com.cloudbees.hudson.plugins.folder.computed.PeriodicFolderTrigger;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.XmlFile;
import hudson.model.CauseAction;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.TaskListener;
import hudson.model.TopLevelItem;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.engine.declare.DeclarationError;
import io.jenkins.plugins.gitops.engine.declare.DeclarationException;
import io.jenkins.plugins.gitops.engine.declare.EnvironmentDeclaration;
import io.jenkins.plugins.gitops.engine.declare.EnvironmentGenerator;
import io.jenkins.plugins.gitops.engine.declare.GenerationResult;
import io.jenkins.plugins.gitops.engine.source.GitCredentials;
import io.jenkins.plugins.gitops.engine.source.GitSource;
import io.jenkins.plugins.gitops.engine.source.RepositoryUrls;
import io.jenkins.plugins.gitops.engine.source.SourceRequest;
import io.jenkins.plugins.gitops.engine.source.UrlRedaction;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.reconcile.GitCredentialsLookup;
import io.jenkins.plugins.gitops.reconcile.LocalRepositories;
import io.jenkins.plugins.gitops.web.GitOpsDashboard;
import jakarta.servlet.ServletException;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.POST;

/**
 * A GitOps Environment Folder: a computed folder whose environments are declared in a Git repository, one per
 * matching folder ({@link GitDirectoriesGenerator}) or per declaration file ({@link GitFilesGenerator}).
 *
 * <p>A computation (a push to the repository, the periodic trigger, "Scan now" or a configuration change) reads the
 * repository at the folder's revision, creates the environments that are new, updates those whose declaration
 * changed and orphans those no longer declared ({@link EnvironmentOrphanStrategy}: disabled and kept by default). A
 * source that cannot be read (a malformed file, a name declared twice) fails alone: its environment is left as it
 * was, and so is every environment when the repository could not be read as a whole.
 *
 * <p>The environments' configuration is Git's: their configuration page is read-only, while pausing, resuming and
 * syncing stay available. The folder's deployment policy ({@code FolderDeploymentPolicy}) applies to every
 * environment it holds, as for any folder.
 */
public class GitOpsEnvironmentFolder extends ComputedFolder<GitOpsEnvironment> {

    private static final Logger LOGGER = Logger.getLogger(GitOpsEnvironmentFolder.class.getName());

    static final String DEFAULT_REVISION = "main";
    /** How often a new folder computes when no push arrives; a push computes at once. */
    static final String DEFAULT_INTERVAL = "5m";
    static final String SUMMARY_FILE = "gitops-computation.xml";

    private String repositoryUrl = "";
    @CheckForNull
    private String credentialsId;
    private String revision = DEFAULT_REVISION;
    @CheckForNull
    private String knownHosts;
    @CheckForNull
    private EnvironmentGeneratorSettings generator;
    @CheckForNull
    private EnvironmentTemplateSettings template;

    private transient volatile ComputationSummary summary;

    public GitOpsEnvironmentFolder(ItemGroup parent, String name) {
        super(parent, name);
    }

    /** Environments that Git no longer declares are disabled and kept unless this folder's strategy says otherwise. */
    @Override
    protected void init() {
        super.init();
        if (!(getOrphanedItemStrategy() instanceof EnvironmentOrphanStrategy)) {
            setOrphanedItemStrategy(new EnvironmentOrphanStrategy());
        }
    }

    @Override
    public void onCreatedFromScratch() {
        super.onCreatedFromScratch();
        addTrigger(new PeriodicFolderTrigger(DEFAULT_INTERVAL));
    }

    // ---------------------------------------------------------------- configuration

    @NonNull
    public String getRepositoryUrl() {
        return repositoryUrl == null ? "" : repositoryUrl;
    }

    public void setRepositoryUrl(String repositoryUrl) {
        this.repositoryUrl = Util.fixNull(repositoryUrl).trim();
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    @NonNull
    public String getRevision() {
        return revision == null ? DEFAULT_REVISION : revision;
    }

    public void setRevision(@CheckForNull String revision) {
        String value = Util.fixEmptyAndTrim(revision);
        this.revision = value == null ? DEFAULT_REVISION : value;
    }

    @CheckForNull
    public String getKnownHosts() {
        return knownHosts;
    }

    public void setKnownHosts(@CheckForNull String knownHosts) {
        this.knownHosts = Util.fixEmptyAndTrim(knownHosts);
    }

    @CheckForNull
    public EnvironmentGeneratorSettings getGenerator() {
        return generator;
    }

    public void setGenerator(@CheckForNull EnvironmentGeneratorSettings generator) {
        this.generator = generator;
    }

    @NonNull
    public EnvironmentTemplateSettings getTemplate() {
        return template == null ? new EnvironmentTemplateSettings() : template;
    }

    public void setTemplate(@CheckForNull EnvironmentTemplateSettings template) {
        this.template = template;
    }

    @Override
    protected void submit(StaplerRequest2 req, StaplerResponse2 rsp)
            throws IOException, ServletException, Descriptor.FormException {
        super.submit(req, rsp);
        JSONObject json = req.getSubmittedForm();
        setRepositoryUrl(json.optString("repositoryUrl"));
        setCredentialsId(json.optString("credentialsId"));
        setRevision(json.optString("revision"));
        setKnownHosts(json.optString("knownHosts"));
        JSONObject generatorJson = json.optJSONObject("generator");
        setGenerator(generatorJson == null || generatorJson.isNullObject() ? null
                : req.bindJSON(EnvironmentGeneratorSettings.class, generatorJson));
        JSONObject templateJson = json.optJSONObject("template");
        setTemplate(templateJson == null || templateJson.isNullObject() ? null
                : req.bindJSON(EnvironmentTemplateSettings.class, templateJson));
        if (!(getOrphanedItemStrategy() instanceof EnvironmentOrphanStrategy)) {
            setOrphanedItemStrategy(new EnvironmentOrphanStrategy());
        }
        recalculateAfterSubmitted(true);
    }

    // ---------------------------------------------------------------- computation

    @Override
    protected void computeChildren(ChildObserver<GitOpsEnvironment> observer, TaskListener listener)
            throws IOException, InterruptedException {
        PrintStream log = listener.getLogger();
        GenerationResult result = readDeclarations(log);
        for (DeclarationError error : result.errors()) {
            listener.error(error.toString());
        }
        log.println("Found " + result.environments().size() + " environment"
                + (result.environments().size() == 1 ? "" : "s") + " in " + result.description());
        for (EnvironmentDeclaration declaration : result.environments()) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            apply(declaration, result.description(), observer, log);
        }
        keepWhatCouldNotBeRead(result, observer, log);
        recordSummary(ComputationSummary.of(result, System.currentTimeMillis()));
        if (result.hasErrors()) {
            log.println(result.errors().size() + " problem" + (result.errors().size() == 1 ? "" : "s")
                    + " above; the environments they concern were left as they were");
        }
    }

    /** Reads the declarations; a folder that cannot be read gives an incomplete result with the reason. */
    private GenerationResult readDeclarations(PrintStream log) {
        String url = getRepositoryUrl();
        if (url.isEmpty()) {
            return GenerationResult.failed("", new DeclarationError("", 0, Messages.GitOpsEnvironmentFolder_noRepository()));
        }
        if (LocalRepositories.isRefused(url)) {
            return GenerationResult.failed(UrlRedaction.redact(url), new DeclarationError("", 0, LocalRepositories.refusal(url)));
        }
        EnvironmentGeneratorSettings current = generator; // read once: a configuration save may replace it
        if (current == null) {
            return GenerationResult.failed(UrlRedaction.redact(url),
                    new DeclarationError("", 0, Messages.GitOpsEnvironmentFolder_noGenerator()));
        }
        try {
            EnvironmentGenerator engine = current.toEngine(getTemplate().toEngine(url, getRevision(), credentialsId));
            GitCredentials credentials = GitCredentialsLookup.resolve(this, url, credentialsId, knownHosts, null);
            log.println("Reading " + UrlRedaction.redact(url) + " at " + getRevision() + ": "
                    + current.getDescriptor().getDisplayName() + " " + current.getPattern());
            return engine.generate(new GitSource(GitOpsConfiguration.get().getRepositoryCache()),
                    new SourceRequest(url, credentials, getRevision(), ""));
        } catch (DeclarationException | AbortException e) {
            return GenerationResult.failed(UrlRedaction.redact(url), new DeclarationError("", 0, e.getMessage()));
        }
    }

    private void apply(EnvironmentDeclaration declaration, String commit, ChildObserver<GitOpsEnvironment> observer,
            PrintStream log) throws IOException, InterruptedException {
        String name = declaration.name();
        GitOpsEnvironment existing = observer.shouldUpdate(name);
        try {
            if (existing != null) {
                DeclaredEnvironment.Change change =
                        DeclaredEnvironment.applyTo(existing, declaration, commit, knownHostsFor(declaration));
                if (change != DeclaredEnvironment.Change.NONE) {
                    existing.save();
                }
                if (change == DeclaredEnvironment.Change.SETTINGS) {
                    log.println("Updated " + name + " from " + declaration.location());
                    existing.requestCheck(Instant.now());
                }
            } else if (observer.mayCreate(name)) {
                GitOpsEnvironment created = new GitOpsEnvironment(this, name);
                DeclaredEnvironment.applyTo(created, declaration, commit, knownHostsFor(declaration));
                observer.created(created);
                log.println("Created " + name + " from " + declaration.location());
                created.requestCheck(Instant.now());
            }
        } finally {
            observer.completed(name);
        }
    }

    /** The folder's known hosts serve the environments that read the folder's own repository. */
    @CheckForNull
    private String knownHostsFor(EnvironmentDeclaration declaration) {
        return RepositoryUrls.sameRepository(declaration.settings().repositoryUrl(), getRepositoryUrl()) ? knownHosts : null;
    }

    /**
     * Observes, without changing them, the environments whose declaration could not be read, and all of them when
     * the repository could not be read as a whole: absence of a declaration that could not be read proves nothing.
     */
    private void keepWhatCouldNotBeRead(GenerationResult result, ChildObserver<GitOpsEnvironment> observer,
            PrintStream log) throws InterruptedException {
        Set<String> observed = observer.observed();
        for (GitOpsEnvironment environment : new ArrayList<>(items.values())) {
            String name = environment.getName();
            if (observed.contains(name)) {
                continue;
            }
            DeclaredEnvironment declared = DeclaredEnvironment.of(environment);
            boolean failed = declared != null && result.isFailed(declared.getSource());
            if (!result.complete() || failed) {
                observer.shouldUpdate(name);
                observer.completed(name);
                log.println("Left " + name + " as it was: " + (failed ? "its declaration " + declared.getSource()
                        + " has errors" : "the repository could not be read as a whole"));
            }
        }
    }

    /** Disables every orphaned environment, then lets the orphan strategy pick those to delete. */
    @Override
    protected Collection<GitOpsEnvironment> orphanedItems(Collection<GitOpsEnvironment> orphaned, TaskListener listener)
            throws IOException, InterruptedException {
        long now = System.currentTimeMillis();
        for (GitOpsEnvironment environment : orphaned) {
            DeclaredEnvironment declared = DeclaredEnvironment.of(environment);
            boolean first = declared == null || !declared.isOrphaned();
            DeclaredEnvironment.markOrphaned(environment, now);
            if (first) {
                listener.getLogger().println("Disabled " + environment.getName() + ": "
                        + (declared == null ? "not declared" : declared.getSource() + " no longer declares it"));
            }
        }
        return getOrphanedItemStrategy().orphanedItems(this, orphaned, listener);
    }

    // ---------------------------------------------------------------- page

    /** What the last computation found, or null before the first one. */
    @CheckForNull
    public ComputationSummary getSummary() {
        ComputationSummary current = summary;
        if (current == null) {
            XmlFile file = summaryFile();
            if (file.exists()) {
                try {
                    current = (ComputationSummary) file.read();
                    summary = current;
                } catch (IOException | ClassCastException e) {
                    LOGGER.log(Level.WARNING, "Cannot read " + file + "; the next computation writes it again", e);
                }
            }
        }
        return current;
    }

    private void recordSummary(ComputationSummary computed) {
        summary = computed;
        try {
            summaryFile().write(computed);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Cannot write " + summaryFile(), e);
        }
    }

    private XmlFile summaryFile() {
        return new XmlFile(new File(getRootDir(), SUMMARY_FILE));
    }

    /** One row per environment the user may see: the dashboard's, with where Git declares it. */
    @NonNull
    public List<EnvironmentRow> getEnvironmentRows() {
        List<EnvironmentRow> rows = new ArrayList<>();
        for (GitOpsEnvironment environment : getItems()) {
            if (environment.hasPermission(Item.READ)) {
                rows.add(new EnvironmentRow(GitOpsDashboard.entryOf(environment), DeclaredEnvironment.of(environment)));
            }
        }
        return rows;
    }

    /** An environment's dashboard row and its declaration, for the folder page. */
    public static final class EnvironmentRow {
        private final GitOpsDashboard.Entry entry;
        @CheckForNull
        private final DeclaredEnvironment declared;

        EnvironmentRow(GitOpsDashboard.Entry entry, @CheckForNull DeclaredEnvironment declared) {
            this.entry = entry;
            this.declared = declared;
        }

        public GitOpsDashboard.Entry getEntry() {
            return entry;
        }

        @NonNull
        public String getSource() {
            return declared == null ? "" : declared.getSource();
        }

        public boolean isOrphaned() {
            return declared != null && declared.isOrphaned();
        }
    }

    // ---------------------------------------------------------------- push notifications

    /**
     * Schedules a computation of every enabled folder of {@code repository} (a {@link RepositoryUrls#identity}).
     * Called as the system by the notify endpoint.
     *
     * @return how many folders were scheduled
     */
    static int computeFoldersOf(String repository) {
        int count = 0;
        for (GitOpsEnvironmentFolder folder : Jenkins.get().allItems(GitOpsEnvironmentFolder.class)) {
            if (folder.isBuildable()
                    && RepositoryUrls.identity(folder.getRepositoryUrl()).filter(repository::equals).isPresent()
                    && folder.scheduleBuild2(0, new CauseAction(new FolderPushCause(repository))) != null) {
                count++;
            }
        }
        return count;
    }

    @Extension
    @Symbol("gitopsEnvironmentFolder")
    public static class DescriptorImpl extends AbstractFolderDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.GitOpsEnvironmentFolder_displayName();
        }

        @NonNull
        @Override
        public String getDescription() {
            return Messages.GitOpsEnvironmentFolder_description();
        }

        @Override
        public String getIconClassName() {
            return "symbol-folder";
        }

        @Override
        public TopLevelItem newInstance(ItemGroup parent, String name) {
            return new GitOpsEnvironmentFolder(parent, name);
        }

        @POST
        public FormValidation doCheckRepositoryUrl(@AncestorInPath Item item, @QueryParameter String value) {
            if (item == null || !item.hasPermission(Item.CONFIGURE)) {
                return FormValidation.ok();
            }
            String url = Util.fixEmptyAndTrim(value);
            if (url == null) {
                return FormValidation.error(Messages.GitOpsEnvironmentFolder_repositoryUrl_required());
            }
            if (LocalRepositories.isRefused(url)) {
                return FormValidation.error(LocalRepositories.refusal(url));
            }
            return FormValidation.ok();
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String repositoryUrl,
                @QueryParameter String credentialsId) {
            StandardListBoxModel result = new StandardListBoxModel();
            if (item == null || !item.hasPermission(Item.CONFIGURE)) {
                return result.includeCurrentValue(credentialsId);
            }
            return result.includeEmptyValue()
                    .includeMatchingAs(ACL.SYSTEM2, item, StandardCredentials.class,
                            GitCredentialsLookup.requirements(repositoryUrl), GitCredentialsLookup.MATCHER)
                    .includeCurrentValue(credentialsId);
        }
    }
}
