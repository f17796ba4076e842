package io.jenkins.plugins.gitops.engine.report;

import io.jenkins.plugins.gitops.engine.source.UrlRedaction;

/**
 * Takes the user information and the query values out of a URL ({@code https://ann:token@git.example.com/shop.git}
 * becomes {@code https://git.example.com/shop.git}, {@code ?access_token=abc} becomes {@code ?access_token=****};
 * see {@link UrlRedaction}), so that a report, which people share and attach to tickets,
 * never carries a password or token that somebody wrote into a URL. Anything that is not a URL with a
 * scheme (a local folder, {@code git@host:path}, which names a user but no secret) stays as it is.
 *
 * <p>Public for the view models, which show cluster and repository URLs that did not come through a report.
 */
public final class UrlCredentials {

    private UrlCredentials() {
    }

    /** {@code location} without user information and query values; {@code null} stays {@code null}. */
    public static String strip(String location) {
        return UrlRedaction.redact(location);
    }
}
