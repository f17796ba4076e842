package io.jenkins.plugins.gitops.engine.hook;

import java.util.List;

/** Hook annotations that cannot be understood, each problem naming the file, the object and the annotation. */
public final class HookAnnotationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public HookAnnotationException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0)
                : problems.size() + " hook annotations are not understood: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
