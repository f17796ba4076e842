package io.jenkins.plugins.gitops.engine.source;

import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.transport.URIish;

/**
 * Whether two URLs name the same repository, as a push notification and an environment see it: a Git server
 * names its repository by its web address ({@code https://git.example.com/shop/config}) while an environment
 * may clone it over SSH ({@code git@git.example.com:shop/config.git}).
 *
 * <p>The comparison ignores the scheme (http, https, ssh, git, scp-like {@code host:path}), the user and
 * password, the query string and fragment (where tokens are pasted), the port (a server commonly serves SSH
 * and HTTPS on different ports; naming a port in one URL and not in the other must not hide the match), a
 * trailing {@code .git} and {@code /}, repeated {@code /}, and the case of host and path. It keeps the host and the path. An extra match costs one check; a missed match leaves
 * a push unnoticed until the next periodic check, so the comparison leans towards matching.
 */
public final class RepositoryUrls {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");

    private RepositoryUrls() {
    }

    /**
     * Whether {@code a} and {@code b} name the same repository; {@code false} when either is blank or cannot
     * be parsed as a Git URL.
     */
    public static boolean sameRepository(String a, String b) {
        Optional<String> first = identity(a);
        return first.isPresent() && first.equals(identity(b));
    }

    /**
     * Whether {@code url} names a repository on this machine's file system ({@code file:///srv/git/shop.git},
     * {@code /srv/git/shop.git}, {@code ../shop}, {@code C:\\git\\shop}, a bundle file) rather than one on a
     * Git server (https, ssh, git, scp-like {@code host:path}). A server that lets users configure URLs refuses
     * local ones by default, as the Git plugin does (SECURITY-2478): they would read every repository on the
     * server. {@code false} for a blank URL or one that cannot be parsed, which a fetch refuses anyway.
     */
    public static boolean isLocal(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            return RepositoryUrl.parse(url).isLocal();
        } catch (SourceException e) {
            return false;
        }
    }

    /**
     * What identifies the repository a URL names, {@code host/path} in lower case without credentials, port,
     * trailing {@code .git} or {@code /} ({@code git.example.com/shop/config}); a local repository has no host
     * ({@code /srv/git/config}). Empty when the URL is blank or cannot be parsed. Never contains credentials,
     * so it serves as a key (for rate limits) and in logs.
     */
    public static Optional<String> identity(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String trimmed = url.trim();
        Matcher scheme = SCHEME.matcher(trimmed);
        if (scheme.find()) {
            // JGit recognizes only lower-case schemes; anything else would be taken for a local path.
            trimmed = scheme.group(1).toLowerCase(Locale.ROOT) + trimmed.substring(scheme.end(1));
        }
        URIish uri;
        try {
            uri = new URIish(trimmed);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        boolean local = uri.getHost() == null;
        if (local && uri.getScheme() != null && !uri.getScheme().equals("file")) {
            return Optional.empty(); // "https:///x": URIish kept what it could not parse as the path
        }
        String rawPath = uri.getPath();
        if (uri.getScheme() != null && !uri.getScheme().equals("file") && rawPath != null) {
            rawPath = rawPath.replaceAll("[?#].*$", ""); // a query or fragment (a token) names no other repository
        }
        String path = normalizePath(rawPath);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        String host = local ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return Optional.of(host + "/" + path);
    }

    /** {@code /shop//config.git/} and {@code shop/config} (scp-like) both become {@code shop/config}. */
    private static String normalizePath(String rawPath) {
        String path = rawPath == null ? "" : rawPath.replace('\\', '/').replaceAll("/{2,}", "/");
        path = path.replaceAll("^/+", "").replaceAll("/+$", "");
        if (path.endsWith(".git")) {
            path = path.substring(0, path.length() - ".git".length()).replaceAll("/+$", "");
        }
        return path.toLowerCase(Locale.ROOT);
    }
}
