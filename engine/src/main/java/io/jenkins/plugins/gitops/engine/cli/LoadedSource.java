package io.jenkins.plugins.gitops.engine.cli;

import io.jenkins.plugins.gitops.engine.source.CommitInfo;
import io.jenkins.plugins.gitops.engine.source.FileTree;
import io.jenkins.plugins.gitops.engine.source.RepositoryCache;

/**
 * The files a command renders: a commit read from Git, or a local folder.
 *
 * @param tree the files
 * @param path the folder inside {@code tree} to render, {@code ""} for its root
 * @param location the repository URL (without credentials) or the folder, for reports
 * @param revision the revision asked for, or {@code null} for a folder
 * @param commit the commit read, or {@code null} for a folder
 * @param filePrefix what turns a tree path into one the user can open: the folder as given on the
 *     command line (so {@code examples/web/deploy.yaml:12} is clickable), empty for Git
 * @param cache the repository cache to close afterwards, or {@code null}
 */
record LoadedSource(FileTree tree, String path, String location, String revision, CommitInfo commit,
        String filePrefix, RepositoryCache cache) implements AutoCloseable {

    @Override
    public void close() {
        if (cache != null) {
            cache.close();
        }
    }
}
