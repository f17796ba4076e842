package io.jenkins.plugins.gitops.folder;

import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.engine.pipeline.StepException;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.ChangeSetEntry;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.reconcile.EnvironmentReconcile;
import java.io.PrintStream;

/**
 * Deletes the cluster objects of an orphaned environment before {@link EnvironmentOrphanStrategy} deletes the
 * environment, when the folder allows it ({@link EnvironmentOrphanStrategy#isPruneObjectsOnDelete()}). Everything
 * goes to the folder's computation log: each object deleted, each one kept and why, or why nothing could be deleted.
 * An environment whose objects were not all deleted is kept, disabled: deleting it would leave objects no
 * environment owns any more, and the next computation tries again.
 */
final class OrphanPrune {

    private OrphanPrune() {
    }

    /**
     * @param why why the environment is deleted, for the log
     * @return whether the environment may now be deleted: its objects are gone, or kept on purpose by their own
     *     annotations ({@code Prune=false}, {@code Delete=false}, {@code resource-policy: keep})
     */
    static boolean deleteObjects(GitOpsEnvironment environment, String why, PrintStream log) {
        String name = environment.getName();
        if (environment.isBuilding() || environment.isInQueue()) {
            // two reconciles of one environment at once could undo each other: the engine leaves that to its caller
            log.println("Keeping " + name + " disabled: " + why + ", but a sync of it is running or queued;"
                    + " its objects are deleted, and then it, at the next computation");
            return false;
        }
        log.println("Deleting the objects of " + name + " from its cluster (" + why
                + "; the folder's orphan strategy deletes them)");
        SyncResult result;
        try {
            result = new EnvironmentReconcile(environment, GitOpsConfiguration.get(), line -> log.println("  " + line),
                    null).pruneAllObjects();
        } catch (StepException e) {
            log.println("Keeping " + name + " disabled: its objects could not be deleted from the cluster: "
                    + e.getMessage() + ". It is deleted once they are (tried again at every computation).");
            return false;
        }
        for (ChangeSetEntry entry : result.entries()) {
            if (entry.action() != Action.PRUNED) {
                log.println("  kept in the cluster: " + entry);
            }
        }
        if (result.outcome() == SyncResult.Outcome.FAILED || result.outcome() == SyncResult.Outcome.ABORTED) {
            log.println("Keeping " + name + " disabled: deleting its objects from the cluster failed: "
                    + result.failure() + ". It is deleted once they are (tried again at every computation).");
            return false;
        }
        int deleted = result.count(Action.PRUNED);
        log.println("Deleting " + name + ": " + deleted + (deleted == 1 ? " object" : " objects")
                + " deleted from the cluster");
        return true;
    }
}
