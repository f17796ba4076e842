package io.jenkins.plugins.gitops.reconcile;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.engine.pipeline.Verdict;
import io.jenkins.plugins.gitops.engine.source.CommitInfo;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.run.ConsoleSyncListener;
import java.util.List;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What a sync of an environment would do, without writing anything: the {@link EnvironmentReconcile} of a
 * sync build run as a server-side {@link Mode#DRY_RUN} (the API server validates each change, admission and
 * quotas included, and stores nothing), for {@code gitopsDiff}. The environment's status is left alone:
 * a preview of another revision or folder says nothing about what is deployed.
 */
@Restricted(NoExternalUse.class)
public final class EnvironmentPreview {

    /**
     * What the preview came to.
     *
     * @param commit the abbreviated commit the revision resolved to; empty when fetching failed
     * @param commitSubject that commit's subject; empty when fetching failed
     * @param result the engine's result (entries with diffs, secrets redacted); {@code null} when the preview
     *     stopped before the cluster
     * @param failure what stopped it (one line); empty otherwise
     * @param details the lines explaining the failure (render problems with file and line)
     * @param verdict the engine's verdict: whether the cluster differs from Git, and how many objects do
     */
    public record Outcome(String commit, String commitSubject, @CheckForNull SyncResult result, String failure,
            List<String> details, Verdict verdict) {
    }

    private EnvironmentPreview() {
    }

    /**
     * Fetches, renders and compares the environment with the cluster; the engine's progress goes to {@code listener}.
     *
     * @param revision the revision instead of the configured one, or {@code null}
     * @param path the folder instead of the configured one, or {@code null}
     * @param run the build asking (credentials are tracked against it)
     */
    @NonNull
    public static Outcome run(@NonNull GitOpsEnvironment environment, @CheckForNull String revision,
            @CheckForNull String path, @NonNull TaskListener listener, @NonNull Run<?, ?> run) throws InterruptedException {
        EnvironmentReconcile.Outcome outcome = new EnvironmentReconcile(environment, GitOpsConfiguration.get(),
                new ConsoleSyncListener(listener), run).execute(Mode.DRY_RUN, revision, path, null);
        CommitInfo commit = outcome.commit();
        return new Outcome(commit == null ? "" : commit.abbreviatedSha(), commit == null ? "" : commit.subject(),
                outcome.result(), outcome.failure(), outcome.details(), outcome.verdict());
    }
}
