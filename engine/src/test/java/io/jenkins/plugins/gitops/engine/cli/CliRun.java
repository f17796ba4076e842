package io.jenkins.plugins.gitops.engine.cli;

/**
 * What one {@code gitops-sync} invocation returned and printed.
 *
 * @param exitCode the process exit code it would have had
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 */
record CliRun(int exitCode, String out, String err) {

    @Override
    public String toString() {
        return "exit code " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
}
