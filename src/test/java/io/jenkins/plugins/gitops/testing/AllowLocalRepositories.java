package io.jenkins.plugins.gitops.testing;

import io.jenkins.plugins.gitops.reconcile.LocalRepositories;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lets the test's environments read repositories on the controller's disk ({@link TestRepository}), which Jenkins
 * refuses unless an administrator allows it, and refuses them again after the test.
 */
public final class AllowLocalRepositories implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        System.setProperty(LocalRepositories.ALLOW_PROPERTY, "true");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.clearProperty(LocalRepositories.ALLOW_PROPERTY);
    }
}
