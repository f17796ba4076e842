package io.jenkins.plugins.gitops.engine.declare;

/** A folder setting (a pattern, a template) that cannot be used; the message says which and why. */
public final class DeclarationException extends Exception {

    private static final long serialVersionUID = 1L;

    public DeclarationException(String message) {
        super(message);
    }
}
