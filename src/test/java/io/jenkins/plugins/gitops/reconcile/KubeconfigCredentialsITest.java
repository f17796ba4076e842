package io.jenkins.plugins.gitops.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.AbortException;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A kubeconfig uploaded as a cluster credential must not act on the controller: fabric8 runs a user's {@code exec}
 * command while it reads the kubeconfig, so such a kubeconfig is refused before it is read (found on a running
 * Jenkins 2.516.2, where a sync ran the command as the controller's user).
 */
@WithJenkins
class KubeconfigCredentialsITest {

    @TempDir
    Path temp;

    @AfterEach
    void forgetTheEscapeHatch() {
        System.clearProperty(ClusterCredentialsLookup.ALLOW_CONTROLLER_SIDE_EFFECTS);
    }

    private static String kubeconfigRunning(Path marker) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: c
                    cluster: {server: "https://127.0.0.1:1"}
                users:
                  - name: u
                    user:
                      exec:
                        apiVersion: client.authentication.k8s.io/v1beta1
                        command: /bin/sh
                        args: ["-c", "touch %s"]
                contexts:
                  - name: c
                    context: {cluster: c, user: u}
                current-context: c
                """.formatted(marker);
    }

    private static GitOpsEnvironment environmentWith(JenkinsRule jenkins, String kubeconfig) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new FileCredentialsImpl(CredentialsScope.GLOBAL,
                "kube-exec", "a kubeconfig with an exec plugin", "kubeconfig",
                SecretBytes.fromBytes(kubeconfig.getBytes(StandardCharsets.UTF_8))));
        GitOpsEnvironment environment = jenkins.createProject(GitOpsEnvironment.class, "shop");
        environment.setClusterCredentialsId("kube-exec");
        return environment;
    }

    @Test
    void shouldRefuseAKubeconfigThatWouldRunACommandOnTheControllerBeforeReadingIt(JenkinsRule jenkins) throws Exception {
        Path marker = temp.resolve("ran");
        GitOpsEnvironment environment = environmentWith(jenkins, kubeconfigRunning(marker));

        AbortException refused = catchThrowableOfType(AbortException.class,
                () -> ClusterCredentialsLookup.resolve(environment, null, "kube-exec", null, null));

        assertThat(refused.getMessage()).contains("Cluster credentials \"kube-exec\"")
                .contains("users[0].user.exec").contains("allowKubeconfigCommands");
        assertThat(Files.exists(marker)).as("the command never ran").isFalse();
    }

    @Test
    void shouldReadItWhenAnAdministratorAllowsIt(JenkinsRule jenkins) throws Exception {
        System.setProperty(ClusterCredentialsLookup.ALLOW_CONTROLLER_SIDE_EFFECTS, "true");
        GitOpsEnvironment environment = environmentWith(jenkins, kubeconfigRunning(temp.resolve("ran")));

        assertThat(ClusterCredentialsLookup.resolve(environment, null, "kube-exec", null, null).config().getMasterUrl())
                .startsWith("https://127.0.0.1:1");
    }
}
