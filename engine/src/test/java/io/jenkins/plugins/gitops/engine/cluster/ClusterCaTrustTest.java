package io.jenkins.plugins.gitops.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import org.junit.jupiter.api.Test;

class ClusterCaTrustTest {

    @Test
    void shouldTrustOnlyTheCertificateAuthorityAKubeconfigNames() throws Exception {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://k8s.example.com:6443")
                .withCaCertData("LS0tLS1CRUdJTi...").build();

        ClusterCaTrust.onlyTheClusterCa(config);

        Path store = Path.of(config.getTrustStoreFile());
        assertThat(store).isRegularFile();
        KeyStore loaded = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(store)) {
            loaded.load(in, config.getTrustStorePassphrase().toCharArray());
        }
        assertThat(loaded.size()).as("nothing but the kubeconfig's authority, which the client adds").isZero();
    }

    @Test
    void shouldKeepTheJdksTrustWithoutACertificateAuthorityOrWhenVerificationIsOff() {
        Config noCa = new ConfigBuilder(Config.empty()).withMasterUrl("https://k8s.example.com:6443").build();
        Config insecure = new ConfigBuilder(Config.empty()).withMasterUrl("https://k8s.example.com:6443")
                .withCaCertData("LS0tLS1CRUdJTi...").withTrustCerts(true).build();
        Config ownStore = new ConfigBuilder(Config.empty()).withMasterUrl("https://k8s.example.com:6443")
                .withCaCertData("LS0tLS1CRUdJTi...").withTrustStoreFile("/etc/pki/cluster.jks").build();

        ClusterCaTrust.onlyTheClusterCa(noCa);
        ClusterCaTrust.onlyTheClusterCa(insecure);
        ClusterCaTrust.onlyTheClusterCa(ownStore);

        assertThat(noCa.getTrustStoreFile()).isNull();
        assertThat(insecure.getTrustStoreFile()).isNull();
        assertThat(ownStore.getTrustStoreFile()).isEqualTo("/etc/pki/cluster.jks");
    }
}
