package io.jenkins.plugins.gitops.folder;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.InvisibleAction;
import io.jenkins.plugins.gitops.engine.declare.EnvironmentDeclaration;
import io.jenkins.plugins.gitops.engine.declare.EnvironmentSettings;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.item.HelmSettings;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * That Git declares an environment, kept with the environment (its {@code config.xml}): the file or folder of the
 * folder repository it comes from, the commit it was last read at, and since when it is orphaned. Shown on the
 * environment's page ({@code jobMain.jelly}).
 *
 * <p>{@link #applyTo} is the one place that maps a declaration onto an environment's settings.
 */
public final class DeclaredEnvironment extends InvisibleAction {

    private final String source;
    private final String commit;
    /** Milliseconds since the epoch when the declaration was first found missing; null while it is declared. */
    @CheckForNull
    private final Long orphanedSince;

    DeclaredEnvironment(String source, String commit, @CheckForNull Long orphanedSince) {
        this.source = source;
        this.commit = commit;
        this.orphanedSince = orphanedSince;
    }

    /** The repository path of the declaring file or folder. */
    @NonNull
    public String getSource() {
        return source;
    }

    /** {@code <repository URL>@<abbreviated commit>} where the declaration, as it now applies, was first read. */
    @NonNull
    public String getCommit() {
        return commit;
    }

    @CheckForNull
    public Long getOrphanedSince() {
        return orphanedSince;
    }

    public boolean isOrphaned() {
        return orphanedSince != null;
    }

    /** The declaration of {@code environment}, or null when Git does not declare it. */
    @CheckForNull
    public static DeclaredEnvironment of(GitOpsEnvironment environment) {
        return environment.getAction(DeclaredEnvironment.class);
    }

    /**
     * Gives {@code environment} the settings of {@code declaration}; a setting the declaration leaves unset goes back
     * to the environment's default, so that removing a line from a declaration file undoes it. Enables the
     * environment if it was orphaned. Does not save.
     *
     * @param commit where the declaration was read, for the environment's page
     * @param knownHosts the folder's SSH known hosts, used when the environment reads the folder's repository
     * @return what changed: nothing at all (then the environment need not be saved: a computation of an unchanged
     *     repository writes nothing), only where it is declared, or its settings
     */
    static Change applyTo(GitOpsEnvironment environment, EnvironmentDeclaration declaration, String commit,
            @CheckForNull String knownHosts) {
        String before = settingsOf(environment);
        EnvironmentSettings settings = declaration.settings();
        environment.setRepositoryUrl(settings.repositoryUrl());
        environment.setCredentialsId(settings.credentialsId());
        environment.setRevision(settings.revision());
        environment.setPath(settings.path());
        environment.setRenderer(settings.renderer());
        environment.setKnownHosts(knownHosts);
        environment.setServerUrl(settings.serverUrl());
        environment.setClusterCredentialsId(settings.clusterCredentialsId());
        environment.setNamespace(settings.namespace());
        environment.setAutomated(Boolean.TRUE.equals(settings.automated()));
        environment.setPrune(Boolean.TRUE.equals(settings.prune()));
        environment.setSelfHeal(Boolean.TRUE.equals(settings.selfHeal()));
        environment.setCheckIntervalMinutes(settings.checkIntervalMinutes());
        environment.setAgentLabel(settings.agentLabel());
        environment.setHelm(helmOf(settings));
        DeclaredEnvironment previous = of(environment);
        if (previous != null && previous.isOrphaned()) {
            environment.setDisabled(false);
        }
        boolean settingsChanged = !before.equals(settingsOf(environment));
        if (settingsChanged || previous == null || previous.isOrphaned()
                || !previous.source.equals(declaration.source())) {
            environment.replaceAction(new DeclaredEnvironment(declaration.source(), commit, null));
            return settingsChanged ? Change.SETTINGS : Change.DECLARATION;
        }
        return Change.NONE;
    }

    /** What {@link #applyTo} changed. */
    enum Change {
        /** Nothing: the environment is as the declaration says, declared where it was. */
        NONE,
        /** Where it is declared (another file, or declared again after it was orphaned), not its settings. */
        DECLARATION,
        /** Its settings. */
        SETTINGS
    }

    /**
     * Marks {@code environment} as no longer declared and disables it (a disabled environment is neither checked nor
     * synced), keeping the time it was first found missing. Saves it, unless it already was marked and disabled.
     *
     * @return since when it is orphaned, in milliseconds since the epoch
     */
    static long markOrphaned(GitOpsEnvironment environment, long now) throws IOException {
        DeclaredEnvironment declared = of(environment);
        if (declared != null && declared.orphanedSince != null && environment.isDisabled()) {
            return declared.orphanedSince; // already recorded: nothing to write
        }
        long since = declared != null && declared.orphanedSince != null ? declared.orphanedSince : now;
        environment.replaceAction(new DeclaredEnvironment(declared == null ? "" : declared.source,
                declared == null ? "" : declared.commit, since));
        environment.setDisabled(true);
        environment.save();
        return since;
    }

    @CheckForNull
    private static HelmSettings helmOf(EnvironmentSettings settings) {
        if (settings.helmReleaseName() == null && settings.helmValuesFiles() == null) {
            return null;
        }
        HelmSettings helm = new HelmSettings();
        helm.setReleaseName(settings.helmReleaseName());
        List<String> files = settings.helmValuesFiles();
        helm.setValuesFiles(files == null ? "" : String.join("\n", files));
        return helm;
    }

    /** The settings a declaration decides, as one comparable text. */
    private static String settingsOf(GitOpsEnvironment environment) {
        // Optional, not a null check: GitOpsEnvironment.getHelm() is annotated both @NonNull and @CheckForNull.
        String helm = Optional.ofNullable(environment.getHelm())
                .map(settings -> Objects.toString(settings.getReleaseName()) + "\u0000" + settings.getValuesFiles())
                .orElse("");
        return String.join("\u0000", Objects.toString(environment.getRepositoryUrl()),
                Objects.toString(environment.getCredentialsId()), environment.getRevision(), environment.getPath(),
                environment.getRenderer(), Objects.toString(environment.getKnownHosts()),
                Objects.toString(environment.getServerUrl()), Objects.toString(environment.getClusterCredentialsId()),
                environment.getNamespace(), String.valueOf(environment.isAutomated()),
                String.valueOf(environment.isPrune()), String.valueOf(environment.isSelfHeal()),
                Objects.toString(environment.getCheckIntervalMinutes()), Objects.toString(environment.getAgentLabel()),
                String.valueOf(environment.isDisabled()), helm);
    }
}
