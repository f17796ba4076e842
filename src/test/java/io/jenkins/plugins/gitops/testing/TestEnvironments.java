package io.jenkins.plugins.gitops.testing;

import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import org.jvnet.hudson.test.JenkinsRule;

/** Environments and manifests the tests that reach a cluster share. */
public final class TestEnvironments {

    /** The cluster credential every such test stores ({@link TestCluster#addKubeconfigCredentials}). */
    public static final String CLUSTER_CREDENTIALS = "test-cluster";

    private TestEnvironments() {
    }

    /** Environment {@code shop}: folder {@code app} of {@code repository}, synced into {@code namespace}. */
    public static GitOpsEnvironment shop(JenkinsRule jenkins, TestCluster cluster, TestRepository repository,
            String namespace) throws Exception {
        cluster.addKubeconfigCredentials(CLUSTER_CREDENTIALS);
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop");
        environment.setRepositoryUrl(repository.url());
        environment.setPath("app");
        environment.setClusterCredentialsId(CLUSTER_CREDENTIALS);
        environment.setNamespace(namespace);
        return environment;
    }

    /**
     * A Deployment of {@code image}. The test server runs no controllers: it stays Progressing, so environments
     * that sync it do not wait for health.
     */
    public static String webDeployment(String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                        - name: web
                          image: %s
                """.formatted(image);
    }
}
