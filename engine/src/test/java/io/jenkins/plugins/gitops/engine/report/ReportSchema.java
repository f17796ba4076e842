package io.jenkins.plugins.gitops.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/** The published JSON Schema of the report format, loaded from the engine's resources as a user would. */
final class ReportSchema {

    static final String RESOURCE = "/io/jenkins/plugins/gitops/engine/report/sync-report-v1.schema.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonSchema schema;
    private final JsonNode document;

    ReportSchema() {
        try (InputStream in = Objects.requireNonNull(ReportSchema.class.getResourceAsStream(RESOURCE), RESOURCE)) {
            document = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(document, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    }

    /** What is wrong with {@code json}; empty when it is a valid report. */
    List<String> problemsOf(byte[] json) {
        try {
            return schema.validate(JSON.readTree(json)).stream().map(ValidationMessage::toString).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema itself, to compare its enumerations with the engine's. */
    JsonNode document() {
        return document;
    }
}
