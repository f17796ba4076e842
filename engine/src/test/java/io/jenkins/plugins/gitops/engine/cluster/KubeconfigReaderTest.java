package io.jenkins.plugins.gitops.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kubeconfig as fabric8 would read it, field by field, and the kubeconfigs it refuses, with messages to act on. */
class KubeconfigReaderTest {

    private static final String EC_KEY = base64("-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n");

    /** Two contexts over two clusters and three users, one of each kind of credential. */
    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            current-context: dev
            contexts:
              - name: dev
                context: {cluster: dev-cluster, user: dev-admin, namespace: team-a}
              - name: prod
                context: {cluster: prod-cluster, user: prod-reader}
              - name: basic
                context: {cluster: prod-cluster, user: legacy}
            clusters:
              - name: dev-cluster
                cluster:
                  server: https://dev.example.com:6443
                  certificate-authority-data: Q0EtREFUQQ==
              - name: prod-cluster
                cluster:
                  server: https://prod.example.com
                  insecure-skip-tls-verify: true
                  proxy-url: http://proxy.example.com:3128
            users:
              - name: dev-admin
                user:
                  client-certificate-data: Q0VSVA==
                  client-key-data: %s
              - name: prod-reader
                user: {token: 12345}
              - name: legacy
                user: {username: admin, password: "yes"}
            """.formatted(EC_KEY);

    @Test
    void shouldReadTheCurrentContextsClusterUserAndNamespace() {
        Config config = KubeconfigReader.read(KUBECONFIG, null, null);

        assertThat(config.getMasterUrl()).isEqualTo("https://dev.example.com:6443/");
        assertThat(config.getCaCertData()).isEqualTo("Q0EtREFUQQ==");
        assertThat(config.isTrustCerts()).isFalse();
        assertThat(config.getClientCertData()).isEqualTo("Q0VSVA==");
        assertThat(config.getClientKeyData()).isEqualTo(EC_KEY);
        assertThat(config.getClientKeyAlgo()).isEqualTo("EC");
        assertThat(config.getNamespace()).isEqualTo("team-a");
        assertThat(config.getCurrentContext().getName()).isEqualTo("dev");
        assertThat(config.getAutoOAuthToken()).isNull();
    }

    @Test
    void shouldReadTheChosenContextAsTextAsWritten() {
        Config token = KubeconfigReader.read(KUBECONFIG, "prod", null);
        Config basic = KubeconfigReader.read(KUBECONFIG, "basic", null);

        assertThat(token.getMasterUrl()).isEqualTo("https://prod.example.com/");
        assertThat(token.isTrustCerts()).isTrue();
        assertThat(token.isDisableHostnameVerification()).isTrue();
        assertThat(token.getHttpProxy()).isEqualTo("http://proxy.example.com:3128");
        assertThat(token.getAutoOAuthToken()).as("a number in YAML is still the token's text").isEqualTo("12345");
        assertThat(token.getNamespace()).isNull();
        assertThat(basic.getUsername()).isEqualTo("admin");
        assertThat(basic.getPassword()).as("not YAML 1.1's boolean").isEqualTo("yes");
    }

    @Test
    void shouldTakeAServerWithoutSchemeForHttpsAsKubectl() {
        // fabric8 would try a TLS handshake with the server to choose, while it merely reads the kubeconfig
        String yaml = KUBECONFIG.replace("server: https://dev.example.com:6443", "server: dev.example.com:6443");

        assertThat(KubeconfigReader.read(yaml, null, null).getMasterUrl()).isEqualTo("https://dev.example.com:6443/");
    }

    @Test
    void shouldSetWhatFabric8SetsForTheSameKubeconfig() {
        for (String context : new String[] {null, "prod", "basic"}) {
            Config ours = KubeconfigReader.read(KUBECONFIG, context, null);
            Config theirs = context == null ? Config.fromKubeconfig(KUBECONFIG)
                    : Config.fromKubeconfig(context, KUBECONFIG, null);

            assertThat(ours.getMasterUrl()).as(context).isEqualTo(theirs.getMasterUrl());
            assertThat(ours.getCaCertData()).isEqualTo(theirs.getCaCertData());
            assertThat(ours.getCaCertFile()).isEqualTo(theirs.getCaCertFile());
            assertThat(ours.isTrustCerts()).isEqualTo(theirs.isTrustCerts());
            assertThat(ours.isDisableHostnameVerification()).isEqualTo(theirs.isDisableHostnameVerification());
            assertThat(ours.getClientCertData()).isEqualTo(theirs.getClientCertData());
            assertThat(ours.getClientKeyData()).isEqualTo(theirs.getClientKeyData());
            assertThat(ours.getClientKeyAlgo()).isEqualTo(theirs.getClientKeyAlgo());
            assertThat(ours.getAutoOAuthToken()).isEqualTo(theirs.getAutoOAuthToken());
            assertThat(ours.getUsername()).isEqualTo(theirs.getUsername());
            assertThat(ours.getPassword()).isEqualTo(theirs.getPassword());
            assertThat(ours.getNamespace()).isEqualTo(theirs.getNamespace());
            assertThat(ours.getHttpProxy()).isEqualTo(theirs.getHttpProxy());
            assertThat(ours.getHttpsProxy()).isEqualTo(theirs.getHttpsProxy());
            assertThat(ours.getCurrentContext().getName()).isEqualTo(theirs.getCurrentContext().getName());
            assertThat(ours.getRequestTimeout()).isEqualTo(theirs.getRequestTimeout());
        }
    }

    @Test
    void shouldResolveFilesAgainstTheKubeconfigsFolderAsKubectl(@TempDir Path folder) throws Exception {
        Files.createDirectories(folder.resolve("certs"));
        Files.writeString(folder.resolve("certs/ca.crt"), "CA");
        Files.writeString(folder.resolve("certs/client.crt"), "CERT");
        Files.writeString(folder.resolve("certs/client.key"), "-----BEGIN RSA PRIVATE KEY-----\n");
        Files.writeString(folder.resolve("token"), "from-the-file\n");
        Path kubeconfig = folder.resolve("config");
        String yaml = """
                current-context: c
                contexts: [{name: c, context: {cluster: k, user: u}}]
                clusters: [{name: k, cluster: {server: "https://k.example.com", certificate-authority: certs/ca.crt}}]
                users:
                  - name: u
                    user: {client-certificate: certs/client.crt, client-key: %s, tokenFile: token}
                """.formatted(folder.resolve("certs/client.key"));

        Config config = KubeconfigReader.read(yaml, null, kubeconfig);

        assertThat(config.getCaCertFile()).isEqualTo(folder.resolve("certs/ca.crt").toString());
        assertThat(config.getClientCertFile()).isEqualTo(folder.resolve("certs/client.crt").toString());
        assertThat(config.getClientKeyFile()).isEqualTo(folder.resolve("certs/client.key").toString());
        assertThat(config.getClientKeyAlgo()).isEqualTo("RSA");
        assertThat(config.getAutoOAuthToken()).as("tokenFile, when there is no token").isEqualTo("from-the-file");
    }

    @Test
    void shouldPreferTheTokenToTheTokenFile(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("token"), "from-the-file");
        String yaml = """
                current-context: c
                contexts: [{name: c, context: {cluster: k, user: u}}]
                clusters: [{name: k, cluster: {server: "https://k.example.com"}}]
                users: [{name: u, user: {token: inline, tokenFile: token}}]
                """;

        assertThat(KubeconfigReader.read(yaml, null, folder.resolve("config")).getAutoOAuthToken()).isEqualTo("inline");
    }

    @Test
    void shouldLeaveACommandForCredentialsToFabric8() {
        String yaml = """
                current-context: c
                contexts: [{name: c, context: {cluster: k, user: u}}]
                clusters: [{name: k, cluster: {server: "https://k.example.com"}}]
                users:
                  - name: u
                    user:
                      auth-provider: {name: oidc, config: {access-token: from-the-provider}}
                """;

        assertThat(KubeconfigReader.read(yaml, null, null).getAutoOAuthToken())
                .as("fabric8 reads the auth provider's token").isEqualTo("from-the-provider");
    }

    @Test
    void shouldNameAContextThatIsNotDefinedAndListThoseThatAre() {
        String unknownCurrent = KUBECONFIG.replace("current-context: dev", "current-context: staging");

        assertThatThrownBy(() -> KubeconfigReader.read(unknownCurrent, null, Path.of("/home/me/.kube/config")))
                .isInstanceOf(ClusterException.class)
                .hasMessage("kubeconfig /home/me/.kube/config: current-context \"staging\" is not defined; its"
                        + " contexts are [dev, prod, basic]");
        assertThatThrownBy(() -> KubeconfigReader.read(KUBECONFIG, "qa", null))
                .hasMessage("kubeconfig: context \"qa\" is not defined; its contexts are [dev, prod, basic]");
        assertThatThrownBy(() -> KubeconfigReader.read(KUBECONFIG.replace("current-context: dev", ""), null, null))
                .hasMessageStartingWith("kubeconfig: no context chosen: the kubeconfig has no current-context;"
                        + " choose one of [dev, prod, basic]");
    }

    @Test
    void shouldNameAClusterThatIsNotDefinedOrHasNoServer() {
        assertThatThrownBy(() -> KubeconfigReader.read(KUBECONFIG.replace("cluster: dev-cluster,", "cluster: gone,"),
                null, null)).hasMessageContaining("context \"dev\" names cluster \"gone\", which the kubeconfig does"
                        + " not define");
        assertThatThrownBy(() -> KubeconfigReader.read(KUBECONFIG.replace("server: https://dev.example.com:6443",
                "server: \"\""), null, null)).hasMessageContaining("cluster \"dev-cluster\" has no server");
    }

    @Test
    void shouldNameAFileThatDoesNotExistAndTheFieldThatNamesIt(@TempDir Path folder) {
        String yaml = """
                current-context: c
                contexts: [{name: c, context: {cluster: k, user: u}}]
                clusters: [{name: k, cluster: {server: "https://k.example.com", certificate-authority: ca.crt}}]
                users: [{name: u, user: {tokenFile: /nowhere/token}}]
                """;

        assertThatThrownBy(() -> KubeconfigReader.read(yaml, null, folder.resolve("config")))
                .isInstanceOf(ClusterException.class)
                .hasMessage("kubeconfig " + folder.resolve("config") + ": cluster \"k\": certificate-authority "
                        + folder.resolve("ca.crt") + " does not exist or cannot be read; correct the path");
        assertThatThrownBy(() -> KubeconfigReader.read(yaml.replace(", certificate-authority: ca.crt", ""), null,
                null)).hasMessage("kubeconfig: user \"u\": tokenFile /nowhere/token does not exist or cannot be read;"
                        + " correct the path");
    }

    @Test
    void shouldRefuseWhatIsNoKubeconfigWithoutQuotingIt() {
        String broken = "users: [{name: u, user: {token: s3cr3t-t0ken}}\ncontexts: [";

        assertThatThrownBy(() -> KubeconfigReader.read(broken, null, null))
                .isInstanceOf(ClusterException.class)
                .hasMessageStartingWith("kubeconfig: it is not valid YAML at line")
                .message().doesNotContain("s3cr3t");
        assertThatThrownBy(() -> KubeconfigReader.read("", null, null)).hasMessage("kubeconfig: it is empty");
        assertThatThrownBy(() -> KubeconfigReader.read("- a list", null, null))
                .hasMessage("kubeconfig: the document is not a mapping");
        assertThatThrownBy(() -> KubeconfigReader.read("contexts: {dev: {}}", null, null))
                .hasMessage("kubeconfig: contexts is not a list");
    }

    @Test
    void shouldRefuseAHugeDocumentBeforeParsingIt() {
        String huge = "# " + "x".repeat(KubeconfigReader.MAX_CHARACTERS) + "\n" + KUBECONFIG;

        assertThatThrownBy(() -> KubeconfigReader.read(huge, null, null))
                .hasMessage("kubeconfig: it is larger than 4 MB; is it a kubeconfig?");
    }

    @Test
    void shouldNotExpandAliasBombs() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char level = 'b'; level <= 'z'; level++) {
            char previous = (char) (level - 1);
            bomb.append(level).append(": &").append(level).append(" [*").append(previous).append(", *")
                    .append(previous).append(", *").append(previous).append("]\n");
        }
        bomb.append(KUBECONFIG);

        assertThatThrownBy(() -> KubeconfigReader.read(bomb.toString(), null, null))
                .isInstanceOf(ClusterException.class).hasMessageStartingWith("kubeconfig: it is not valid YAML");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
