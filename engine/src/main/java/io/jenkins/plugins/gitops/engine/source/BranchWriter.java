package io.jenkins.plugins.gitops.engine.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.logging.Logger;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Adds one commit to a branch of a remote repository through the {@link RepositoryCache}, without a
 * working tree: fetches the branch tip into the cached bare repository, lets the caller write a commit
 * on top of it (objects only), and pushes that commit with the same credentials, expecting the remote
 * branch still at the tip it was fetched at. All of it runs under the repository's update lock.
 *
 * <p>A push is never forced: when the remote branch moved in the meantime, {@link Outcome.RemoteMoved}
 * says so and the caller decides whether to write its change again on the new tip.
 */
public final class BranchWriter {

    private static final Logger LOGGER = Logger.getLogger(BranchWriter.class.getName());

    private final RepositoryCache cache;
    private final Duration timeout;

    public BranchWriter(RepositoryCache cache) {
        this(cache, GitSource.DEFAULT_TIMEOUT);
    }

    public BranchWriter(RepositoryCache cache, Duration timeout) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Writes a commit on top of {@code tip} into {@code repository} (objects only, no ref), or declines. */
    @FunctionalInterface
    public interface Change {
        /**
         * @return the new commit, whose parent is {@code tip}; or {@code null} when nothing needs to change
         * @throws IOException passed on to the caller of {@link #write} unchanged
         */
        ObjectId commitOn(Repository repository, RevCommit tip) throws IOException;
    }

    /** What became of one {@link #write}. */
    public sealed interface Outcome permits Outcome.Pushed, Outcome.Unchanged, Outcome.RemoteMoved {

        /** The new commit is now the remote branch's tip. */
        record Pushed(String previousTip, String commit) implements Outcome {
        }

        /** The change declined to commit: the branch stays at {@code tip}. */
        record Unchanged(String tip) implements Outcome {
        }

        /** The remote branch no longer pointed to {@code expectedTip} when the commit was pushed. */
        record RemoteMoved(String expectedTip, String detail) implements Outcome {
        }
    }

    /**
     * Fetches {@code branch} of {@code url}, asks {@code change} for a commit on its tip and pushes it.
     *
     * @param branch a branch name ({@code main}) or full ref ({@code refs/heads/main})
     * @throws SourceException naming the repository (never the credentials): unknown branch, refused push,
     *     authentication, unreachable server, invalid request or a local I/O failure
     * @throws IOException whatever {@code change} threw, unchanged
     */
    public Outcome write(String url, GitCredentials credentials, String branch, Change change) throws IOException {
        Objects.requireNonNull(change, "change");
        RepositoryUrl parsed = RepositoryUrl.parse(url);
        String refName = branchRef(branch, parsed);
        CachedRepository cached = cache.repositoryFor(parsed);
        try {
            return cached.update(repository -> {
                RemoteFetch remote = new RemoteFetch(cached, repository, parsed, credentials, timeout,
                        cache.sshDirectory());
                ObjectId tipId = remote.fetchRef(new Revision.RefName(refName));
                RevCommit tip;
                try (RevWalk walk = new RevWalk(repository)) {
                    tip = walk.parseCommit(tipId);
                }
                ObjectId commit;
                try {
                    commit = change.commitOn(repository, tip);
                } catch (IOException e) {
                    throw new ChangeFailure(e);
                }
                if (commit == null || commit.equals(tip)) {
                    return new Outcome.Unchanged(tip.name());
                }
                return push(remote, repository, parsed, refName, tip, commit);
            });
        } catch (ChangeFailure failure) {
            throw failure.getCause();
        } catch (SourceException e) {
            throw e;
        } catch (IOException e) {
            throw SourceException.cacheFailure(parsed, cached.directory(), e);
        }
    }

    private static Outcome push(RemoteFetch remote, Repository repository, RepositoryUrl url, String refName,
            RevCommit tip, ObjectId commit) throws IOException {
        RemoteRefUpdate update = remote.push(refName, tip, commit);
        String where = url.redacted();
        String detail = update.getMessage() == null ? update.getStatus().name() : update.getMessage();
        switch (update.getStatus()) {
            case OK, UP_TO_DATE -> {
                RefUpdate local = repository.updateRef(refName);
                local.setNewObjectId(commit);
                local.setForceUpdate(true);
                RefUpdate.Result result = local.update();
                if (result == RefUpdate.Result.LOCK_FAILURE || result == RefUpdate.Result.IO_FAILURE) {
                    LOGGER.fine(() -> "Pushed " + commit.name() + " to " + where + " but could not record it in the cache: " + result);
                }
                LOGGER.fine(() -> "Pushed " + commit.name() + " to " + refName + " of " + where);
                return new Outcome.Pushed(tip.name(), commit.name());
            }
            case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> {
                return new Outcome.RemoteMoved(tip.name(), detail);
            }
            case REJECTED_OTHER_REASON -> {
                if (detail.toLowerCase(Locale.ROOT).contains("lock")) {
                    return new Outcome.RemoteMoved(tip.name(), detail); // the server lost a race on the ref
                }
                throw refused(where, refName, detail);
            }
            default -> throw refused(where, refName, detail);
        }
    }

    private static SourceException refused(String where, String refName, String detail) {
        return new SourceException(SourceException.Reason.PUSH_REJECTED, where, where + ": push to " + refName
                + " refused (" + detail + "); check branch protection and that the credentials may push to this branch");
    }

    private static String branchRef(String branch, RepositoryUrl url) throws SourceException {
        String name = Objects.requireNonNull(branch, "branch").trim();
        String refName = name.startsWith(Constants.R_HEADS) ? name : Constants.R_HEADS + name;
        if (name.isEmpty() || name.startsWith(Constants.R_REFS) && !name.startsWith(Constants.R_HEADS)
                || !Repository.isValidRefName(refName)) {
            throw new SourceException(SourceException.Reason.INVALID_REQUEST, url.redacted(), url.redacted()
                    + ": branch \"" + name + "\" is not a valid branch name; give a branch such as main");
        }
        return refName;
    }

    /** Carries the change's own failure through the cache's lock, to be thrown unchanged afterwards. */
    private static final class ChangeFailure extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        ChangeFailure(IOException cause) {
            super(cause.getMessage() == null ? "change failed" : cause.getMessage(), cause);
        }
    }
}
