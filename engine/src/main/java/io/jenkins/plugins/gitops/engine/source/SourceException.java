package io.jenkins.plugins.gitops.engine.source;

import java.io.IOException;
import java.util.Objects;

/**
 * The one exception that leaves the {@code source} package: reading a Git revision failed. The message
 * follows "where: what went wrong (cause); what to do", where "where" is the repository URL without
 * credentials. No message, URL or cause text of this exception ever contains a password, token,
 * private key or passphrase.
 */
public class SourceException extends IOException {

    /** Why reading the source failed; lets callers (report, UI, retry policy) react without parsing text. */
    public enum Reason {
        /** The branch, tag or commit does not exist in the repository. */
        UNKNOWN_REVISION,
        /** The revision exists, but the requested path does not exist at its commit. */
        PATH_NOT_FOUND,
        /** The server refused the credentials, asked for credentials none were given, or its host key was not trusted. */
        AUTHENTICATION_FAILED,
        /** The server answered, but has no repository at that URL (or hides it from these credentials). */
        REPOSITORY_NOT_FOUND,
        /** The server could not be reached: unknown host, refused connection, timeout. */
        UNREACHABLE,
        /** The request itself is wrong: malformed URL, revision or path, or credentials that do not fit the URL. */
        INVALID_REQUEST,
        /** The server refused a push (protected branch, hook, missing write permission). */
        PUSH_REJECTED,
        /** Reading or writing the local repository cache failed. */
        IO
    }

    private final Reason reason;
    private final String url;

    public SourceException(Reason reason, String url, String message) {
        this(reason, url, message, null);
    }

    public SourceException(Reason reason, String url, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.url = Objects.requireNonNull(url, "url");
    }

    /** A failure of the local repository cache, which is not the server's fault. */
    static SourceException cacheFailure(RepositoryUrl url, Object location, IOException cause) {
        return new SourceException(Reason.IO, url.redacted(), url.redacted() + ": cannot update the repository cache in "
                + location + " (" + cause.getMessage() + "); check disk space and permissions", cause);
    }

    public Reason reason() {
        return reason;
    }

    /** The repository URL the failure is about, without user name or password. */
    public String url() {
        return url;
    }
}
