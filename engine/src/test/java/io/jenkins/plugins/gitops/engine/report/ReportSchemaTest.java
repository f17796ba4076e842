package io.jenkins.plugins.gitops.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.sync.Action;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Outcome;
import io.jenkins.plugins.gitops.engine.sync.SyncResult.Phase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every report the engine writes is valid against the schema it publishes, and the schema knows every value. */
class ReportSchemaTest {

    private final ReportSchema schema = new ReportSchema();

    static Stream<Arguments> reports() {
        return Stream.of(
                Arguments.of("sync with prune", SyncReport.of(Reports.prunedSync(), Reports.context(Mode.SYNC))),
                Arguments.of("preview of a local folder", SyncReport.of(Reports.preview(), Reports.localFolderContext())),
                Arguments.of("failed sync", SyncReport.of(Reports.failedSync(), Reports.context(Mode.SYNC))),
                Arguments.of("sync of a chart from a repository", SyncReport.of(Reports.prunedSync(),
                        Reports.chartContext())),
                Arguments.of("dry run", SyncReport.of(Reports.manyObjects(3), Reports.context(Mode.DRY_RUN))),
                Arguments.of("nothing declared", SyncReport.of(Reports.result(Mode.PREVIEW, Outcome.IN_SYNC, "", List.of()),
                        Reports.context(Mode.PREVIEW))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reports")
    void shouldWriteReportsTheSchemaAccepts(String scenario, SyncReport report) {
        assertThat(schema.problemsOf(ReportJsonTest.json(report))).isEmpty();
    }

    @Test
    void shouldAcceptTheDocumentedExample() throws Exception {
        try (var in = ReportSchemaTest.class.getResourceAsStream("/report/sync-report-example.json")) {
            assertThat(schema.problemsOf(in.readAllBytes())).isEmpty();
        }
    }

    @Test
    void shouldRejectWhatIsNoReport() {
        String json = new String(ReportJsonTest.json(SyncReport.of(Reports.prunedSync(), Reports.context(Mode.SYNC))),
                StandardCharsets.UTF_8);

        assertThat(schema.problemsOf(json.replace("\"CONFIGURED\",", "\"CHANGED\",").getBytes(StandardCharsets.UTF_8)))
                .isNotEmpty();
        assertThat(schema.problemsOf(json.replace("https://k8s.example.com:6443", "https://u:p@k8s.example.com")
                .getBytes(StandardCharsets.UTF_8))).as("credentials in a URL").isNotEmpty();
        assertThat(schema.problemsOf("{\"format\": \"gitops-sync/report/v1\", \"objects\": []}".getBytes(StandardCharsets.UTF_8)))
                .isNotEmpty();
    }

    @Test
    void shouldListEveryValueOfTheEnginesEnumerations() {
        JsonNode defs = schema.document().path("$defs");
        JsonNode summary = defs.path("summary").path("properties");

        assertThat(strings(defs.path("action").path("enum"))).containsExactlyElementsOf(names(Action.values()));
        assertThat(strings(defs.path("healthStatus").path("enum"))).containsExactlyElementsOf(names(HealthStatus.values()));
        assertThat(strings(summary.path("mode").path("enum"))).containsExactlyElementsOf(names(Mode.values()));
        assertThat(strings(summary.path("outcome").path("enum"))).containsExactlyElementsOf(names(SyncResult.Outcome.values()));
        List<String> phases = new ArrayList<>();
        summary.path("phaseTimingsMs").path("properties").fieldNames().forEachRemaining(phases::add);
        assertThat(phases).containsExactlyElementsOf(names(Phase.values()));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
