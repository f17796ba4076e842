package io.jenkins.plugins.gitops.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.cluster.Ownership;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The promise every fault test checks: whatever goes wrong, a sync never deletes what it must not. A
 * {@link #snapshot} records every object of the common kinds in some namespaces by uid, including objects
 * that belong to another environment and objects nobody marked (made with {@code kubectl}); after the
 * faulty sync, {@link Snapshot#assertNothingDeleted()} fails naming each object that is gone or was
 * replaced (deleted and created again, so a new uid).
 */
final class PruneSafety {

    /** The kinds a snapshot covers: what the tests declare, plant or could conceivably prune. */
    private static final List<String[]> KINDS = List.of(
            new String[] {"v1", "ConfigMap"}, new String[] {"v1", "Secret"}, new String[] {"v1", "Service"},
            new String[] {"v1", "Pod"}, new String[] {"v1", "ServiceAccount"}, new String[] {"v1", "ResourceQuota"},
            new String[] {"v1", "LimitRange"}, new String[] {"apps/v1", "Deployment"},
            new String[] {"rbac.authorization.k8s.io/v1", "Role"},
            new String[] {"rbac.authorization.k8s.io/v1", "RoleBinding"});

    /** The identity of the environment {@link #plantForeignObjects} marks objects with. */
    static final String OTHER_ENVIRONMENT = "another-environment";

    private PruneSafety() {
    }

    /**
     * Plants what a sync must never delete, beside the environment's objects: a ConfigMap and a Secret made
     * by hand (a plain create, as {@code kubectl create} sends it: no marks), and a ConfigMap of another environment, carrying that
     * environment's marks, in the same namespace. Their names start with {@code foreign-}.
     */
    static void plantForeignObjects(KubernetesClient admin, String namespace) {
        admin.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("foreign-made-by-kubectl").endMetadata().addToData("note", "made by hand").build())
                .create();
        admin.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata()
                .withName("foreign-secret-made-by-kubectl").endMetadata().addToStringData("token", "by hand").build())
                .create();
        ConfigMap otherEnvironment = new ConfigMapBuilder().withNewMetadata().withName("foreign-other-environment")
                .withNamespace(namespace).endMetadata().addToData("owner", OTHER_ENVIRONMENT).build();
        ObjectNode marked = admin.getKubernetesSerialization().convertValue(otherEnvironment, ObjectNode.class);
        new Ownership(OTHER_ENVIRONMENT).mark(marked);
        admin.configMaps().inNamespace(namespace)
                .resource(admin.getKubernetesSerialization().convertValue(marked, ConfigMap.class))
                .fieldManager("gitops-sync").serverSideApply();
    }

    /** Every object of the covered kinds in {@code namespaces}, by {@code Kind/namespace/name}, with its uid. */
    static Snapshot snapshot(KubernetesClient admin, String... namespaces) {
        return new Snapshot(admin, Set.of(namespaces), read(admin, namespaces));
    }

    private static Map<String, String> read(KubernetesClient admin, String... namespaces) {
        Map<String, String> uids = new TreeMap<>();
        for (String namespace : namespaces) {
            for (String[] kind : KINDS) {
                for (GenericKubernetesResource object : admin.genericKubernetesResources(kind[0], kind[1])
                        .inNamespace(namespace).list().getItems()) {
                    uids.put(kind[1] + "/" + namespace + "/" + object.getMetadata().getName(), object.getMetadata().getUid());
                }
            }
        }
        return uids;
    }

    /** The objects one snapshot saw. */
    static final class Snapshot {
        private final KubernetesClient admin;
        private final Set<String> namespaces;
        private final Map<String, String> uids;

        private Snapshot(KubernetesClient admin, Set<String> namespaces, Map<String, String> uids) {
            this.admin = admin;
            this.namespaces = namespaces;
            this.uids = uids;
        }

        /** The objects of this snapshot that are gone now, or were replaced by a new object of the same name. */
        Set<String> deletedSince() {
            Map<String, String> now = read(admin, namespaces.toArray(String[]::new));
            Set<String> deleted = new TreeSet<>();
            uids.forEach((object, uid) -> {
                if (!uid.equals(now.get(object))) {
                    deleted.add(object);
                }
            });
            return deleted;
        }

        /** Fails naming every object of this snapshot that was deleted since. */
        void assertNothingDeleted() {
            assertThat(deletedSince()).as("objects deleted by the sync, of those present before it").isEmpty();
        }

        /** Whether the snapshot holds {@code Kind/namespace/name}: so that a test knows it checked that object. */
        boolean contains(String object) {
            return uids.containsKey(object);
        }
    }
}
