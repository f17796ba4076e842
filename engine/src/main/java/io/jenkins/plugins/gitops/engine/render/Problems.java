package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.resource.Origin;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the errors and warnings of one render, so that the user sees every problem at once instead
 * of fixing them one push at a time. Keeps at most {@code maxProblems} errors and counts the rest.
 */
final class Problems {

    private final int maxProblems;
    private final List<RenderProblem> errors = new ArrayList<>();
    private final List<RenderProblem> warnings = new ArrayList<>();
    private int omittedErrors;

    Problems(int maxProblems) {
        this.maxProblems = maxProblems;
    }

    void error(Origin origin, String message) {
        if (errors.size() < maxProblems) {
            errors.add(new RenderProblem(origin, message));
        } else {
            omittedErrors++;
        }
    }

    void warn(Origin origin, String message) {
        // Warnings are few and do not fail anything; the same cap only keeps a report readable.
        if (warnings.size() < maxProblems) {
            warnings.add(new RenderProblem(origin, message));
        }
    }

    void addAll(RenderException failure) {
        failure.problems().forEach(problem -> error(problem.origin(), problem.message()));
        omittedErrors += failure.omitted();
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Fails the render if any error was found; {@code subject} names what was rendered. */
    void throwIfErrors(String subject) throws RenderException {
        if (hasErrors()) {
            throw new RenderException(subject, errors, omittedErrors);
        }
    }

    List<RenderProblem> warnings() {
        return List.copyOf(warnings);
    }
}
