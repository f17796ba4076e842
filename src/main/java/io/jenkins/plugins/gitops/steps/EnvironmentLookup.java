package io.jenkins.plugins.gitops.steps;

import hudson.AbortException;
import hudson.Util;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.security.Permission;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import java.util.List;
import jenkins.model.Jenkins;
import org.springframework.security.access.AccessDeniedException;

/**
 * Finds the environment a step names, as the build's authentication sees it, and checks the permission the
 * step needs. Steps look up and check when they start: {@code gitopsDiff} and {@code gitopsSetImage} in
 * {@code SynchronousNonBlockingStepExecution.run()}, {@code gitopsSync} and {@code gitopsStatus} in
 * {@code StepExecution.start()} on the Pipeline's thread; both run as the build's authentication
 * ({@code Jenkins.getAuthentication2()}: SYSTEM unless an authorization plugin such as authorize-project sets
 * one), so lookups and checks here are the build's. A step that waits finds its environment again by full name
 * ({@link #again}), as checked when it started.
 */
final class EnvironmentLookup {

    /** At most this many names are listed when an environment is not found. */
    static final int MAX_LISTED = 20;

    private EnvironmentLookup() {
    }

    /**
     * The environment called {@code name}, relative to the calling job's folder ({@code prod}, {@code ../shared/prod})
     * or by full name ({@code team/prod}, {@code /team/prod}); it needs Item.READ.
     *
     * @throws AbortException listing the environments the build may see when there is none by that name
     */
    static GitOpsEnvironment find(String name, Run<?, ?> run) throws AbortException {
        String wanted = Util.fixEmptyAndTrim(name);
        if (wanted == null) {
            throw new AbortException(Messages.EnvironmentLookup_required());
        }
        GitOpsEnvironment environment;
        try {
            environment = Jenkins.get().getItem(wanted, run.getParent(), GitOpsEnvironment.class);
        } catch (AccessDeniedException e) {
            environment = null; // Item.DISCOVER without Item.READ: as unknown as any other unreadable item
        }
        if (environment == null) {
            throw new AbortException(notFound(wanted, run));
        }
        return environment;
    }

    /**
     * The environment a waiting step found when it started, found again by its full name (on a timer thread or
     * after a restart, where the build's authentication is not at hand; the step checked it when it started).
     *
     * @throws AbortException when it was deleted or renamed while the step waited
     */
    static GitOpsEnvironment again(String fullName) throws AbortException {
        GitOpsEnvironment environment;
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            environment = Jenkins.get().getItemByFullName(fullName, GitOpsEnvironment.class);
        }
        if (environment == null) {
            throw new AbortException(Messages.EnvironmentLookup_gone(fullName));
        }
        return environment;
    }

    private static String notFound(String wanted, Run<?, ?> run) {
        List<String> visible = Jenkins.get().getAllItems(GitOpsEnvironment.class).stream()
                .map(GitOpsEnvironment::getFullName).sorted().toList();
        String context = run.getParent().getParent().getFullName();
        String where = context.isEmpty() ? Messages.EnvironmentLookup_root() : context;
        if (visible.isEmpty()) {
            return Messages.EnvironmentLookup_notFoundNone(wanted, where);
        }
        String names = String.join(", ", visible.subList(0, Math.min(MAX_LISTED, visible.size())));
        if (visible.size() > MAX_LISTED) {
            names = Messages.EnvironmentLookup_more(names, visible.size() - MAX_LISTED);
        }
        return Messages.EnvironmentLookup_notFound(wanted, where, names);
    }

    /**
     * @throws AbortException naming the user, the permission and the environment when the build lacks it
     */
    static void checkPermission(GitOpsEnvironment environment, Permission permission, String step)
            throws AbortException {
        if (!environment.hasPermission(permission)) {
            throw new AbortException(Messages.EnvironmentLookup_denied(step, Jenkins.getAuthentication2().getName(),
                    permission.group.title + "/" + permission.name, environment.getFullName()));
        }
    }
}
