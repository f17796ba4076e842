package io.jenkins.plugins.gitops.engine.diff;

import static io.jenkins.plugins.gitops.engine.diff.Manifests.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class FieldPathTest {

    private final FieldPath port = FieldPath.ROOT.field("spec").field("template").field("spec").field("containers")
            .keyed((ObjectNode) node("{name: web}"), 2).field("ports")
            .keyed((ObjectNode) node("{containerPort: 80, protocol: TCP}"), 0).field("name");

    @Test
    void shouldReadLikeJqWithMergeKeys() {
        assertThat(port).hasToString(".spec.template.spec.containers[name=web].ports[containerPort=80,protocol=TCP].name");
    }

    @Test
    void shouldQuoteWhatIsNotAPlainWord() {
        assertThat(FieldPath.ROOT.field("metadata").field("annotations").field("example.com/x y"))
                .hasToString(".metadata.annotations[\"example.com/x y\"]");
        assertThat(FieldPath.ROOT.field("volumeMounts").keyed((ObjectNode) node("{mountPath: /var/cache}"), 0))
                .hasToString(".volumeMounts[mountPath=/var/cache]");
        assertThat(FieldPath.ROOT.field("env").keyed((ObjectNode) node("{name: 'a,b]'}"), 0))
                .hasToString(".env[name=\"a,b]\"]");
        assertThat(FieldPath.ROOT.field("rules").positional(1).field("verbs")).hasToString(".rules[1].verbs");
        assertThat(FieldPath.ROOT.field("finalizers").setMember(node("example.com/a"), 0))
                .hasToString(".finalizers[=example.com/a]");
        assertThat(FieldPath.ROOT).hasToString(".");
    }

    @Test
    void shouldGiveJsonPointerTokensWithDesiredPositions() {
        assertThat(port.pointerTokens()).containsExactly("spec", "template", "spec", "containers", "2", "ports", "0", "name");
    }

    @Test
    void shouldGiveFieldNamesWithoutListSteps() {
        assertThat(port.fieldNames()).containsExactly("spec", "template", "spec", "containers", "ports", "name");
        assertThat(port.fieldName()).isEqualTo("name");
        assertThat(port.parentFieldName()).as("the step before is a list element").isNull();
    }
}
