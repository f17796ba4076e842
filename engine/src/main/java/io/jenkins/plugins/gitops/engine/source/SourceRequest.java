package io.jenkins.plugins.gitops.engine.source;

import java.util.Objects;

/**
 * What to read from Git: a repository, how to log in, which revision and which folder.
 *
 * @param url repository URL ({@code https://}, {@code ssh://}, {@code git@host:path}, {@code file://});
 *     it must not contain a password: pass that in {@code credentials}
 * @param credentials how to authenticate; {@link GitCredentials#none()} for anonymous access
 * @param revision a branch or tag name ({@code main}, {@code v1.2}), a full ref ({@code refs/heads/main}),
 *     {@code HEAD} (the remote's default branch), or a commit SHA: full (40 hex digits) or abbreviated
 *     (7 to 39 hex digits)
 * @param path the folder (or file) inside the repository the environment is rendered from,
 *     '/'-separated and relative to the repository root; {@code ""} for the root
 */
public record SourceRequest(String url, GitCredentials credentials, String revision, String path) {

    public SourceRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(revision, "revision");
        path = path == null ? "" : path;
    }

    /** An anonymous request, for public repositories and {@code file://} URLs. */
    public static SourceRequest anonymous(String url, String revision, String path) {
        return new SourceRequest(url, GitCredentials.none(), revision, path);
    }
}
