package io.jenkins.plugins.gitops.steps;

import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/**
 * What every GitOps step needs from its Pipeline: the build (for permissions, links and the Jenkins-Build
 * trailer) and its log. No node and no workspace: the steps talk to Git and the cluster from the controller.
 */
public abstract class EnvironmentStepDescriptor extends StepDescriptor {

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class);
    }
}
