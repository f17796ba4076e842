package io.jenkins.plugins.gitops.engine.cli;

/** How {@code diff}, {@code sync} and {@code status} print their result. */
enum ReportFormat {
    /** For people: a table of objects, diffs, totals and a verdict, like {@code argocd app sync}. */
    TEXT,
    /** For programs: the sync report as JSON (the drift report format of the plugin). */
    JSON
}
