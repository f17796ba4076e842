package io.jenkins.plugins.gitops.steps;

import hudson.AbortException;
import hudson.model.Cause;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.User;
import io.jenkins.plugins.gitops.engine.promote.ImageEdit;
import io.jenkins.plugins.gitops.engine.promote.PromotionException;
import io.jenkins.plugins.gitops.engine.promote.PromotionRequest;
import io.jenkins.plugins.gitops.engine.promote.PromotionResult;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.reconcile.EnvironmentPromotion;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs {@code gitopsSetImage} off the Pipeline thread: Item.BUILD on the environment (the step pushes to its
 * repository with its credentials), then the engine's image promotion with this build's URL as the
 * {@code Jenkins-Build:} trailer. Returns the new commit's SHA, or the branch tip when every reference already
 * had the tag.
 */
final class GitOpsSetImageStepExecution extends SynchronousNonBlockingStepExecution<String> {

    private static final long serialVersionUID = 1L;

    /** The author of commits a build makes when no user started it (and the e-mail domain of every commit). */
    static final String AUTHOR = "Jenkins";

    private final transient GitOpsSetImageStep step;

    GitOpsSetImageStepExecution(GitOpsSetImageStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected String run() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        PrintStream log = listener.getLogger();

        GitOpsEnvironment environment = EnvironmentLookup.find(step.getEnvironment(), run);
        EnvironmentLookup.checkPermission(environment, Item.BUILD, "gitopsSetImage");
        if (step.getImage().isEmpty() || step.getTag().isEmpty()) {
            throw new AbortException(Messages.GitOpsSetImageStep_required());
        }

        // Without a Jenkins URL the trailer would be a relative path no reader of the commit can follow: leave it out.
        String buildUrl = Jenkins.get().getRootUrl() == null ? null : GitOpsSyncStepExecution.absolute(run.getUrl());
        if (buildUrl == null) {
            log.println(Messages.GitOpsSetImageStep_noJenkinsUrl());
        }
        PromotionRequest request = new PromotionRequest(step.getImage(), step.getTag(), step.getMessage(),
                buildUrl, authorName(run), authorEmail());
        log.println(Messages.GitOpsSetImageStep_promoting(step.getImage(), step.getTag(), environment.getFullName(),
                environment.getRevision()));
        PromotionResult result;
        try {
            result = EnvironmentPromotion.promote(environment, request, run);
        } catch (PromotionException e) {
            throw new AbortException(e.getMessage()); // the engine's message names the image, file or branch
        }
        if (!result.isCommitted()) {
            log.println(Messages.GitOpsSetImageStep_unchanged(step.getImage(), step.getTag(), abbreviate(result.commit())));
            return result.commit();
        }
        for (ImageEdit edit : result.edits()) {
            log.println("  " + edit);
        }
        log.println(Messages.GitOpsSetImageStep_committed(abbreviate(result.commit()), environment.getRevision(),
                abbreviate(result.previousCommit())));
        return result.commit();
    }

    /** The full name of the user who started the build, else "Jenkins". */
    static String authorName(Run<?, ?> run) {
        Cause.UserIdCause cause = run.getCause(Cause.UserIdCause.class);
        User user = cause == null || cause.getUserId() == null ? null : User.getById(cause.getUserId(), false);
        return user == null ? AUTHOR : user.getFullName();
    }

    /**
     * {@code jenkins@<host of the Jenkins URL>}, or {@code jenkins@localhost} when the URL is not configured.
     * Users' own addresses are not used: core does not know them (the Mailer plugin does, and it is optional).
     */
    static String authorEmail() {
        String root = Jenkins.get().getRootUrl();
        String host = null;
        if (root != null) {
            try {
                host = new URI(root).getHost();
            } catch (URISyntaxException e) {
                host = null;
            }
        }
        return "jenkins@" + (host == null || host.isEmpty() ? "localhost" : host);
    }

    private static String abbreviate(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }
}
