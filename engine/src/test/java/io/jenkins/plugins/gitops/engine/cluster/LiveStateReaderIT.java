package io.jenkins.plugins.gitops.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer;
import io.jenkins.plugins.gitops.engine.testing.kube.RealApiServer.TestCluster;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live state a LIST reads is the tree a GET through fabric8's model gives, field for field and in the same
 * order (the list is read straight into a tree, without the model), over several pages.
 */
@ExtendWith(RealApiServer.class)
class LiveStateReaderIT {

    private static final ResourceType CONFIG_MAP = new ResourceType("", "v1", "ConfigMap", "configmaps", true);
    private static final ResourceType DEPLOYMENT = new ResourceType("apps", "v1", "Deployment", "deployments", true);

    private final Ownership ownership = new Ownership("live-state-reader");
    private ClusterConnection connection;
    private KubernetesClient admin;
    private String namespace;

    @BeforeEach
    void connect(TestCluster cluster) {
        connection = cluster.connection();
        admin = cluster.admin();
        namespace = cluster.namespace();
    }

    @Test
    void listedObjectsAreTheTreesOfTheirGetOverSeveralPages() {
        Deployment web = admin.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName("web").withLabels(ownership.labels()).endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(Map.of("app", "web")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "web")).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("nginx:1.25").withNewResources()
                .withLimits(Map.of("cpu", new io.fabric8.kubernetes.api.model.Quantity("0.5"))).endResources()
                .endContainer().endSpec().endTemplate().endSpec().build()).create();
        OwnerReference ownedByWeb = new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                .withName("web").withUid(web.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(false)
                .build();
        for (int i = 0; i < 5; i++) {
            admin.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("settings-" + i).withLabels(ownership.labels()).withAnnotations(Map.of("note", "n" + i))
                    .withOwnerReferences(ownedByWeb).endMetadata()
                    .withData(Map.of("b", "2", "a", "1")).build()).create();
        }
        admin.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("not-ours").endMetadata().build()).create();

        LiveObjects live = new LiveObjects();
        LiveStateReader reader = new LiveStateReader(connection, 2);
        reader.listOwned(CONFIG_MAP, namespace, ownership, live);
        reader.listOwned(DEPLOYMENT, null, ownership, live);

        assertThat(live.size()).isEqualTo(6);
        assertThat(live.wasListed(CONFIG_MAP, namespace)).isTrue();
        for (ObjectNode listed : live.all()) {
            ResourceType type = listed.path("kind").asText().equals("Deployment") ? DEPLOYMENT : CONFIG_MAP;
            ObjectNode got = reader.get(type, namespace, listed.path("metadata").path("name").asText()).orElseThrow();
            assertThat(listed).isEqualTo(got);
            assertThat(listed.toString()).isEqualTo(got.toString()); // the same order of fields, the same number types
        }
    }

    @Test
    void kindsListedSideBySideAreAllReadAndAFailedKindDoesNotStopTheOthers() {
        ResourceType secret = new ResourceType("", "v1", "Secret", "secrets", true);
        ResourceType notServed = new ResourceType("example.com", "v1", "Widget", "widgets", true);
        ResourceType serviceAccount = new ResourceType("", "v1", "ServiceAccount", "serviceaccounts", true);
        for (int i = 0; i < 3; i++) {
            admin.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("settings-" + i).withLabels(ownership.labels()).endMetadata().build()).create();
            admin.secrets().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                    .withNewMetadata().withName("secret-" + i).withLabels(ownership.labels()).endMetadata().build())
                    .create();
        }
        Map<ResourceType, String> kinds = new java.util.LinkedHashMap<>();
        kinds.put(CONFIG_MAP, namespace);
        kinds.put(notServed, namespace);
        kinds.put(secret, null);
        kinds.put(serviceAccount, namespace);
        kinds.put(DEPLOYMENT, namespace);
        java.util.List<String> failed = new java.util.ArrayList<>();

        LiveObjects live = new LiveObjects();
        new LiveStateReader(connection, 2).listOwnedEach(kinds, ownership, live,
                (type, e) -> failed.add(type + ": " + e.getMessage()));

        assertThat(live.all()).extracting(object -> object.path("metadata").path("name").asText())
                .as("every object of ours, of every kind served")
                .containsExactly("settings-0", "settings-1", "settings-2", "secret-0", "secret-1", "secret-2");
        assertThat(live.wasListed(CONFIG_MAP, namespace)).isTrue();
        assertThat(live.wasListed(serviceAccount, namespace)).as("listed, with nothing of ours").isTrue();
        assertThat(live.wasListed(DEPLOYMENT, namespace)).isTrue();
        assertThat(live.wasListed(notServed, namespace)).isFalse();
        assertThat(failed).singleElement().asString().startsWith("widgets.example.com: ")
                .contains("widgets.example.com in namespace " + namespace + ": listing failed");
    }
}
