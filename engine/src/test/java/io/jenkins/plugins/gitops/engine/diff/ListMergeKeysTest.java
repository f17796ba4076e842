package io.jenkins.plugins.gitops.engine.diff;

import static io.jenkins.plugins.gitops.engine.diff.Manifests.node;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListMergeKeysTest {

    @ParameterizedTest(name = "{1} {0}: {2} {3}")
    @CsvSource(textBlock = """
            spec.template.spec.containers, Deployment, MAP, name
            spec.jobTemplate.spec.template.spec.initContainers, CronJob, MAP, name
            spec.containers.ports, Pod, MAP, containerPort protocol
            spec.template.spec.containers.env, StatefulSet, MAP, name
            spec.template.spec.containers.volumeMounts, DaemonSet, MAP, mountPath
            spec.template.spec.volumes, Deployment, MAP, name
            spec.template.spec.imagePullSecrets, Deployment, MAP, name
            imagePullSecrets, ServiceAccount, ATOMIC, ''
            secrets, ServiceAccount, MAP, name
            spec.ports, Service, MAP, port protocol
            spec.ports, Example, ATOMIC, ''
            spec.ingress.ports, NetworkPolicy, ATOMIC, ''
            spec.template.spec.containers.args, Deployment, ATOMIC, ''
            spec.template.spec.tolerations, Deployment, ATOMIC, ''
            metadata.finalizers, ConfigMap, SET, ''
            metadata.ownerReferences, ConfigMap, MAP, uid
            webhooks, MutatingWebhookConfiguration, MAP, name
            """)
    void shouldLookUpListSemanticsByPathAndKind(String dottedPath, String kind, ListSemantics.Type type, String keys) {
        FieldPath path = FieldPath.ROOT;
        for (String name : dottedPath.split("\\.")) {
            path = path.field(name);
        }

        ListSemantics semantics = ListMergeKeys.semanticsOf(kind, path);

        assertThat(semantics.type()).isEqualTo(type);
        assertThat(String.join(" ", semantics.keys())).isEqualTo(keys);
    }

    @Test
    void shouldFillInDefaultKeyValues() {
        ListSemantics ports = ListSemantics.mapBy("containerPort", "protocol").withDefault("protocol", "TCP");

        assertThat(ports.keyOf(node("{containerPort: 80, name: http}"))).isEqualTo(node("{containerPort: 80, protocol: TCP}"));
        assertThat(ports.keyOf(node("{containerPort: 53, protocol: UDP}"))).isEqualTo(node("{containerPort: 53, protocol: UDP}"));
        assertThat(ports.keyOf(node("{name: http}"))).isNull();
        assertThat(ports.keyOf(node("80"))).isNull();
    }

    @Test
    void shouldKeepTheTableFreeOfDuplicateRows() {
        assertThat(ListMergeKeys.rows()).doesNotHaveDuplicates()
                .allSatisfy(row -> assertThat(row.semantics().type() == ListSemantics.Type.MAP)
                        .isEqualTo(!row.semantics().keys().isEmpty()));
    }
}
