package io.jenkins.plugins.gitops.folder;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.gitops.engine.declare.DirectoryGenerator;
import io.jenkins.plugins.gitops.engine.declare.EnvironmentGenerator;
import io.jenkins.plugins.gitops.engine.declare.EnvironmentTemplate;
import io.jenkins.plugins.gitops.engine.declare.PathPattern;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * One environment per folder of the repository matching the pattern ({@code clusters/*}{@code /apps/*}); its path
 * is the folder, its name and other settings come from the template with placeholders for the folder's segments.
 */
public class GitDirectoriesGenerator extends EnvironmentGeneratorSettings {

    @DataBoundConstructor
    public GitDirectoriesGenerator(String pattern) {
        super(pattern);
    }

    @Override
    @DataBoundSetter
    public void setNameTemplate(String nameTemplate) {
        super.setNameTemplate(nameTemplate);
    }

    @Override
    String defaultNameTemplate() {
        return EnvironmentTemplate.DEFAULT_DIRECTORY_NAME;
    }

    @Override
    EnvironmentGenerator toEngine(PathPattern pattern, EnvironmentTemplate template) {
        return new DirectoryGenerator(pattern, template);
    }

    @Extension
    @Symbol("directories")
    public static class DescriptorImpl extends GeneratorDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.GitDirectoriesGenerator_displayName();
        }

        @Override
        boolean files() {
            return false;
        }
    }
}
