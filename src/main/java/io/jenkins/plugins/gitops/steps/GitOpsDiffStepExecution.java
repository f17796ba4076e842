package io.jenkins.plugins.gitops.steps;

import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.gitops.engine.pipeline.Verdict;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.ChangeSetEntry;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.view.SyncStatus;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.reconcile.EnvironmentPreview;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs {@code gitopsDiff} off the Pipeline thread: the environment's reconcile as a preview (Git fetched and
 * rendered, the cluster only read), with the step's revision and folder.
 *
 * <p>Needs Item.BUILD, not only Item.READ: the preview reads the cluster with the environment's cluster
 * credentials and Git with its Git credentials, and prints live objects' fields (Secrets redacted by the
 * engine). Whoever may read the environment's page may not, by that alone, make Jenkins use its credentials
 * at will; Item.BUILD is the permission that already lets a user make Jenkins contact the cluster ("Sync
 * now").
 */
final class GitOpsDiffStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    private final transient GitOpsDiffStep step;

    GitOpsDiffStepExecution(GitOpsDiffStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        PrintStream log = listener.getLogger();

        GitOpsEnvironment environment = EnvironmentLookup.find(step.getEnvironment(), run);
        EnvironmentLookup.checkPermission(environment, Item.BUILD, "gitopsDiff");

        EnvironmentPreview.Outcome preview = EnvironmentPreview.run(environment, step.getRevision(), step.getPath(),
                listener, run);
        SyncResult result = preview.result();
        if (result == null) {
            throw new AbortException(withDetails(Messages.GitOpsDiffStep_failed(environment.getFullName(),
                    preview.failure()), preview.details()));
        }
        if (result.outcome() == SyncResult.Outcome.ABORTED) {
            throw new InterruptedException(result.failure());
        }
        if (result.outcome() == SyncResult.Outcome.FAILED) {
            throw new AbortException(Messages.GitOpsDiffStep_failed(environment.getFullName(), result.failure()));
        }

        List<Map<String, Object>> objects = new ArrayList<>();
        for (ChangeSetEntry entry : result.entries()) {
            objects.add(object(entry));
            if (entry.action() == Action.UNCHANGED && entry.changedPaths().isEmpty()) {
                continue;
            }
            log.println("  " + entry);
            if (!entry.diff().isEmpty()) {
                entry.diff().lines().forEach(line -> log.println("      " + line));
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        result.totals().forEach((action, count) -> counts.put(action.label(), count));
        // The engine's verdict decides, as for the environment's badge: the cluster differs from Git when a sync
        // would change something, when fields Git declares are left in conflict, or when extra objects stay.
        Verdict verdict = preview.verdict();
        boolean outOfSync = verdict.syncStatus() == SyncStatus.OUT_OF_SYNC;
        log.println(outOfSync
                ? Messages.GitOpsDiffStep_outOfSync(environment.getFullName(), preview.commit(), counts)
                : Messages.GitOpsDiffStep_inSync(environment.getFullName(), preview.commit()));

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("outOfSync", outOfSync);
        // A dry run that would succeed while the cluster differs: scripts read that as OUT_OF_SYNC.
        summary.put("outcome", outOfSync && result.outcome().isSuccess() ? SyncResult.Outcome.OUT_OF_SYNC.name()
                : result.outcome().name());
        summary.put("syncStatus", verdict.syncStatus().displayName());
        summary.put("commit", preview.commit());
        summary.put("counts", counts);
        summary.put("health", result.worstHealth().displayName());
        summary.put("objects", objects);
        if (outOfSync && step.isFailOnDrift()) {
            throw new AbortException(Messages.GitOpsDiffStep_drift(environment.getFullName(), verdict.outOfSyncObjects()));
        }
        return summary;
    }

    private static Map<String, Object> object(ChangeSetEntry entry) {
        ObjectRef ref = entry.ref();
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("kind", ref.kind());
        object.put("namespace", ref.namespace() == null ? "" : ref.namespace());
        object.put("name", ref.name());
        object.put("action", entry.action().label());
        object.put("changedPaths", new ArrayList<>(entry.changedPaths()));
        return object;
    }

    private static String withDetails(String message, List<String> details) {
        if (details.isEmpty()) {
            return message;
        }
        return message + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", details);
    }
}
