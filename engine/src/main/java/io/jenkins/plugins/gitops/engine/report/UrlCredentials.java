package io.jenkins.plugins.gitops.engine.report;

import java.util.regex.Pattern;

/**
 * Takes the user information out of a URL ({@code https://ann:token@git.example.com/shop.git} becomes
 * {@code https://git.example.com/shop.git}), so that a report, which people share and attach to tickets,
 * never carries a password or token that somebody wrote into a URL. Anything that is not a URL with a
 * scheme (a local folder, {@code git@host:path}, which names a user but no secret) stays as it is.
 *
 * <p>Public for the view models, which show cluster and repository URLs that did not come through a report.
 */
public final class UrlCredentials {

    /** Scheme, then everything up to the last {@code @} before the first {@code /}: the user information. */
    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/]*@");

    private UrlCredentials() {
    }

    /** {@code location} without user information; {@code null} stays {@code null}. */
    public static String strip(String location) {
        return location == null ? null : USER_INFO.matcher(location).replaceFirst("$1");
    }
}
