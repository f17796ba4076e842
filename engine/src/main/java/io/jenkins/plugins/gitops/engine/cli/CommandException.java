package io.jenkins.plugins.gitops.engine.cli;

/**
 * A failure the user can fix, with a message that says where, what and what to do (no stack trace is
 * printed for it). Anything else that escapes a command is a bug and is printed with its stack trace.
 */
final class CommandException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CommandException(String message) {
        super(message);
    }

    CommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
