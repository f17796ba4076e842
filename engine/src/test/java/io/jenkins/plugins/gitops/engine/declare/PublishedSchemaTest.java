package io.jenkins.plugins.gitops.engine.declare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The schema the docs publish is the one the engine checks with, and uses only keywords it checks. */
class PublishedSchemaTest {

    @Test
    void shouldPublishTheSchemaTheEngineChecksWith() throws Exception {
        Path published = Path.of("..", "docs", "environment-declaration.schema.json");
        byte[] shipped;
        try (InputStream in = DeclarationSchema.class.getResourceAsStream(DeclarationSchema.RESOURCE)) {
            shipped = in.readAllBytes();
        }

        assertThat(Files.readAllBytes(published)).as("docs/environment-declaration.schema.json: copy the engine's"
                + " resource there after changing it").isEqualTo(shipped);
    }

    @Test
    void shouldLoadWithEveryPropertyTheDocsList() {
        assertThat(DeclarationSchema.load().propertyNames()).containsExactly("name", "repository", "revision",
                "credentialsId", "path", "serverUrl", "clusterCredentialsId", "namespace", "renderer", "syncPolicy",
                "checkIntervalMinutes", "agentLabel", "helm");
    }
}
