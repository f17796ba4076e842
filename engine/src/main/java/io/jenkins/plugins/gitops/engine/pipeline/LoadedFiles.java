package io.jenkins.plugins.gitops.engine.pipeline;

import io.jenkins.plugins.gitops.engine.chart.ResolvedChart;
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
 * @param chart the chart from a Helm repository or OCI registry laid over the files ({@link ChartSource}), which
 *     {@code path} then names; {@code null} when the files are rendered alone
 */
public record LoadedFiles(FileTree tree, String path, String location, String revision, CommitInfo commit,
        ResolvedChart chart) {

    public LoadedFiles {
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(location, "location");
        path = path == null ? "" : path;
    }

    /** Files rendered alone, without a chart from a repository. */
    public LoadedFiles(FileTree tree, String path, String location, String revision, CommitInfo commit) {
        this(tree, path, location, revision, commit, null);
    }
}
