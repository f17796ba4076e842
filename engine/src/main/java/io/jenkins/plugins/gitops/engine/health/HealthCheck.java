package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The built-in health assessment of one kind, one implementation per kind ({@link DeploymentHealth},
 * {@link JobHealth}, …), as gitops-engine has one {@code health_<kind>.go} per kind.
 *
 * <p>Implementations are stateless, read the object as the API server returns it (missing fields
 * count as their API defaults), and never throw on fields they do not expect.
 */
@FunctionalInterface
interface HealthCheck {

    /** The health of a live object of this check's kind, which exists and is not being deleted. */
    Health check(ObjectNode liveObject);
}
