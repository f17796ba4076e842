package io.jenkins.plugins.gitops.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestCluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Discovery started in the background is the discovery a later {@link Discovery#find} would have made, once. */
@ExtendWith(RealApiServer.class)
class DiscoveryIT {

    @Test
    void aFindTakesTheAnswerOfTheDiscoveryStartedInTheBackground(TestCluster cluster) {
        Discovery discovery = new Discovery(cluster.connection().client(), RequestRetries.DEFAULT);
        long readsBefore = cluster.connection().requests().snapshot().reads();

        discovery.discoverInBackground("v1");
        discovery.discoverInBackground("v1"); // already on its way: not asked again

        assertThat(discovery.find("v1", "ConfigMap")).map(ResourceType::plural).contains("configmaps");
        assertThat(discovery.find("v1", "Secret")).isPresent();
        assertThat(cluster.connection().requests().snapshot().reads() - readsBefore).as("one request for v1")
                .isEqualTo(1);
    }

    @Test
    void aFindGetsTheFailureOfTheDiscoveryStartedInTheBackgroundWithoutAskingAgain() {
        Config nowhere = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:1").build();
        try (ClusterConnection connection = ClusterConnection.connect(nowhere,
                new RequestRetries(0, Duration.ofMillis(10)))) {
            connection.discovery().discoverInBackground("v1");

            assertThatThrownBy(() -> connection.discovery().find("v1", "ConfigMap"))
                    .isInstanceOf(ClusterException.class)
                    .hasMessageContaining("discovery of v1 failed");
            assertThat(connection.requests().snapshot().reads()).as("the background attempt only").isEqualTo(1);
        }
    }
}
