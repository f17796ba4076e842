package io.jenkins.plugins.gitops.folder;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.gitops.engine.declare.DeclarationException;
import io.jenkins.plugins.gitops.engine.declare.EnvironmentGenerator;
import io.jenkins.plugins.gitops.engine.declare.EnvironmentSettings;
import io.jenkins.plugins.gitops.engine.declare.EnvironmentTemplate;
import io.jenkins.plugins.gitops.engine.declare.PathPattern;
import io.jenkins.plugins.gitops.engine.declare.Placeholders;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * How a folder finds its environments in its repository: a pattern, and a template for their names. The two kinds
 * are {@link GitDirectoriesGenerator} and {@link GitFilesGenerator}.
 */
public abstract class EnvironmentGeneratorSettings extends AbstractDescribableImpl<EnvironmentGeneratorSettings> {

    private final String pattern;
    private String nameTemplate;

    protected EnvironmentGeneratorSettings(String pattern) {
        this.pattern = Util.fixNull(pattern).trim();
    }

    @NonNull
    public String getPattern() {
        return pattern;
    }

    /** The name template as configured, or the kind's default when blank. */
    @NonNull
    public String getNameTemplate() {
        return nameTemplate == null ? defaultNameTemplate() : nameTemplate;
    }

    public void setNameTemplate(String nameTemplate) {
        String value = Util.fixEmptyAndTrim(nameTemplate);
        this.nameTemplate = value == null || value.equals(defaultNameTemplate()) ? null : value;
    }

    abstract String defaultNameTemplate();

    /**
     * The engine's generator for these settings and the folder's template settings.
     *
     * @throws DeclarationException when the pattern is not usable; the message says why
     */
    final EnvironmentGenerator toEngine(EnvironmentSettings template) throws DeclarationException {
        return toEngine(PathPattern.parse(pattern), new EnvironmentTemplate(getNameTemplate(), template));
    }

    abstract EnvironmentGenerator toEngine(PathPattern pattern, EnvironmentTemplate template);

    /** Checks of the common fields. */
    public abstract static class GeneratorDescriptor extends Descriptor<EnvironmentGeneratorSettings> {

        /** Whether placeholders of files ({@code {path.filename}}) are available. */
        abstract boolean files();

        @POST
        public FormValidation doCheckPattern(@AncestorInPath Item item, @QueryParameter String value) {
            if (item == null || !item.hasPermission(Item.CONFIGURE)) {
                return FormValidation.ok();
            }
            try {
                PathPattern.parse(value);
                return FormValidation.ok();
            } catch (DeclarationException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckNameTemplate(@AncestorInPath Item item, @QueryParameter String value) {
            if (item == null || !item.hasPermission(Item.CONFIGURE) || Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.ok();
            }
            try {
                Placeholders.check(value, files());
                return FormValidation.ok();
            } catch (DeclarationException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
