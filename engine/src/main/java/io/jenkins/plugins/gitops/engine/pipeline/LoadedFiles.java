package io.jenkins.plugins.gitops.engine.pipeline;

import io.jenkins.plugins.gitops.engine.source.CommitInfo;
import io.jenkins.plugins.gitops.engine.source.FileTree;
import java.util.Objects;

/**
 * The files one run renders: a commit read from Git, or a local folder.
 *
 * @param tree the files
 * @param path the folder inside {@code tree} to render, {@code ""} for its root
 * @param location the repository URL (without credentials) or the folder, for messages and reports
 * @param revision the revision asked for, or {@code null} for a folder
 * @param commit the commit read, or {@code null} for a folder
 */
public record LoadedFiles(FileTree tree, String path, String location, String revision, CommitInfo commit) {

    public LoadedFiles {
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(location, "location");
        path = path == null ? "" : path;
    }
}
