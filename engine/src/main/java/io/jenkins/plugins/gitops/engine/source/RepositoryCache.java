package io.jenkins.plugins.gitops.engine.source;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Logger;

/**
 * The local copies of remote repositories, under one root folder:
 *
 * <pre>
 * root/repos/&lt;name&gt;-&lt;hash&gt;/   one bare repository per URL (hash of the normalized URL, never credentials)
 * root/locks/&lt;name&gt;-&lt;hash&gt;.lock  file lock: one process at a time updates a repository
 * root/trees/&lt;commit sha&gt;/      commit trees exported for tools that need real files
 * root/tmp/                        work in progress, renamed into place when complete
 * root/ssh/                        an empty home for SSH, so ~/.ssh is never read
 * </pre>
 *
 * <p>Every environment that uses a repository shares its cache entry, whatever revision and folder it
 * reads. Updates of one repository are serialized (a lock per repository in this JVM, plus a file lock
 * for other processes sharing the root); reading objects needs no lock, because Git objects never change
 * and a fetch only adds packs and moves refs atomically.
 *
 * <p>Sharing the objects does not share access to them: a revision the cache can answer without the
 * server (a commit SHA already fetched) is served without a request only to credentials the server let
 * read that repository since this cache was created; other credentials, or none, are first checked with
 * one request (the server's ref advertisement), so that they are refused exactly as the server would refuse
 * them. Which credentials were let in is kept in memory, as keyed fingerprints, never on disk: a new cache
 * (a restarted controller) checks each caller once again.
 *
 * <p>The cache keeps repositories open until {@link #close()}; snapshots read through them, so close the
 * cache only when no snapshot is in use any more. Create one cache per root and pass it to whoever needs
 * it (there is no global instance).
 */
public final class RepositoryCache implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(RepositoryCache.class.getName());

    private final Path root;
    private final ConcurrentMap<String, CachedRepository> repositories = new ConcurrentHashMap<>();
    /** Names credentials without keeping them; its key lives and dies with this cache. */
    private final CredentialFingerprint fingerprint = new CredentialFingerprint();

    public RepositoryCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * Where the bare repository for a URL lives (whether or not it has been fetched yet).
     *
     * @throws SourceException (INVALID_REQUEST) when the URL cannot be parsed or contains a password
     */
    public Path repositoryDirectory(String url) throws SourceException {
        return root.resolve("repos").resolve(RepositoryUrl.parse(url).cacheDirectoryName());
    }

    CachedRepository repositoryFor(RepositoryUrl url) {
        String name = url.cacheDirectoryName();
        return repositories.computeIfAbsent(name, key -> new CachedRepository(url,
                root.resolve("repos").resolve(key), root.resolve("locks").resolve(key + ".lock"), temporaryDirectory(), fingerprint));
    }

    Path treesDirectory() {
        return root.resolve("trees");
    }

    Path temporaryDirectory() {
        return root.resolve("tmp");
    }

    /** An empty folder used as SSH home and SSH directory, so no user or system SSH configuration is read. */
    Path sshDirectory() {
        return root.resolve("ssh");
    }

    /** Closes the open repositories; snapshots read from them must not be used afterwards. */
    @Override
    public void close() {
        repositories.values().forEach(CachedRepository::close);
        repositories.clear();
        LOGGER.fine(() -> "Closed repository cache " + root);
    }

    @Override
    public String toString() {
        return "RepositoryCache[" + root + "]";
    }
}
