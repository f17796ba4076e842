package io.jenkins.plugins.gitops.engine.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A remote repository URL taken apart for building web links: the web scheme, the host, the port when it is a web
 * port, and the decoded path segments without {@code .git}. The user information is read past and dropped, so
 * nothing built from an address can carry a user name, password or token.
 *
 * @param scheme {@code https}, or {@code http} when the repository URL was plain http
 * @param host the host name in lower case
 * @param port the port of an http or https URL; -1 for the scheme's default and for SSH, whose port says nothing
 *     about the web interface's
 * @param segments the repository's path segments, decoded, never empty, never {@code .} or {@code ..}
 * @param overSsh whether the URL was an SSH (or git protocol) URL rather than a web one
 */
record RepositoryAddress(String scheme, String host, int port, List<String> segments, boolean overSsh) {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");
    /** {@code [user@]host:path}, the scp-like form; a {@code /} before the colon makes it a local path. */
    private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^/@]+@)?([^/@:]+):(.*)$");
    private static final Pattern HOST = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*");
    private static final Set<String> SSH_SCHEMES = Set.of("ssh", "git", "git+ssh", "ssh+git");

    RepositoryAddress {
        segments = List.copyOf(segments);
    }

    /**
     * The address of {@code url}: {@code https://host/path}, {@code http://…}, {@code ssh://[user@]host[:port]/path},
     * {@code git://host/path} or scp-like {@code [user@]host:path}, with or without {@code .git}. Empty for anything
     * else (a local folder, {@code file://}, another scheme), and for a URL no browser should be sent to: a control
     * character or space anywhere, a query or fragment, a host that is not a plain DNS name, a {@code ..} segment.
     */
    static Optional<RepositoryAddress> parse(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String text = url.strip();
        if (text.isEmpty() || UrlSegments.hasControlCharacter(text) || text.chars().anyMatch(Character::isWhitespace)
                || text.indexOf('?') >= 0 || text.indexOf('#') >= 0) {
            return Optional.empty();
        }
        Matcher scheme = SCHEME.matcher(text);
        if (scheme.find()) {
            return parseWithScheme(scheme.group(1).toLowerCase(Locale.ROOT), text.substring(scheme.end()));
        }
        Matcher scp = SCP_LIKE.matcher(text);
        if (scp.matches()) {
            return address("https", scp.group(1), -1, scp.group(2), true);
        }
        return Optional.empty();
    }

    private static Optional<RepositoryAddress> parseWithScheme(String scheme, String rest) {
        boolean web = scheme.equals("https") || scheme.equals("http");
        if (!web && !SSH_SCHEMES.contains(scheme)) {
            return Optional.empty();
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash);
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        String host = hostAndPort;
        int port = -1;
        int colon = hostAndPort.lastIndexOf(':');
        if (colon >= 0) {
            host = hostAndPort.substring(0, colon);
            Optional<Integer> parsed = port(hostAndPort.substring(colon + 1));
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            port = web ? parsed.get() : -1;
        }
        if (web && (port == 443 && scheme.equals("https") || port == 80 && scheme.equals("http"))) {
            port = -1;
        }
        return address(web ? scheme : "https", host, port, path, !web);
    }

    private static Optional<RepositoryAddress> address(String scheme, String rawHost, int port, String path,
            boolean overSsh) {
        String host = rawHost.toLowerCase(Locale.ROOT);
        if (!HOST.matcher(host).matches()) {
            return Optional.empty();
        }
        List<String> segments = new ArrayList<>();
        for (String raw : path.split("/", -1)) {
            if (raw.isEmpty()) {
                continue;
            }
            Optional<String> segment = UrlSegments.decode(raw);
            if (segment.isEmpty() || segment.get().equals(".") || segment.get().equals("..")
                    || segment.get().contains("/") || UrlSegments.hasControlCharacter(segment.get())) {
                return Optional.empty();
            }
            segments.add(segment.get());
        }
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        int last = segments.size() - 1;
        String name = segments.get(last);
        if (name.endsWith(".git")) {
            name = name.substring(0, name.length() - ".git".length());
            if (name.isEmpty() || name.equals(".") || name.equals("..")) {
                return Optional.empty();
            }
            segments.set(last, name);
        }
        return Optional.of(new RepositoryAddress(scheme, host, port, segments, overSsh));
    }

    private static Optional<Integer> port(String digits) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        int port = Integer.parseInt(digits);
        return port > 0 && port <= 65_535 ? Optional.of(port) : Optional.empty();
    }

    /** This address on another host (an SSH alias such as {@code ssh.github.com} serves {@code github.com}). */
    RepositoryAddress onHost(String otherHost) {
        return new RepositoryAddress(scheme, otherHost, port, segments, overSsh);
    }

    /** {@code https://host[:port]}, the root of the web interface. */
    String origin() {
        return scheme + "://" + host + (port < 0 ? "" : ":" + port);
    }

    /** {@code /a/b/c} for the segments from {@code from} (inclusive) to {@code to} (exclusive), each encoded. */
    String encodedPath(int from, int to) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments.subList(from, to)) {
            path.append('/').append(UrlSegments.encode(segment));
        }
        return path.toString();
    }
}
