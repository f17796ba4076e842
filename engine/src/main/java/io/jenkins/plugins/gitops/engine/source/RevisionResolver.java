package io.jenkins.plugins.gitops.engine.source;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Finds the commit a revision means, touching the network only when the cache cannot answer:
 *
 * <ul>
 *   <li>a branch, tag or ref name: always asks the remote where it points now (one request when nothing
 *       changed);
 *   <li>a commit SHA (full or abbreviated) already in the cache: no request at all for credentials the
 *       server let read this repository before, since a commit never changes; any other credentials are
 *       first checked with one request (the ref advertisement), so that the cache never serves a commit to
 *       a caller the server would refuse;
 *   <li>a SHA not in the cache, or an abbreviated SHA the cache cannot resolve: fetches all branches and
 *       tags, then looks again.
 * </ul>
 *
 * <p>7 to 39 hex digits are taken for an abbreviated SHA first; only when no commit starts with them is a
 * branch or tag of that name used (so a tag "20240101" works, at the price of fetching all branches and
 * tags on each refresh; write refs/tags/20240101 to avoid that).
 */
final class RevisionResolver {

    private final RepositoryUrl url;
    private final GitCredentials credentials;
    private final Duration timeout;
    private final Path sshHome;

    RevisionResolver(RepositoryUrl url, GitCredentials credentials, Duration timeout, Path sshHome) {
        this.url = url;
        this.credentials = credentials;
        this.timeout = timeout;
        this.sshHome = sshHome;
    }

    /** Resolves the revision to a commit that is complete in the cache. */
    RevCommit resolve(CachedRepository cached, Revision revision) throws IOException {
        if (revision instanceof Revision.RefName ref) {
            ObjectId target = cached.update(repository -> remote(cached, repository).fetchRef(ref));
            return commit(cached.repositoryIfPresent(), target, revision);
        }
        Repository present = cached.repositoryIfPresent();
        ObjectId local = present == null ? null : findLocally(present, revision);
        if (local != null && !cached.admits(credentials)) {
            // The objects were fetched with other credentials (or none, or before a restart): the server
            // decides whether these may read the repository, as it would for a clone.
            cached.update(repository -> {
                remote(cached, repository).checkAccess();
                return null;
            });
        }
        if (local == null) {
            // Check again under the lock: another thread may have fetched it while we waited.
            local = cached.update(repository -> {
                ObjectId found = findLocally(repository, revision);
                if (found == null) {
                    remote(cached, repository).fetchBranchesAndTags();
                    found = findLocally(repository, revision);
                }
                if (found == null && revision instanceof Revision.AbbreviatedCommitId) {
                    found = findBranchOrTagNamed(repository, revision.text());
                }
                return found;
            });
        }
        if (local == null) {
            throw new SourceException(SourceException.Reason.UNKNOWN_REVISION, url.redacted(), url.redacted()
                    + ": commit \"" + revision.text() + "\" not found on any branch or tag; check the commit SHA,"
                    + " and that it was pushed");
        }
        return commit(cached.repositoryIfPresent(), local, revision);
    }

    private RemoteFetch remote(CachedRepository cached, Repository repository) {
        return new RemoteFetch(cached, repository, url, credentials, timeout, sshHome);
    }

    /** The object a SHA names in the cache, or {@code null}; refuses a SHA prefix that fits several commits. */
    private ObjectId findLocally(Repository repository, Revision revision) throws IOException {
        if (revision instanceof Revision.CommitId full) {
            return repository.getObjectDatabase().has(full.id()) ? full.id() : null;
        }
        Revision.AbbreviatedCommitId abbreviated = (Revision.AbbreviatedCommitId) revision;
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            Collection<ObjectId> candidates = reader.resolve(abbreviated.id());
            List<ObjectId> commits = new ArrayList<>();
            for (ObjectId candidate : candidates) {
                if (walk.peel(walk.parseAny(candidate)).getType() == Constants.OBJ_COMMIT) {
                    commits.add(candidate);
                }
            }
            if (commits.size() > 1) {
                throw new SourceException(SourceException.Reason.INVALID_REQUEST, url.redacted(), url.redacted()
                        + ": commit \"" + revision.text() + "\" is ambiguous (" + commits.size()
                        + " commits start with it); give more digits of the SHA");
            }
            return commits.isEmpty() ? null : commits.get(0);
        }
    }

    /**
     * A branch or tag whose name looks like a SHA ("20240101"): found among the branches and tags just
     * fetched when no commit starts with those digits.
     */
    private ObjectId findBranchOrTagNamed(Repository repository, String name) throws IOException {
        Ref branch = repository.exactRef(Constants.R_HEADS + name);
        Ref tag = repository.exactRef(Constants.R_TAGS + name);
        if (branch != null && tag != null) {
            throw new SourceException(SourceException.Reason.INVALID_REQUEST, url.redacted(), url.redacted()
                    + ": revision \"" + name + "\" is both a branch and a tag; use refs/heads/" + name
                    + " or refs/tags/" + name);
        }
        Ref ref = branch != null ? branch : tag;
        return ref == null ? null : ref.getObjectId();
    }

    private RevCommit commit(Repository repository, ObjectId id, Revision revision) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            RevObject object = walk.peel(walk.parseAny(id));
            if (!(object instanceof RevCommit commit)) {
                throw new SourceException(SourceException.Reason.INVALID_REQUEST, url.redacted(), url.redacted()
                        + ": revision \"" + revision.text() + "\" names a " + Constants.typeString(object.getType())
                        + ", not a commit; give a branch, a tag or a commit SHA");
            }
            walk.parseBody(commit);
            return commit;
        }
    }
}
