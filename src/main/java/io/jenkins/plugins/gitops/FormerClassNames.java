package io.jenkins.plugins.gitops;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Items;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.util.XStream2;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.item.AutomationPause;
import io.jenkins.plugins.gitops.item.EnvironmentStatus;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.item.HelmSettings;
import io.jenkins.plugins.gitops.policy.DeploymentPolicySettings;
import io.jenkins.plugins.gitops.policy.FolderDeploymentPolicy;
import io.jenkins.plugins.gitops.run.SyncAction;
import io.jenkins.plugins.gitops.run.SyncCause;
import io.jenkins.plugins.gitops.run.SyncInProgress;
import io.jenkins.plugins.gitops.run.SyncOverrides;
import io.jenkins.plugins.gitops.run.SyncRun;
import java.util.List;

/**
 * The names the plugin's persisted classes had before the plugin's flat package was split by Jenkins concept
 * (version 2): {@code config.xml}, {@code build.xml}, {@code queue.xml} and {@code gitops-status.xml} written
 * before carry them as element names and {@code class} attributes, and still load.
 */
public final class FormerClassNames {

    private static final String FORMER_PACKAGE = "io.jenkins.plugins.gitops.";

    /** Every class that Jenkins persists with XStream and that moved out of {@value #FORMER_PACKAGE}. */
    static final List<Class<?>> MOVED = List.of(GitOpsEnvironment.class, HelmSettings.class, AutomationPause.class,
            EnvironmentStatus.class, SyncRun.class, SyncAction.class, SyncCause.class, SyncCause.Kind.class,
            SyncInProgress.class, SyncOverrides.class, DeploymentPolicySettings.class,
            FolderDeploymentPolicy.class, GitOpsConfiguration.class);

    private FormerClassNames() {
    }

    /** Before any item, build or queue item is read: jobs load at {@link InitMilestone#JOB_LOADED}. */
    @Initializer(before = InitMilestone.PLUGINS_STARTED)
    public static void register() {
        registerOn(Items.XSTREAM2);
        registerOn(Run.XSTREAM2);
        registerOn((XStream2) Queue.XSTREAM);
    }

    /** Teaches {@code xstream} to read the former names of every moved class. */
    public static void registerOn(XStream2 xstream) {
        for (Class<?> moved : MOVED) {
            xstream.addCompatibilityAlias(formerName(moved), moved);
        }
    }

    /** The name {@code moved} had in the flat package: nested classes keep their {@code $} suffix. */
    public static String formerName(Class<?> moved) {
        String name = moved.getName();
        return FORMER_PACKAGE + name.substring(name.lastIndexOf('.') + 1);
    }
}
