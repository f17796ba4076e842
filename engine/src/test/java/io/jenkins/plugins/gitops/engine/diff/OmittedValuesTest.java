package io.jenkins.plugins.gitops.engine.diff;

import static io.jenkins.plugins.gitops.engine.diff.Manifests.node;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OmittedValuesTest {

    private static final Owners NO_EVIDENCE = Owners.at(List.of(), List.of());

    /** Values are YAML; the path is the last field name. */
    @ParameterizedTest(name = "{1}: {0} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            '{}'       | labels                        | true
            '[]'       | env                           | true
            '""'       | value                         | true
            false      | hostNetwork                   | true
            0          | hostPort                      | true
            '{}'       | emptyDir                      | false
            '{}'       | namespaceSelector             | false
            false      | automountServiceAccountToken  | false
            false      | allowPrivilegeEscalation      | false
            '{a: b}'   | labels                        | false
            true       | hostNetwork                   | false
            '"x"'      | value                         | false
            1          | hostPort                      | false
            """)
    void shouldTellWhichAbsentValuesTheServerOmitted(String declared, String field, boolean omitted) {
        FieldPath path = FieldPath.ROOT.field("spec").field(field);

        assertThat(OmittedValues.omittedByServer(node(declared), path, NO_EVIDENCE)).isEqualTo(omitted);
    }

    @ParameterizedTest(name = "owned by us: {0}")
    @CsvSource({"true", "false"})
    void shouldTrustOwnershipOfScalarsWhenOurManagerAppliedTheObject(boolean ownedByUs) {
        FieldSet ours = FieldSet.parse(node(ownedByUs ? "{f:spec: {f:hostNetwork: {}}}" : "{f:spec: {f:replicas: {}}}"));
        Owners owners = Owners.at(List.of(), List.of(ours))
                .descend(new FieldPath.Field("spec"))
                .descend(new FieldPath.Field("hostNetwork"));

        assertThat(OmittedValues.omittedByServer(node("false"), FieldPath.ROOT.field("spec").field("hostNetwork"), owners))
                .isEqualTo(ownedByUs);
    }
}
