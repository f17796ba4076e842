package io.jenkins.plugins.gitops.engine.pipeline;

/**
 * A step of a run could not start for a reason its caller knows best (credentials not found, no kubeconfig).
 * The message is shown as it is: it names what is missing and what to do.
 */
public class StepException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StepException(String message) {
        super(message);
    }

    public StepException(String message, Throwable cause) {
        super(message, cause);
    }
}
