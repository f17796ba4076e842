package io.jenkins.plugins.gitops.engine.cli;

import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import picocli.CommandLine.Command;

/** {@code gitops-sync diff}: what a sync would change, with the diff of each drifted object. Writes nothing. */
@Command(name = "diff",
        description = {"Show what a sync would change: each object's action and health, and the diff of every"
                + " drifted field (- the cluster, + Git). Reads only; writes nothing.",
            "Exit code 0 when the cluster matches Git, 1 when it does not, 2 on errors."},
        mixinStandardHelpOptions = true)
final class DiffCommand extends ReconcileCommand {

    @Override
    ExitCodes execute() throws Exception {
        return print(reconcile(Mode.PREVIEW, policy()), TextReport.Layout.DIFF);
    }
}
