package io.jenkins.plugins.gitops.engine.view;

import io.jenkins.plugins.gitops.engine.report.ReportObject;
import io.jenkins.plugins.gitops.engine.report.ReportSummary;
import io.jenkins.plugins.gitops.engine.resource.Origin;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Links from a drift report into the Git host's web interface: the file (and line) an object is declared in, at
 * the commit that was synced, and the commit itself. Only hosts whose link layout is known get a link; anything
 * else gets none, because a wrong link costs a user more than a missing one.
 *
 * <p>The kind of host comes from, in this order: the override map given to the constructor (for an instance whose
 * name says nothing, {@code git.example.com → GITLAB}); the public services (github.com, gitlab.com, bitbucket.org,
 * codeberg.org); a host name containing {@code github}, {@code gitlab}, {@code bitbucket}, {@code gitea} or
 * {@code forgejo}, taken for a self-hosted instance of that product. A self-hosted Bitbucket is Bitbucket Data
 * Center, whose links differ from bitbucket.org's ({@link HostKind#BITBUCKET_SERVER}).
 *
 * <p>What every link guarantees, whatever the inputs (they come from Git and from job configuration):
 * <ul>
 *   <li>it is {@code https://} (or {@code http://} when the repository URL was), never another scheme;</li>
 *   <li>it holds no user information: {@code https://ann:token@host/…} and {@code git@host:…} link to
 *       {@code https://host/…};</li>
 *   <li>it points into the repository it was made for: every path segment is percent-encoded (so a {@code #},
 *       {@code ?}, quote, {@code <}, line break or non-ASCII letter in a file name stays part of that segment),
 *       and a path with a {@code ..} segment gets no link at all (browsers resolve even an encoded one);</li>
 *   <li>the commit is a hexadecimal object id, else there is no link.</li>
 * </ul>
 * SSH URLs are linked on the default https port: the SSH port says nothing about the web interface's.
 *
 * <p>Immutable and thread-safe.
 */
public final class SourceLinks {

    private static final Map<String, HostKind> PUBLIC_HOSTS = Map.of(
            "github.com", HostKind.GITHUB,
            "gitlab.com", HostKind.GITLAB,
            "bitbucket.org", HostKind.BITBUCKET_CLOUD,
            "codeberg.org", HostKind.GITEA);

    /** Words in a host name that mark a self-hosted instance, checked in this order. */
    private static final List<Map.Entry<String, HostKind>> HOST_NAME_WORDS = List.of(
            Map.entry("github", HostKind.GITHUB),
            Map.entry("gitlab", HostKind.GITLAB),
            Map.entry("bitbucket", HostKind.BITBUCKET_SERVER),
            Map.entry("gitea", HostKind.GITEA),
            Map.entry("forgejo", HostKind.GITEA));

    /** SSH endpoints of the public services that serve SSH on port 443; their web interface has the main name. */
    private static final Map<String, String> SSH_ALIASES = Map.of(
            "ssh.github.com", "github.com",
            "altssh.gitlab.com", "gitlab.com",
            "altssh.bitbucket.org", "bitbucket.org");

    /** A full or abbreviated object id: SHA-1 or SHA-256. */
    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-fA-F]{4,64}");

    private final Map<String, HostKind> overrides;

    /**
     * @param overrides the kind of host per host name (case does not matter), ahead of any guess; for instances
     *     whose name does not say what they run
     */
    public SourceLinks(Map<String, HostKind> overrides) {
        Map<String, HostKind> copy = new HashMap<>();
        overrides.forEach((host, kind) -> copy.put(
                Objects.requireNonNull(host, "host").strip().toLowerCase(Locale.ROOT),
                Objects.requireNonNull(kind, () -> "kind of host " + host)));
        this.overrides = Map.copyOf(copy);
    }

    /** Links for the public services and for hosts whose name says what they run. */
    public static SourceLinks forKnownHosts() {
        return new SourceLinks(Map.of());
    }

    /** The kind of web interface serving {@code repositoryUrl}; empty when unknown or not a remote URL. */
    public Optional<HostKind> hostKind(String repositoryUrl) {
        return RepositoryAddress.parse(repositoryUrl).map(this::webAddress).flatMap(this::kindOf);
    }

    /**
     * The page showing {@code path} at {@code commit}, scrolled to {@code line}.
     *
     * @param repositoryUrl the repository as cloned (https, ssh or scp-like; credentials allowed, never shown)
     * @param commit the commit's object id
     * @param path the file, relative to the repository root ({@code apps/web/deployment.yaml})
     * @param line the 1-based line; 0 or less for the file without a line
     * @return the link; empty when the host is unknown or an input cannot be linked safely
     */
    public Optional<String> fileLink(String repositoryUrl, String commit, String path, int line) {
        Optional<String> sha = objectId(commit);
        Optional<String> encodedPath = encodedFilePath(path);
        if (sha.isEmpty() || encodedPath.isEmpty()) {
            return Optional.empty();
        }
        return repositoryPage(repositoryUrl).map(page -> page.kind().file(page.url(), sha.get(), encodedPath.get(),
                Math.max(line, 0)));
    }

    /** The page showing where {@code origin} declares an object, at {@code commit}; see {@link #fileLink(String, String, String, int)}. */
    public Optional<String> fileLink(String repositoryUrl, String commit, Origin origin) {
        return fileLink(repositoryUrl, commit, origin.file(), origin.line());
    }

    /**
     * The page showing where Git declares {@code object}, at the commit of the report's sync; empty for an object
     * Git no longer declares, for a report of a local folder, and wherever {@link #fileLink(String, String, String,
     * int)} has none.
     */
    public Optional<String> fileLink(ReportSummary summary, ReportObject object) {
        if (object.file() == null) {
            return Optional.empty();
        }
        return commitOf(summary).flatMap(sha -> fileLink(summary.source().repository(), sha, object.file(),
                object.line() == null ? 0 : object.line()));
    }

    /** The page of {@code commit}; empty when the host is unknown or the commit is not an object id. */
    public Optional<String> commitLink(String repositoryUrl, String commit) {
        Optional<String> sha = objectId(commit);
        if (sha.isEmpty()) {
            return Optional.empty();
        }
        return repositoryPage(repositoryUrl).map(page -> page.kind().commit(page.url(), sha.get()));
    }

    /** The page of the commit a report's sync ran at; empty without a commit or a known host. */
    public Optional<String> commitLink(ReportSummary summary) {
        return commitOf(summary).flatMap(sha -> commitLink(summary.source().repository(), sha));
    }

    private Optional<RepositoryPage> repositoryPage(String repositoryUrl) {
        Optional<RepositoryAddress> address = RepositoryAddress.parse(repositoryUrl).map(this::webAddress);
        Optional<HostKind> kind = address.flatMap(this::kindOf);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        return kind.get().repositoryPage(address.get()).map(url -> new RepositoryPage(kind.get(), url));
    }

    private RepositoryAddress webAddress(RepositoryAddress address) {
        String alias = address.overSsh() ? SSH_ALIASES.get(address.host()) : null;
        return alias == null || overrides.containsKey(address.host()) ? address : address.onHost(alias);
    }

    private Optional<HostKind> kindOf(RepositoryAddress address) {
        String host = address.host();
        HostKind kind = overrides.get(host);
        if (kind == null) {
            kind = PUBLIC_HOSTS.get(host);
        }
        if (kind == null) {
            kind = HOST_NAME_WORDS.stream().filter(word -> host.contains(word.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
        return Optional.ofNullable(kind);
    }

    private static Optional<String> objectId(String commit) {
        return commit != null && OBJECT_ID.matcher(commit).matches()
                ? Optional.of(commit.toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /**
     * {@code /a/b%20c.yaml} for {@code a/b c.yaml}: empty and {@code .} segments dropped, each segment encoded;
     * empty for no file and for a {@code ..} segment.
     */
    private static Optional<String> encodedFilePath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        StringBuilder encoded = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                return Optional.empty();
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                encoded.append('/').append(UrlSegments.encode(segment));
            }
        }
        return encoded.length() == 0 ? Optional.empty() : Optional.of(encoded.toString());
    }

    private static Optional<String> commitOf(ReportSummary summary) {
        return Optional.ofNullable(summary.revision()).map(ReportSummary.Revision::commit)
                .map(ReportSummary.Commit::sha);
    }

    private record RepositoryPage(HostKind kind, String url) {
    }
}
