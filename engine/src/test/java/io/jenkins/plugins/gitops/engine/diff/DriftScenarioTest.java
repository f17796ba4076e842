package io.jenkins.plugins.gitops.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture set under {@code src/test/resources/diff/}: the detector's status and changes must be
 * exactly those of {@code <scenario>.expected.yaml}. The live objects were recorded from kube-apiserver
 * 1.20 after server-side apply of {@code applied/*.yaml} by {@code gitops-sync}, and for most scenarios
 * an edit by another field manager; see {@link Scenario}.
 */
class DriftScenarioTest {

    static Stream<String> scenarios() {
        return Scenario.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldReportTheExpectedDrift(String name) {
        Scenario scenario = Scenario.load(name);

        ObjectDrift drift = scenario.compare();

        assertThat(drift.status().name()).isEqualTo(scenario.expected().path("status").asText());
        assertThat(changesOf(drift)).isEqualTo(expectedChanges(scenario.expected()));
    }

    @Test
    void shouldHaveAnExpectationForEveryScenario() {
        assertThat(Scenario.names())
                .hasSizeGreaterThanOrEqualTo(25)
                .allSatisfy(name -> assertThat(Scenario.load(name).expected()).as(name + ".expected.yaml").isNotNull());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldShowAnEmptyDiffTextExactlyWhenInSync(String name) {
        ObjectDrift drift = Scenario.load(name).compare();

        assertThat(drift.diffText().isEmpty()).isEqualTo(drift.status() == DriftStatus.IN_SYNC);
    }

    private static List<JsonNode> changesOf(ObjectDrift drift) {
        List<JsonNode> changes = new ArrayList<>();
        for (FieldChange change : drift.changes()) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("path", change.path());
            node.set("desired", change.desired());
            if (change.live() != null) {
                node.set("live", change.live());
            }
            changes.add(node);
        }
        return changes;
    }

    private static List<JsonNode> expectedChanges(ObjectNode expected) {
        List<JsonNode> changes = new ArrayList<>();
        expected.path("changes").forEach(changes::add);
        return changes;
    }
}
