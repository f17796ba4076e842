package io.jenkins.plugins.gitops.folder;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.TopLevelItem;
import java.io.IOException;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A GitOps Environment Folder declared in the system configuration, so that configuration as code
 * ({@code unclassified: gitopsSync: environmentFolders:}) creates and updates folders, which JCasC cannot do for items
 * by itself. The folder is a top-level item of that name; {@link DeclaredFolders} applies the declarations.
 */
public class FolderDeclaration extends AbstractDescribableImpl<FolderDeclaration> {

    private final String name;
    private final String repositoryUrl;
    private final EnvironmentGeneratorSettings generator;
    private String credentialsId;
    private String revision;
    private String knownHosts;
    private EnvironmentTemplateSettings template;
    private EnvironmentOrphanStrategy orphanStrategy;

    @DataBoundConstructor
    public FolderDeclaration(String name, String repositoryUrl, EnvironmentGeneratorSettings generator) {
        this.name = Util.fixNull(name).trim();
        this.repositoryUrl = Util.fixNull(repositoryUrl).trim();
        this.generator = generator;
    }

    public String getName() {
        return name;
    }

    public String getRepositoryUrl() {
        return repositoryUrl;
    }

    public EnvironmentGeneratorSettings getGenerator() {
        return generator;
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    @CheckForNull
    public String getRevision() {
        return revision;
    }

    @DataBoundSetter
    public void setRevision(@CheckForNull String revision) {
        this.revision = Util.fixEmptyAndTrim(revision);
    }

    @CheckForNull
    public String getKnownHosts() {
        return knownHosts;
    }

    @DataBoundSetter
    public void setKnownHosts(@CheckForNull String knownHosts) {
        this.knownHosts = Util.fixEmptyAndTrim(knownHosts);
    }

    @CheckForNull
    public EnvironmentTemplateSettings getTemplate() {
        return template;
    }

    @DataBoundSetter
    public void setTemplate(@CheckForNull EnvironmentTemplateSettings template) {
        this.template = template;
    }

    @CheckForNull
    public EnvironmentOrphanStrategy getOrphanStrategy() {
        return orphanStrategy;
    }

    @DataBoundSetter
    public void setOrphanStrategy(@CheckForNull EnvironmentOrphanStrategy orphanStrategy) {
        this.orphanStrategy = orphanStrategy;
    }

    /**
     * Creates the folder or brings an existing one to this declaration, then asks for a computation; an item of this
     * name that is not a GitOps Environment Folder is left alone.
     *
     * @return what was done, for the log
     */
    String applyTo(Jenkins jenkins) throws IOException {
        Jenkins.checkGoodName(name);
        TopLevelItem existing = jenkins.getItem(name);
        if (existing != null && !(existing instanceof GitOpsEnvironmentFolder)) {
            return "GitOps Sync: the system configuration declares an environment folder \"" + name
                    + "\", but an item of that name that is not a GitOps Environment Folder exists; it is left alone"
                    + " (rename one of them)";
        }
        GitOpsEnvironmentFolder folder = existing != null ? (GitOpsEnvironmentFolder) existing
                : jenkins.createProject(GitOpsEnvironmentFolder.class, name);
        folder.setRepositoryUrl(repositoryUrl);
        folder.setCredentialsId(credentialsId);
        folder.setRevision(revision);
        folder.setKnownHosts(knownHosts);
        folder.setGenerator(generator);
        folder.setTemplate(template);
        folder.setOrphanedItemStrategy(orphanStrategy != null ? orphanStrategy : new EnvironmentOrphanStrategy());
        folder.save();
        folder.scheduleBuild2(0);
        return "GitOps Sync: environment folder \"" + name + "\" " + (existing == null ? "created" : "updated")
                + " from the system configuration";
    }

    @Extension
    @Symbol("environmentFolder")
    public static class DescriptorImpl extends Descriptor<FolderDeclaration> {

        @NonNull
        @Override
        public String getDisplayName() {
            return "GitOps Environment Folder declaration";
        }
    }
}
