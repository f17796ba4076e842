package io.jenkins.plugins.gitops.engine.promote;

import java.io.IOException;
import java.util.Objects;

/**
 * The one exception that leaves the {@code promote} package: an image could not be set. The message
 * follows "where: what went wrong (cause); what to do"; {@link #subject()} is that "where" on its own (an
 * image or tag as given, a {@code file:line}, or a repository URL without credentials), so a report can
 * link to it. No message contains a password, token or key.
 */
public class PromotionException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why the promotion failed; lets callers react without parsing text. */
    public enum Reason {
        /** The image, tag, branch or path given is malformed. */
        INVALID_REQUEST,
        /** No file under the path refers to the image. */
        NOT_REFERENCED,
        /** A file refers to the image in a way that cannot be edited safely (not YAML, block scalar, ...). */
        UNEDITABLE,
        /** Git failed: unknown branch, authentication, refused push, unreachable server (the cause says which). */
        GIT,
        /** The branch moved on every attempt to push; the change was not made. */
        CONFLICT
    }

    private final Reason reason;
    private final String subject;

    public PromotionException(Reason reason, String subject, String message) {
        this(reason, subject, message, null);
    }

    public PromotionException(Reason reason, String subject, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.subject = Objects.requireNonNull(subject, "subject");
    }

    public Reason reason() {
        return reason;
    }

    /** What the failure is about: an image, a {@code file:line}, or a repository URL without credentials. */
    public String subject() {
        return subject;
    }
}
