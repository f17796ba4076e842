package io.jenkins.plugins.gitops.engine.cli;

import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import picocli.CommandLine.Command;

/** {@code gitops-sync status}: in sync or not, how healthy, how many objects: a preview in three lines. */
@Command(name = "status",
        description = {"Summarise the environment: sync status (Synced or OutOfSync), health, and counts, with"
                + " the objects that differ from Git. Reads only; writes nothing.",
            "Exit code 0 when Synced, 1 when OutOfSync, 2 on errors."},
        mixinStandardHelpOptions = true)
final class StatusCommand extends ReconcileCommand {

    @Override
    ExitCodes execute() throws Exception {
        return print(reconcile(Mode.PREVIEW, policy()), TextReport.Layout.STATUS);
    }
}
