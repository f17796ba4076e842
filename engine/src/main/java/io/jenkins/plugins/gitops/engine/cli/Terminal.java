package io.jenkins.plugins.gitops.engine.cli;

import java.util.function.Function;

/**
 * What the output goes to. Colours and the spinner are for a person at a terminal only: a pipe, a file
 * or a CI log gets plain text, and so does anyone who sets {@code NO_COLOR} (https://no-color.org).
 *
 * @param interactive whether standard input and output are a terminal (a spinner can redraw its line)
 * @param colour whether to use ANSI colours
 */
record Terminal(boolean interactive, boolean colour) {

    private static final String RESET = "\u001B[0m";

    /** The terminal of this process, as {@link System#console()} and {@code NO_COLOR} tell. */
    static Terminal detect(Function<String, String> environment) {
        boolean interactive = System.console() != null;
        String noColour = environment.apply("NO_COLOR");
        return new Terminal(interactive, interactive && (noColour == null || noColour.isEmpty()));
    }

    /** Plain text, no spinner: for pipes, files and tests. */
    static Terminal plain() {
        return new Terminal(false, false);
    }

    String green(String text) {
        return paint("\u001B[32m", text);
    }

    String yellow(String text) {
        return paint("\u001B[33m", text);
    }

    String red(String text) {
        return paint("\u001B[31m", text);
    }

    String cyan(String text) {
        return paint("\u001B[36m", text);
    }

    String bold(String text) {
        return paint("\u001B[1m", text);
    }

    String dim(String text) {
        return paint("\u001B[2m", text);
    }

    private String paint(String code, String text) {
        return colour && !text.isEmpty() ? code + text + RESET : text;
    }
}
