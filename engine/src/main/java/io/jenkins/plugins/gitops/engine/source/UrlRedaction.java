package io.jenkins.plugins.gitops.engine.source;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URL as people may see it: without user information ({@code https://ann:token@host/r.git} is shown as
 * {@code https://host/r.git}) and without the values of its query and fragment
 * ({@code https://host/r.git?access_token=…} is shown as {@code https://host/r.git?access_token=****}), the
 * places where tokens end up when somebody pastes a URL with its secret. Parameter names stay, so the URL
 * can still be recognized. Anything that is not a URL with a scheme (a local folder, {@code git@host:path},
 * which names a user but no secret) stays as it is.
 */
public final class UrlRedaction {

    /** What replaces a secret. */
    public static final String MASK = "****";

    /** Scheme, authority (user information up to the last {@code @}), then the rest of the URL. */
    private static final Pattern URL = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)(?:[^/?#]*@)?([^/?#]*)(.*)$",
            Pattern.DOTALL);

    private UrlRedaction() {
    }

    /** {@code url} without user information, query values and fragment; {@code null} stays {@code null}. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) {
            return url;
        }
        String rest = matcher.group(3);
        int query = rest.indexOf('?');
        int fragment = rest.indexOf('#');
        int end = query >= 0 ? query : fragment >= 0 ? fragment : rest.length();
        StringBuilder result = new StringBuilder(matcher.group(1)).append(matcher.group(2)).append(rest, 0, end);
        if (query >= 0) {
            String queryText = rest.substring(query + 1, fragment > query ? fragment : rest.length());
            result.append('?').append(maskValues(queryText));
        }
        if (fragment >= 0) {
            result.append('#').append(MASK);
        }
        return result.toString();
    }

    /**
     * The secrets written into a URL (the password of its user information, every query value and the
     * fragment), as written and URL-decoded, to mask in texts a library wrote, which may quote the URL in
     * another form. Empty for a URL without any.
     */
    public static List<String> secrets(String url) {
        List<String> secrets = new ArrayList<>();
        Matcher matcher = url == null ? null : URL.matcher(url);
        if (matcher == null || !matcher.matches()) {
            return secrets;
        }
        int scheme = matcher.end(1);
        int host = matcher.start(2);
        if (host > scheme) {
            String userInfo = url.substring(scheme, host - 1);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                add(secrets, userInfo.substring(colon + 1));
            }
        }
        String rest = matcher.group(3);
        int query = rest.indexOf('?');
        int fragment = rest.indexOf('#');
        if (query >= 0) {
            for (String parameter : rest.substring(query + 1, fragment > query ? fragment : rest.length()).split("&")) {
                int equals = parameter.indexOf('=');
                add(secrets, equals < 0 ? parameter : parameter.substring(equals + 1));
            }
        }
        if (fragment >= 0) {
            add(secrets, rest.substring(fragment + 1));
        }
        return secrets;
    }

    /** {@code text} with every secret of {@code url} replaced by {@link #MASK}, longest first. */
    public static String mask(String text, String url) {
        List<String> secrets = secrets(url);
        secrets.sort((a, b) -> Integer.compare(b.length(), a.length()));
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }

    /** {@code name=value&flag} becomes {@code name=****&****}: a parameter without a name may be the token. */
    private static String maskValues(String query) {
        List<String> parameters = new ArrayList<>();
        for (String parameter : query.split("&", -1)) {
            int equals = parameter.indexOf('=');
            parameters.add(parameter.isEmpty() ? "" : equals < 0 ? MASK : parameter.substring(0, equals + 1) + MASK);
        }
        return String.join("&", parameters);
    }

    private static void add(List<String> secrets, String secret) {
        // Very short values ("1", "true") would mask unrelated text and are no secrets.
        if (secret.length() >= 4) {
            secrets.add(secret);
            String decoded = decode(secret);
            if (!decoded.equals(secret)) {
                secrets.add(decoded);
            }
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
