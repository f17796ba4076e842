package io.jenkins.plugins.gitops.engine.source;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.transport.URIish;

/**
 * A repository URL in the three forms the engine needs: redacted for people (no user, no password, no
 * query values: see {@link UrlRedaction}),
 * normalized for the cache key (so {@code HTTPS://Host/x/} and {@code https://host/x} share one cache),
 * and the address handed to JGit.
 */
final class RepositoryUrl {

    private static final Set<String> SSH_SCHEMES = Set.of("ssh", "ssh+git", "git+ssh");
    private static final Pattern USERINFO = Pattern.compile("(?<=//).*@");
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");

    private final URIish uri;
    private final String given;
    private final String redacted;
    private final String normalized;

    private RepositoryUrl(URIish uri, String given) {
        this.uri = uri;
        this.given = given;
        this.redacted = UrlRedaction.redact(uri.setUser(null).setPass(null).toString());
        this.normalized = normalize(uri);
    }

    /**
     * Parses a URL as given by a user.
     *
     * @throws SourceException (INVALID_REQUEST) when it cannot be parsed or carries a password
     */
    static RepositoryUrl parse(String url) throws SourceException {
        String trimmed = url.trim();
        if (trimmed.isEmpty()) {
            throw new SourceException(SourceException.Reason.INVALID_REQUEST, "",
                    "repository URL: is empty; give the URL of a Git repository");
        }
        Matcher scheme = SCHEME.matcher(trimmed);
        if (scheme.find()) {
            // JGit recognizes only lower-case schemes; anything else would be taken for a local path.
            trimmed = scheme.group(1).toLowerCase(Locale.ROOT) + trimmed.substring(scheme.end(1));
        }
        URIish uri;
        try {
            uri = new URIish(trimmed);
        } catch (URISyntaxException e) {
            throw unparsable(trimmed);
        }
        if (uri.getScheme() != null && !uri.getScheme().equals("file") && uri.getHost() == null) {
            // URIish keeps what it cannot parse as the path, credentials included: never show that.
            throw unparsable(trimmed);
        }
        RepositoryUrl parsed = new RepositoryUrl(uri, trimmed);
        if (uri.getPass() != null && !uri.getPass().isEmpty()) {
            throw new SourceException(SourceException.Reason.INVALID_REQUEST, parsed.redacted,
                    parsed.redacted + ": the URL contains a password; remove it from the URL and pass it as credentials");
        }
        return parsed;
    }

    /** For messages: the URL without user name or password. */
    String redacted() {
        return redacted;
    }

    /** Whether the URL as given carries a secret in its query or fragment (see {@link UrlRedaction#secrets}). */
    boolean hasSecrets() {
        return !UrlRedaction.secrets(given).isEmpty();
    }

    /** {@code text} (a library's message) with every secret of the URL as given masked. */
    String maskSecrets(String text) {
        return UrlRedaction.mask(text, given);
    }

    /** For the cache: scheme and host in lower case, no credentials, no default port, no trailing '/'. */
    String normalized() {
        return normalized;
    }

    boolean isSsh() {
        String scheme = uri.getScheme();
        return scheme == null ? uri.getHost() != null : SSH_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether JGit reads this repository from the local file system rather than from a server:
     * {@code file://} URLs and plain paths (a bare repository, a working copy, a bundle file), which JGit
     * opens without any host. In a server such as Jenkins, a user who may configure a repository URL could
     * read every repository on the controller this way, Jenkins' own caches included.
     */
    boolean isLocal() {
        // file://host/path is a path as well to JGit (a UNC share on Windows), whatever the host.
        return uri.getHost() == null || uri.getHost().isEmpty() || "file".equals(uri.getScheme());
    }

    boolean isHttp() {
        String scheme = uri.getScheme();
        return scheme != null && scheme.toLowerCase(Locale.ROOT).startsWith("http");
    }

    /**
     * The address for JGit. HTTP(S) URLs lose their user (credentials travel in the request header);
     * SSH URLs get the credentials' login when one is set.
     */
    URIish transportUri(GitCredentials credentials) {
        if (isHttp()) {
            return uri.setUser(null).setPass(null);
        }
        if (credentials instanceof GitCredentials.SshKey key && !key.username().isBlank()) {
            return uri.setUser(key.username()).setPass(null);
        }
        return uri.setPass(null);
    }

    /**
     * A directory name for this repository's cache: a readable hint (the last path segment) and a hash
     * of the normalized URL, e.g. {@code shop-config-1f3a...}. Never contains credentials.
     */
    String cacheDirectoryName() {
        // The query and fragment may hold a token: never part of a file name.
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("[?#].*$", "").replaceAll("/+$", "");
        String hint = path.substring(path.lastIndexOf('/') + 1).replaceAll("\\.git$", "")
                .replaceAll("[^A-Za-z0-9._-]", "_");
        if (hint.length() > 40) {
            hint = hint.substring(0, 40);
        }
        String hash = sha256(normalized).substring(0, 24);
        return hint.isEmpty() || hint.startsWith(".") ? hash : hint + "-" + hash;
    }

    @Override
    public String toString() {
        return redacted;
    }

    private static String normalize(URIish uri) {
        String scheme = uri.getScheme() == null ? (uri.getHost() == null ? "file" : "ssh")
                : uri.getScheme().toLowerCase(Locale.ROOT);
        StringBuilder result = new StringBuilder(scheme).append("://");
        if (uri.getHost() != null) {
            result.append(uri.getHost().toLowerCase(Locale.ROOT));
        }
        if (uri.getPort() > 0 && uri.getPort() != defaultPort(scheme)) {
            result.append(':').append(uri.getPort());
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        if (uri.getScheme() == null && uri.getHost() != null && !path.startsWith("/")) {
            result.append("/~/"); // scp-like "host:path" is relative to the login's home, unlike ssh://host/path
        }
        return result.append(path).toString();
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "https" -> 443;
            case "http" -> 80;
            case "git" -> 9418;
            default -> SSH_SCHEMES.contains(scheme) ? 22 : -1;
        };
    }

    private static SourceException unparsable(String url) {
        String shown = roughlyRedact(url);
        return new SourceException(SourceException.Reason.INVALID_REQUEST, shown,
                shown + ": not a valid Git URL; use https://host/path.git, ssh://user@host/path.git or git@host:path.git");
    }

    private static String roughlyRedact(String url) {
        return UrlRedaction.redact(USERINFO.matcher(url).replaceFirst(""));
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
