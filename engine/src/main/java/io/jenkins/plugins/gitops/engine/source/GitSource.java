package io.jenkins.plugins.gitops.engine.source;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.logging.Logger;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads a revision of a Git repository through a {@link RepositoryCache}: resolves the revision to a
 * commit (fetching only what is missing) and returns the commit's files as a {@link SourceSnapshot}.
 * Thread-safe; one instance can serve every environment.
 */
public final class GitSource {

    /** How long one network operation may stall before it fails (JGit's read timeout). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private static final Logger LOGGER = Logger.getLogger(GitSource.class.getName());

    private final RepositoryCache cache;
    private final Duration timeout;

    public GitSource(RepositoryCache cache) {
        this(cache, DEFAULT_TIMEOUT);
    }

    public GitSource(RepositoryCache cache, Duration timeout) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Brings the cache up to date for the request's revision and returns the files at its commit.
     *
     * @throws SourceException naming the repository (never the credentials) and why: unknown revision,
     *     missing path, authentication, unreachable server, invalid request or a local I/O failure
     */
    public SourceSnapshot fetch(SourceRequest request) throws SourceException {
        long start = System.nanoTime();
        RepositoryUrl url = RepositoryUrl.parse(request.url());
        Revision revision = Revision.parse(request.revision(), url);
        String path = TreePaths.normalize(request.path(), url.redacted(), url.redacted());
        CachedRepository cached = cache.repositoryFor(url);
        try {
            RevCommit commit = new RevisionResolver(url, request.credentials(), timeout, cache.sshDirectory())
                    .resolve(cached, revision);
            Repository repository = cached.repositoryIfPresent();
            String abbreviated;
            try (ObjectReader reader = repository.newObjectReader()) {
                abbreviated = reader.abbreviate(commit, Revision.MIN_ABBREVIATION).name();
                requirePath(reader, commit, path, url, abbreviated);
            }
            SourceSnapshot snapshot = new SourceSnapshot(repository, url.redacted(), request.revision().trim(),
                    CommitInfo.of(commit, abbreviated), commit.getTree(), path,
                    new TreeExporter(repository, cache.treesDirectory(), cache.temporaryDirectory()));
            LOGGER.fine(() -> "Read " + snapshot.description() + " for revision " + revision.text() + " in "
                    + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
            return snapshot;
        } catch (SourceException e) {
            throw e;
        } catch (IOException e) {
            throw SourceException.cacheFailure(url, cached.directory(), e);
        }
    }

    private static void requirePath(ObjectReader reader, RevCommit commit, String path, RepositoryUrl url,
            String abbreviated) throws IOException {
        if (path.isEmpty()) {
            return;
        }
        try (TreeWalk entry = TreeWalk.forPath(reader, path, commit.getTree())) {
            if (entry == null) {
                String where = url.redacted() + "@" + abbreviated;
                throw new SourceException(SourceException.Reason.PATH_NOT_FOUND, url.redacted(), where + ": path \""
                        + path + "\" does not exist at this commit; check the path, or push the folder to this revision");
            }
        }
    }
}
