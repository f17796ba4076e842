package io.jenkins.plugins.gitops.engine.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.gitops.engine.cluster.ClusterException;
import io.jenkins.plugins.gitops.engine.render.RenderException;
import io.jenkins.plugins.gitops.engine.render.RenderProblem;
import io.jenkins.plugins.gitops.engine.source.SourceException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every {@code gitops-sync} command shares: its output streams, the terminal, {@code --verbose},
 * and one way to end: an {@link ExitCodes exit code}, with expected failures printed as one
 * {@code error: where: what; what to do} message (a stack trace only with {@code --verbose}).
 */
abstract class Subcommand implements Callable<Integer> {

    @ParentCommand
    GitOpsSyncCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose",
            description = "Print each step as it happens, and the engine's, Git's and the Kubernetes client's logs.")
    boolean verbose;

    private Terminal terminal;

    @Override
    public final Integer call() throws Exception {
        CliLogging.configure(verbose);
        try {
            return execute().code();
        } catch (CommandException | SourceException | ClusterException e) {
            return fail(e.getMessage(), e);
        } catch (RenderException e) {
            return fail(renderFailure(e, ""), e);
        } catch (KubernetesClientException e) {
            return fail("Kubernetes API: " + e.getMessage(), e);
        } finally {
            out().flush();
            err().flush();
        }
    }

    /** Does the work; throws what it cannot handle with a message the user can act on. */
    abstract ExitCodes execute() throws Exception;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Function<String, String> environment() {
        return root.environment();
    }

    /** The terminal when the output is the process's own; plain text when a caller captures it. */
    Terminal terminal() {
        if (terminal == null) {
            terminal = Terminal.detect(root.environment());
        }
        return terminal;
    }

    ProgressIndicator progress() {
        return new ProgressIndicator(err(), terminal(), verbose);
    }

    /** A failed render, one problem a line, each starting with a {@code file:line} the user can open. */
    static String renderFailure(RenderException failure, String filePrefix) {
        StringBuilder message = new StringBuilder("rendering failed");
        int count = failure.problems().size() + failure.omitted();
        message.append(count == 1 ? ":" : " with " + count + " problems:");
        for (RenderProblem problem : failure.problems()) {
            message.append(System.lineSeparator()).append("  ").append(filePrefix).append(problem);
        }
        if (failure.omitted() > 0) {
            message.append(System.lineSeparator()).append("  ... and ").append(failure.omitted()).append(" more");
        }
        return message.toString();
    }

    private Integer fail(String message, Exception cause) {
        err().println(terminal().red("error: ") + message);
        if (verbose) {
            cause.printStackTrace(err());
        }
        return ExitCodes.ERROR.code();
    }
}
