package io.jenkins.plugins.gitops.engine.cli;

import io.jenkins.plugins.gitops.engine.pipeline.Verdict;
import io.jenkins.plugins.gitops.engine.report.ReportContext;
import io.jenkins.plugins.gitops.engine.report.SyncReport;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import java.time.Duration;

/**
 * One reconcile as the command line ran it: the engine's result, its report, where it came from and went to,
 * and the engine's verdict, which decides the exit code.
 *
 * @param result the change set
 * @param context the source, revision, target and policy, for the report's header
 * @param report the report, as {@code -o json} prints it
 * @param verdict the one verdict of the run
 */
record ReconcileRun(SyncResult result, ReportContext context, SyncReport report, Verdict verdict) {

    ExitCodes exitCode() {
        return ExitCodes.of(verdict);
    }

    Duration elapsed() {
        return Duration.between(context.start(), context.end());
    }
}
