package io.jenkins.plugins.gitops.folder;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.gitops.engine.declare.DeclarationParser;
import io.jenkins.plugins.gitops.engine.declare.DeclarationSchema;
import io.jenkins.plugins.gitops.engine.declare.EnvironmentGenerator;
import io.jenkins.plugins.gitops.engine.declare.EnvironmentTemplate;
import io.jenkins.plugins.gitops.engine.declare.FileGenerator;
import io.jenkins.plugins.gitops.engine.declare.PathPattern;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * One environment per file of the repository matching the pattern ({@code environments/*.yaml}): the file declares
 * the environment in YAML (the schema is {@code environment-declaration.schema.json}), the template fills in what
 * it leaves unset.
 */
public class GitFilesGenerator extends EnvironmentGeneratorSettings {

    /** Loaded once: the schema is a resource of the engine and never changes while Jenkins runs. */
    private static final DeclarationSchema SCHEMA = DeclarationSchema.load();

    @DataBoundConstructor
    public GitFilesGenerator(String pattern) {
        super(pattern);
    }

    @Override
    @DataBoundSetter
    public void setNameTemplate(String nameTemplate) {
        super.setNameTemplate(nameTemplate);
    }

    @Override
    String defaultNameTemplate() {
        return EnvironmentTemplate.DEFAULT_FILE_NAME;
    }

    @Override
    EnvironmentGenerator toEngine(PathPattern pattern, EnvironmentTemplate template) {
        return new FileGenerator(pattern, template, new DeclarationParser(SCHEMA));
    }

    @Extension
    @Symbol("files")
    public static class DescriptorImpl extends GeneratorDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.GitFilesGenerator_displayName();
        }

        @Override
        boolean files() {
            return true;
        }
    }
}
