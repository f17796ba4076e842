package io.jenkins.plugins.gitops.engine.render;

import java.util.List;

/**
 * A render failed: it yields no objects at all, so nothing downstream can prune or apply from partial
 * input. Carries every problem found (up to {@link RenderLimits#maxProblems()}), each with its origin.
 */
public final class RenderException extends Exception {

    private final transient List<RenderProblem> problems;
    private final int omitted;

    /**
     * @param subject what was rendered, for the summary line (a repository path)
     * @param problems the problems, at least one
     * @param omitted how many more problems were found but not kept
     */
    public RenderException(String subject, List<RenderProblem> problems, int omitted) {
        super(summary(subject, problems, omitted));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a failed render has at least one problem");
        }
        this.problems = List.copyOf(problems);
        this.omitted = omitted;
    }

    /** A render that failed for one reason. */
    public RenderException(RenderProblem problem) {
        this(problem.origin().file(), List.of(problem), 0);
    }

    /** The problems in the order they were found. */
    public List<RenderProblem> problems() {
        return problems;
    }

    /** How many problems were found beyond those kept in {@link #problems()}. */
    public int omitted() {
        return omitted;
    }

    private static String summary(String subject, List<RenderProblem> problems, int omitted) {
        if (problems.size() == 1 && omitted == 0) {
            return problems.get(0).toString();
        }
        StringBuilder text = new StringBuilder()
                .append(subject.isEmpty() ? "." : subject)
                .append(": rendering failed with ")
                .append(problems.size() + omitted)
                .append(" problems:");
        for (RenderProblem problem : problems) {
            text.append("\n  ").append(problem);
        }
        if (omitted > 0) {
            text.append("\n  ... and ").append(omitted).append(" more");
        }
        return text.toString();
    }
}
