package io.jenkins.plugins.gitops.engine.cli;

import io.jenkins.plugins.gitops.engine.pipeline.Verdict;

/**
 * What {@code gitops-sync} returns to the shell, as {@code kubectl diff} does: 0 when all is well, 1 when
 * the cluster and Git disagree (or a sync could not make them agree), 2 when the command itself failed.
 * Scripts and pipelines branch on these, so their meaning never changes.
 */
enum ExitCodes {
    /** In sync; or a sync finished and, if it waited, everything became healthy. */
    SUCCESS(0),
    /** Drift found (diff, status); or a sync left conflicts or unhealthy objects behind. */
    DRIFT(1),
    /** The command failed: bad options, unreachable Git or cluster, a render or apply error. */
    ERROR(2);

    private final int code;

    ExitCodes(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    /** The exit code the engine's verdict decided ({@link Verdict#exitCode()}). */
    static ExitCodes of(Verdict verdict) {
        int code = verdict.exitCode();
        return code == 0 ? SUCCESS : code == 1 ? DRIFT : ERROR;
    }
}
