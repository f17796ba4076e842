package io.jenkins.plugins.gitops.engine.sync;

import java.util.List;

/** Desired objects that cannot be applied as they are: unknown kinds, duplicates after namespace defaulting. */
public class ResolutionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ResolutionException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0)
                : problems.size() + " objects cannot be applied:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
