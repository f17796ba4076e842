package io.jenkins.plugins.gitops.engine.pipeline;

import io.jenkins.plugins.gitops.engine.render.RenderException;
import io.jenkins.plugins.gitops.engine.report.ReportContext;
import io.jenkins.plugins.gitops.engine.report.SyncReport;
import io.jenkins.plugins.gitops.engine.source.CommitInfo;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import java.util.List;
import java.util.Objects;

/**
 * What one run came to: how far it got, its result and report when it reached the cluster, and its verdict.
 *
 * @param stoppedAt the step it stopped at before the cluster was compared; {@code null} when it got there
 * @param files the files it read; {@code null} when reading them failed
 * @param serverUrl the API server it talked to; {@code null} when it never connected
 * @param namespace the namespace it targeted; {@code null} when it never connected
 * @param result the engine's result; {@code null} when it stopped before the cluster
 * @param report the report of {@code result}; {@code null} with it
 * @param context what the report says about where the run came from and went to; {@code null} with it
 * @param failure what stopped it before the cluster, in one line naming where and what to do; empty otherwise
 * @param details the lines that explain the failure (each render problem with its file and line)
 * @param renderFailure the render failure itself, for callers that print its problems their own way
 * @param verdict the one verdict of this run
 */
public record PipelineRun(Step stoppedAt, LoadedFiles files, String serverUrl, String namespace, SyncResult result,
        SyncReport report, ReportContext context, String failure, List<String> details, RenderException renderFailure, Verdict verdict) {

    /** The steps a run goes through before the reconcile. */
    public enum Step {
        SOURCE("fetch"),
        CONNECT("connect to the cluster"),
        RENDER("render"),
        CLUSTER("compare with the cluster");

        private final String displayName;

        Step(String displayName) {
            this.displayName = displayName;
        }

        public String displayName() {
            return displayName;
        }
    }

    public PipelineRun {
        Objects.requireNonNull(verdict, "verdict");
        failure = failure == null ? "" : failure;
        details = List.copyOf(details);
    }

    /** The commit read, or {@code null} (a folder, or fetching failed). */
    public CommitInfo commit() {
        return files == null ? null : files.commit();
    }

    /** Whether the run reached the cluster and has a result. */
    public boolean reachedCluster() {
        return result != null;
    }
}
