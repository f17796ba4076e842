/**
 * Git as the source of desired state: which commit a revision means now, and the files of that commit.
 *
 * <p>{@link io.jenkins.plugins.gitops.engine.source.GitSource#fetch GitSource.fetch} takes a
 * {@link io.jenkins.plugins.gitops.engine.source.SourceRequest} (URL, {@link
 * io.jenkins.plugins.gitops.engine.source.GitCredentials credentials}, revision, path) and returns a
 * {@link io.jenkins.plugins.gitops.engine.source.SourceSnapshot}: the commit's
 * {@link io.jenkins.plugins.gitops.engine.source.CommitInfo} and its tree as a
 * {@link io.jenkins.plugins.gitops.engine.source.FileTree}, read from the object database without a
 * working tree. Everything that goes wrong leaves the package as one
 * {@link io.jenkins.plugins.gitops.engine.source.SourceException} with a
 * {@link io.jenkins.plugins.gitops.engine.source.SourceException.Reason Reason} and the URL without
 * credentials.
 *
 * <p>Repositories are kept in a {@link io.jenkins.plugins.gitops.engine.source.RepositoryCache}: one bare
 * repository per URL, shared by every environment that uses it, updated under a per-repository lock (and
 * a file lock for other processes). Refreshing costs as little as the revision allows:
 *
 * <ul>
 *   <li>a branch or tag: one request (the server's ref advertisement, Git protocol v0); a pack only when
 *       the ref moved to a commit the cache does not have;
 *   <li>a commit SHA already cached: no request for credentials the server let read the repository
 *       since the cache was created, since commits never change; other credentials (or none) cost one
 *       request first, the ref advertisement, so the server refuses them as it would refuse a clone;
 *   <li>an unknown or abbreviated SHA: all branches and tags are fetched, then it is looked up again.
 * </ul>
 *
 * <p>Credentials are used for the one conversation they are given for: HTTP Basic pre-emptively, SSH keys
 * in memory with host keys checked against the given known hosts; {@code ~/.ssh}, SSH agents and JGit's
 * global credentials provider are never consulted, and no secret appears in a message, log or
 * {@code toString()}.
 *
 * <p>{@link io.jenkins.plugins.gitops.engine.source.BranchWriter} writes the other way, for
 * {@code gitopsSetImage}: it fetches a branch into the cache, lets its caller add one commit to the bare
 * repository under the update lock, and pushes it with the same credentials, never forced; a branch that
 * moved in between is reported, not overwritten.
 */
package io.jenkins.plugins.gitops.engine.source;
