package io.jenkins.plugins.gitops.engine.source;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * One conversation with the remote repository, on behalf of the cache: find where a ref points and
 * download what is missing, or only prove that the credentials may read the repository. Callers hold the
 * repository's update lock. The outcome tells the cache about the credentials: a conversation that
 * succeeds admits them, one the server refuses (authentication, or a repository it hides) forgets them.
 *
 * <p>A ref is fetched over a single connection: the server's ref advertisement (one HTTP request, with
 * protocol v0 as the cache configures it) tells where the ref points; if that commit is already complete
 * in the cache, nothing else is sent. Only a moved ref costs a second request, which carries the pack.
 */
final class RemoteFetch {

    private static final Logger LOGGER = Logger.getLogger(RemoteFetch.class.getName());

    /** Where a fetched {@code HEAD} is kept: the cache's own HEAD is a bare repository's, not the remote's. */
    static final String REMOTE_HEAD = "refs/gitops/HEAD";

    private static final List<RefSpec> BRANCHES_AND_TAGS = List.of(
            new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"));

    private final CachedRepository cached;
    private final Repository repository;
    private final RepositoryUrl url;
    private final GitCredentials credentials;
    private final Duration timeout;
    private final Path sshHome;

    RemoteFetch(CachedRepository cached, Repository repository, RepositoryUrl url, GitCredentials credentials,
            Duration timeout, Path sshHome) {
        this.cached = cached;
        this.repository = repository;
        this.url = url;
        this.credentials = credentials;
        this.timeout = timeout;
        this.sshHome = sshHome;
    }

    @FunctionalInterface
    private interface Conversation<T> {
        T run(Transport transport) throws IOException;
    }

    /**
     * Updates the cache's copy of one branch, tag or ref and returns the object it points to (a commit,
     * or an annotated tag).
     *
     * @throws SourceException UNKNOWN_REVISION when the remote has no such ref, INVALID_REQUEST when a
     *     short name is both a branch and a tag, or the reason the conversation failed
     */
    ObjectId fetchRef(Revision.RefName revision) throws SourceException {
        return converse(transport -> {
            List<String> candidates = revision.candidates();
            try (FetchConnection connection = transport.openFetch(List.of(), candidates.toArray(String[]::new))) {
                Ref remote = select(connection, revision);
                ObjectId target = remote.getObjectId();
                String localName = remote.getName().equals(Constants.HEAD) ? REMOTE_HEAD : remote.getName();
                Ref local = repository.exactRef(localName);
                if (local != null && target.equals(local.getObjectId())) {
                    return target; // unchanged: the common case, decided by the advertisement alone
                }
                if (!isComplete(target)) {
                    LOGGER.fine(() -> "Fetching " + remote.getName() + " (" + target.name() + ") from " + url);
                    connection.fetch(NullProgressMonitor.INSTANCE, List.of(remote), Set.of());
                    if (!isComplete(target)) {
                        throw new TransportException("the server sent an incomplete pack for " + remote.getName());
                    }
                }
                storeRef(localName, target);
                return target;
            }
        });
    }

    /**
     * Reads the server's ref advertisement and nothing more (one request over HTTP with protocol v0, one
     * command over SSH): proof that the credentials may read the repository, before the cache serves them a
     * commit it already has.
     *
     * @throws SourceException the reason the server refused, or why the conversation failed
     */
    void checkAccess() throws SourceException {
        converse(transport -> {
            try (FetchConnection connection = transport.openFetch()) {
                LOGGER.fine(() -> "Checked access to " + url + ": " + connection.getRefs().size() + " refs advertised");
                return null;
            }
        });
    }

    /** Updates every branch and tag; used to find a commit given by its SHA. */
    void fetchBranchesAndTags() throws SourceException {
        converse(transport -> transport.fetch(NullProgressMonitor.INSTANCE, BRANCHES_AND_TAGS));
    }

    /**
     * Pushes {@code commit} to {@code refName}, expecting the remote ref at {@code expected}, and returns
     * the server's verdict (never forced: a moved ref is reported, not overwritten).
     */
    RemoteRefUpdate push(String refName, ObjectId expected, ObjectId commit) throws SourceException {
        return converse(transport -> {
            RemoteRefUpdate update = new RemoteRefUpdate(repository, null, commit, refName, false, null, expected);
            PushResult result = transport.push(NullProgressMonitor.INSTANCE, List.of(update));
            RemoteRefUpdate answered = result.getRemoteUpdate(refName);
            return answered == null ? update : answered;
        });
    }

    private Ref select(FetchConnection connection, Revision.RefName revision) throws SourceException {
        List<Ref> found = new ArrayList<>();
        for (String candidate : revision.candidates()) {
            Ref ref = connection.getRef(candidate);
            if (ref != null && ref.getObjectId() != null) {
                found.add(ref);
            }
        }
        String where = url.redacted();
        if (found.isEmpty()) {
            throw new SourceException(SourceException.Reason.UNKNOWN_REVISION, where,
                    where + ": revision \"" + revision.text() + "\" not found; check the branch or tag name");
        }
        if (found.size() > 1) {
            throw new SourceException(SourceException.Reason.INVALID_REQUEST, where, where + ": revision \""
                    + revision.text() + "\" is both a branch and a tag; use refs/heads/" + revision.text()
                    + " or refs/tags/" + revision.text());
        }
        return found.get(0);
    }

    /**
     * Whether the object and everything it references is in the cache. Refs only ever point to complete
     * histories, so the walk stops where it meets one: cheap when the ref did not move.
     */
    private boolean isComplete(ObjectId id) throws IOException {
        try (ObjectWalk walk = new ObjectWalk(repository)) {
            RevObject start = walk.parseAny(id);
            walk.markStart(start);
            for (Ref ref : repository.getRefDatabase().getRefs()) {
                ObjectId tip = ref.getObjectId();
                if (tip != null && repository.getObjectDatabase().has(tip)) {
                    walk.markUninteresting(walk.parseAny(tip));
                }
            }
            walk.checkConnectivity();
            return true;
        } catch (MissingObjectException missing) {
            return false;
        }
    }

    private void storeRef(String name, ObjectId target) throws IOException {
        RefUpdate update = repository.updateRef(name);
        update.setNewObjectId(target);
        update.setForceUpdate(true); // the remote is the truth, even after a force push
        RefUpdate.Result result = update.update();
        switch (result) {
            case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> LOGGER.fine(() -> name + " of " + url + " is " + target.name());
            default -> throw new IOException("cannot update " + name + " in the cache: " + result);
        }
    }

    private <T> T converse(Conversation<T> conversation) throws SourceException {
        checkCredentialsFit();
        SshAuthentication ssh = credentials instanceof GitCredentials.SshKey key
                ? SshAuthentication.of(key, sshHome, url) : null;
        try (Transport transport = Transport.open(repository, url.transportUri(credentials))) {
            configure(transport, ssh);
            T result = conversation.run(transport);
            cached.admit(credentials);
            return result;
        } catch (SourceException e) {
            throw e;
        } catch (NotSupportedException e) {
            throw new SourceException(SourceException.Reason.INVALID_REQUEST, url.redacted(), url.redacted()
                    + ": this kind of URL is not supported (" + TransportFailures.causeText(e, url, credentials)
                    + "); use an https://, ssh:// or file:// URL", e);
        } catch (TransportException e) {
            SourceException failure = TransportFailures.describe(e, url, credentials,
                    ssh == null ? null : ssh.hostKeyRefusal());
            if (failure.reason() == SourceException.Reason.AUTHENTICATION_FAILED
                    || failure.reason() == SourceException.Reason.REPOSITORY_NOT_FOUND) {
                cached.refuse(credentials);
            }
            throw failure;
        } catch (IOException e) {
            throw SourceException.cacheFailure(url, repository.getDirectory(), e);
        } finally {
            if (ssh != null) {
                ssh.close();
            }
        }
    }

    private void configure(Transport transport, SshAuthentication ssh) {
        transport.setTimeout((int) Math.max(1, timeout.toSeconds()));
        transport.setTagOpt(TagOpt.NO_TAGS);
        transport.setRemoveDeletedRefs(false); // keep old commits resolvable by SHA
        transport.setCheckFetchedObjects(true);
        // Never fall back to a JVM-wide default CredentialsProvider: only the given credentials count.
        transport.setCredentialsProvider(null);
        if (credentials instanceof GitCredentials.UsernamePassword password && transport instanceof TransportHttp http) {
            char[] secret = password.secret();
            // Pre-emptive Basic authentication: one request instead of a 401 and a retry.
            http.setPreemptiveBasicAuthentication(password.username(), new String(secret));
            transport.setCredentialsProvider(new UsernamePasswordCredentialsProvider(password.username(), secret));
        }
        if (ssh != null && transport instanceof SshTransport sshTransport) {
            sshTransport.setSshSessionFactory(ssh.sessionFactory());
        }
    }

    private void checkCredentialsFit() throws SourceException {
        String where = url.redacted();
        if (url.isSsh() && !(credentials instanceof GitCredentials.SshKey)) {
            throw new SourceException(SourceException.Reason.INVALID_REQUEST, where,
                    where + ": an SSH URL needs SSH key credentials; add an SSH key or use the https:// URL");
        }
        if (credentials instanceof GitCredentials.SshKey && !url.isSsh()) {
            throw new SourceException(SourceException.Reason.INVALID_REQUEST, where,
                    where + ": SSH key credentials need an SSH URL (ssh://host/path or git@host:path); change the URL or the credentials");
        }
        if (credentials instanceof GitCredentials.UsernamePassword && !url.isHttp()) {
            throw new SourceException(SourceException.Reason.INVALID_REQUEST, where,
                    where + ": user name and password credentials need an https:// URL; change the URL or the credentials");
        }
    }
}
