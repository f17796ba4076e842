package io.jenkins.plugins.gitops.folder;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * Applies the environment folders the system configuration declares ({@link FolderDeclaration}): at once when they
 * are configured on a running Jenkins (the UI's REST, a JCasC reload), and at start-up once the items are loaded
 * (JCasC configures Jenkins before it loads its items). Folders no longer declared are left as they are.
 */
public final class DeclaredFolders {

    private static final Logger LOGGER = Logger.getLogger(DeclaredFolders.class.getName());

    private DeclaredFolders() {
    }

    /** Applies {@code declarations} now if Jenkins has loaded its items; otherwise {@link #applyAtStartUp} will. */
    public static void apply(List<FolderDeclaration> declarations) {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        if (jenkins == null || jenkins.getInitLevel().compareTo(InitMilestone.JOB_CONFIG_ADAPTED) < 0) {
            return;
        }
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            for (FolderDeclaration declaration : declarations) {
                try {
                    String done = declaration.applyTo(jenkins);
                    LOGGER.info(done);
                } catch (IOException | RuntimeException e) {
                    LOGGER.log(Level.WARNING, "GitOps Sync: cannot apply the environment folder \""
                            + declaration.getName() + "\" of the system configuration: " + e.getMessage(), e);
                }
            }
        }
    }

    @Initializer(after = InitMilestone.JOB_CONFIG_ADAPTED)
    public static void applyAtStartUp() {
        apply(GitOpsConfiguration.get().getEnvironmentFolders());
    }
}
