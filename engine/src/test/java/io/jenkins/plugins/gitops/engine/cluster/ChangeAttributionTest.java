package io.jenkins.plugins.gitops.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who wrote a change a watch delivered, from managedFields; and whether it was only status. */
class ChangeAttributionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OWN = Set.of("gitops-sync");

    private static ObjectNode object(String resourceVersion, String replicas, String managers) throws Exception {
        return (ObjectNode) JSON.readTree(("{'metadata':{'name':'web','resourceVersion':'%s','managedFields':[%s]},"
                + "'spec':{'replicas':%s},'status':{'ready':1}}").formatted(resourceVersion, managers, replicas)
                .replace('\'', '"'));
    }

    private static String entry(String manager, String operation, String time) {
        return "{'manager':'%s','operation':'%s','time':'%s','fieldsType':'FieldsV1'}".formatted(manager, operation, time);
    }

    @Test
    void shouldTellAnEditByKubectlFromTheEnginesApply() throws Exception {
        String applied = entry("gitops-sync", "Apply", "2026-03-01T12:00:00Z");
        ObjectNode before = object("1", "2", applied);
        ObjectNode editedByKubectl = object("2", "5", applied + "," + entry("kubectl-edit", "Update", "2026-03-01T12:05:00Z"));
        ObjectNode reapplied = object("3", "2", entry("gitops-sync", "Apply", "2026-03-01T12:06:00Z")
                + "," + entry("kubectl-edit", "Update", "2026-03-01T12:05:00Z"));

        assertThat(ChangeAttribution.writtenByOthers(before, editedByKubectl, OWN)).isTrue();
        assertThat(ChangeAttribution.writtenByOthers(editedByKubectl, reapplied, OWN)).isFalse();
    }

    @Test
    void shouldCreditTheEngineWhenItTakesAFieldBackAndTheOtherManagersEntryShrinks() throws Exception {
        String edited = entry("gitops-sync", "Apply", "2026-03-01T12:00:00Z") + ","
                + "{'manager':'kubectl-edit','operation':'Update','time':'2026-03-01T12:05:00Z','fieldsType':'FieldsV1',"
                + "'fieldsV1':{'f:spec':{'f:replicas':{},'f:paused':{}}}}";
        String takenBack = entry("gitops-sync", "Apply", "2026-03-01T12:06:00Z") + ","
                + "{'manager':'kubectl-edit','operation':'Update','time':'2026-03-01T12:05:00Z','fieldsType':'FieldsV1',"
                + "'fieldsV1':{'f:spec':{'f:paused':{}}}}";

        assertThat(ChangeAttribution.writtenByOthers(object("2", "5", edited), object("3", "2", takenBack), OWN))
                .as("kubectl-edit's entry lost replicas, but the newest entry is the engine's").isFalse();
    }

    @Test
    void shouldCreditKubectlWhenItsEditShrinksTheEnginesEntryInTheSameSecond() throws Exception {
        String applied = "{'manager':'gitops-sync','operation':'Apply','time':'2026-03-01T12:00:00Z','fieldsType':'FieldsV1',"
                + "'fieldsV1':{'f:spec':{'f:replicas':{},'f:paused':{}}}}";
        String shrunk = "{'manager':'gitops-sync','operation':'Apply','time':'2026-03-01T12:00:00Z','fieldsType':'FieldsV1',"
                + "'fieldsV1':{'f:spec':{'f:paused':{}}}}";

        assertThat(ChangeAttribution.writtenByOthers(object("1", "2", applied),
                object("2", "5", shrunk + "," + entry("kubectl-edit", "Update", "2026-03-01T12:00:00Z")), OWN))
                .as("the engine's entry lost replicas without a new time; kubectl's entry is new").isTrue();
    }

    @Test
    void shouldIgnoreStatusOnlyChanges() throws Exception {
        String applied = entry("gitops-sync", "Apply", "2026-03-01T12:00:00Z");
        ObjectNode before = object("1", "2", applied);
        ObjectNode statusUpdated = object("2", "2", applied);
        statusUpdated.with("status").put("ready", 2);

        assertThat(ChangeAttribution.declaredContentChanged(before, statusUpdated)).isFalse();
        assertThat(ChangeAttribution.declaredContentChanged(before, object("3", "3", applied))).isTrue();
    }

    @Test
    void shouldCountAChangeWithoutAWriterAsOthers() throws Exception {
        String applied = entry("gitops-sync", "Apply", "2026-03-01T12:00:00Z");

        assertThat(ChangeAttribution.writtenByOthers(object("1", "2", applied), object("2", "3", applied), OWN))
                .as("no managed-fields entry changed: a check is the safe answer").isTrue();
    }
}
