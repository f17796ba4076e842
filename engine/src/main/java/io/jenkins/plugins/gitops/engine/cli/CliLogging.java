package io.jenkins.plugins.gitops.engine.cli;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the command line quiet: the engine, fabric8, OkHttp, JGit and kube-api-test all log through
 * java.util.logging (SLF4J is bound to it), and a user of a command wants its report, not their logs.
 * Only warnings are shown, unless {@code --verbose} asks for the engine's diagnostics too.
 */
final class CliLogging {

    /** Held here because java.util.logging keeps loggers only weakly: a collected logger forgets its level. */
    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger ENGINE = Logger.getLogger("io.jenkins.plugins.gitops");

    private CliLogging() {
    }

    static void configure(boolean verbose) {
        ROOT.setLevel(verbose ? Level.INFO : Level.WARNING);
        ENGINE.setLevel(verbose ? Level.FINE : Level.WARNING);
        for (Handler handler : ROOT.getHandlers()) {
            handler.setLevel(verbose ? Level.FINE : Level.WARNING);
        }
    }
}
