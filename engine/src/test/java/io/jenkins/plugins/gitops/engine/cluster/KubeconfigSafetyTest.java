package io.jenkins.plugins.gitops.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A kubeconfig that would run a command or read a file of the machine reading it is named field by field. */
class KubeconfigSafetyTest {

    @Test
    void shouldNameAnExecPluginAndAnAuthProvider() {
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: c
                    cluster: {server: "https://k8s.example.com", certificate-authority-data: "Zm9v"}
                users:
                  - name: ok
                    user: {token: "abc"}
                  - name: exec
                    user:
                      exec: {command: /bin/sh, args: ["-c", "id > /tmp/proof"], apiVersion: client.authentication.k8s.io/v1beta1}
                  - name: old
                    user:
                      auth-provider: {name: gcp}
                """;

        assertThat(KubeconfigSafety.sideEffects(kubeconfig)).containsExactly("users[1].user.exec",
                "users[2].user.auth-provider");
    }

    @Test
    void shouldNameEveryFieldThatReadsAFileOfThisMachine() {
        String kubeconfig = """
                clusters:
                  - name: c
                    cluster: {server: "https://k8s.example.com", certificate-authority: /var/jenkins_home/secret.key}
                users:
                  - name: u
                    user: {tokenFile: /etc/shadow, client-certificate: /a.crt, client-key: /a.key}
                """;

        assertThat(KubeconfigSafety.sideEffects(kubeconfig)).containsExactly("users[0].user.tokenFile",
                "users[0].user.client-certificate", "users[0].user.client-key", "clusters[0].cluster.certificate-authority");
    }

    @Test
    void shouldAcceptAKubeconfigThatCarriesItsDataInline() {
        String kubeconfig = """
                clusters:
                  - name: c
                    cluster: {server: "https://k8s.example.com", certificate-authority-data: "Zm9v"}
                users:
                  - name: u
                    user: {client-certificate-data: "Zm9v", client-key-data: "YmFy"}
                """;

        assertThat(KubeconfigSafety.sideEffects(kubeconfig)).isEmpty();
        assertThat(KubeconfigSafety.sideEffects("not: [yaml")).isEmpty();
    }
}
