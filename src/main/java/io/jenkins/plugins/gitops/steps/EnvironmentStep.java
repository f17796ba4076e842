package io.jenkins.plugins.gitops.steps;

import hudson.Util;
import org.jenkinsci.plugins.workflow.steps.Step;

/**
 * A step about one GitOps environment, named the way the calling job would name it (relative to its folder,
 * or by full name). Each concrete step binds the name in its own {@code @DataBoundConstructor}.
 */
public abstract class EnvironmentStep extends Step {

    private final String environment;

    protected EnvironmentStep(String environment) {
        this.environment = Util.fixNull(environment).trim();
    }

    public String getEnvironment() {
        return environment;
    }
}
