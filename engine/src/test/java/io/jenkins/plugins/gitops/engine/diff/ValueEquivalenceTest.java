package io.jenkins.plugins.gitops.engine.diff;

import static io.jenkins.plugins.gitops.engine.diff.Manifests.node;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueEquivalenceTest {

    private static final FieldPath CPU_LIMIT = FieldPath.ROOT.field("resources").field("limits").field("cpu");
    private static final FieldPath IMAGE = FieldPath.ROOT.field("image");

    @ParameterizedTest(name = "{0} = {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            '500m'        | '0.5'          | true
            0.5           | '500m'         | true
            '1Gi'         | '1073741824'   | true
            1073741824    | '1Gi'          | true
            '1000m'       | '1'            | true
            1             | '1'            | true
            '1024Mi'      | '1Gi'          | true
            '1e3'         | '1k'           | true
            '100m'        | '0.1'          | true
            '1Gi'         | '1G'           | false
            '500m'        | '0.6'          | false
            'not-a-size'  | 'not-a-size'   | true
            'not-a-size'  | '1'            | false
            """)
    void shouldCompareQuantitiesByAmount(String desired, String live, boolean equivalent) {
        assertThat(ValueEquivalence.equivalent("Deployment", CPU_LIMIT, node(desired), node(live))).isEqualTo(equivalent);
    }

    /** Values are YAML: {@code "1"} is a string, {@code 1} a number. */
    @ParameterizedTest(name = "{0} = {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1            | 1.0          | true
            1            | 1            | true
            '"1"'        | 1            | false
            '500m'       | '0.5'        | false
            true         | '"true"'     | false
            true         | true         | true
            'a'          | 'a'          | true
            '[1, 2]'     | '[1.0, 2]'   | true
            '[1, 2]'     | '[2, 1]'     | false
            '{a: 1}'     | '{a: 1.0}'   | true
            '{a: 1}'     | '{a: 1, b: 2}' | false
            """)
    void shouldCompareOtherValuesExactlyExceptNumbers(String desired, String live, boolean equivalent) {
        assertThat(ValueEquivalence.equivalent("Deployment", IMAGE, node(desired), node(live))).isEqualTo(equivalent);
    }

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource(textBlock = """
            .spec.template.spec.containers.resources.limits.cpu, Deployment, true
            .spec.resources.requests.storage, PersistentVolumeClaim, true
            .spec.hard.pods, ResourceQuota, true
            .spec.volumes.emptyDir.sizeLimit, Pod, true
            .spec.limits.max.cpu, LimitRange, true
            .spec.limits.max.cpu, Example, false
            .spec.replicas, Deployment, false
            .metadata.labels.limits, ConfigMap, false
            """)
    void shouldKnowWhichFieldsHoldQuantities(String dottedPath, String kind, boolean quantity) {
        FieldPath path = FieldPath.ROOT;
        for (String name : dottedPath.substring(1).split("\\.")) {
            path = path.field(name);
        }
        assertThat(QuantityFields.holdsQuantity(kind, path)).isEqualTo(quantity);
    }
}
