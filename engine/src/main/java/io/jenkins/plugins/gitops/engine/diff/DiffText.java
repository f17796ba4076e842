package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;

/**
 * The text a person reads about one drifted object: the declared fields as YAML, live against Git, in
 * unified format, as {@code kubectl diff} shows them: {@code -} lines are what the cluster has,
 * {@code +} lines what Git declares (what a sync would write). Fields Git does not declare, and
 * server-set metadata, never appear, so the text is the same from one run to the next.
 */
final class DiffText {

    /** Immutable, hence safe to share; configured like the manifests people write. */
    private static final ObjectWriter YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build()).writer();

    private DiffText() {
    }

    static String of(ObjectDrift drift, int maxLines) {
        if (drift.status() == DriftStatus.IN_SYNC) {
            return "";
        }
        List<String> live = drift.comparedLive() == null ? List.of() : lines(drift.comparedLive());
        List<String> desired = lines(drift.comparedDesired());
        String subject = drift.ref().toString();
        return UnifiedDiff.between("live " + subject, live, "desired " + subject, desired, maxLines);
    }

    static List<String> lines(ObjectNode object) {
        try {
            return YAML.writeValueAsString(object).lines().toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written as YAML", e);
        }
    }
}
