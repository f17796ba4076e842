package io.jenkins.plugins.gitops.engine.cli;

import io.jenkins.plugins.gitops.engine.report.ReportContext;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import java.time.Duration;

/**
 * One reconcile as the command line ran it: the engine's result, and where it came from and went to.
 *
 * @param result the change set and verdict
 * @param context the source, revision, target and policy, for the report's header
 */
record ReconcileRun(SyncResult result, ReportContext context) {

    ExitCodes exitCode() {
        return ExitCodes.of(result);
    }

    Duration elapsed() {
        return Duration.between(context.start(), context.end());
    }
}
