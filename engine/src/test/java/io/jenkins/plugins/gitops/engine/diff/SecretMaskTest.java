package io.jenkins.plugins.gitops.engine.diff;

import static io.jenkins.plugins.gitops.engine.diff.Manifests.node;
import static io.jenkins.plugins.gitops.engine.diff.Manifests.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class SecretMaskTest {

    private final SecretMask secrets = SecretMask.forObject("v1", "Secret");

    @Test
    void shouldHashTheDecodedValueSoStringDataAndDataAgree() {
        // printf %s hunter2 | sha256sum → f52fbd32…
        assertThat(SecretMask.redact(node("aHVudGVyMg=="), true)).isEqualTo("(redacted sha256:f52fbd)");
        assertThat(SecretMask.redact(node("hunter2"), false)).isEqualTo("(redacted sha256:f52fbd)");
    }

    @Test
    void shouldStillHideValuesThatAreNotBase64() {
        assertThat(SecretMask.redact(node("not base64!"), true)).startsWith("(redacted sha256:").doesNotContain("base64");
    }

    @Test
    void shouldMaskOnlyDataAndStringDataOfSecrets() {
        ObjectNode secret = yaml("{apiVersion: v1, kind: Secret, metadata: {name: s, labels: {a: b}}, type: Opaque, "
                + "data: {password: aHVudGVyMg==}, stringData: {token: abc}}");

        ObjectNode masked = secrets.maskObject(secret);

        assertThat(masked).isEqualTo(yaml("{apiVersion: v1, kind: Secret, metadata: {name: s, labels: {a: b}}, type: Opaque, "
                + "data: {password: '(redacted sha256:f52fbd)'}, "
                + "stringData: {token: '(redacted sha256:ba7816)'}}"));
        assertThat(secret.at("/data/password").asText()).as("the argument is left alone").isEqualTo("aHVudGVyMg==");
    }

    @Test
    void shouldMaskChangedValuesOnlyUnderSecretData() {
        FieldPath data = FieldPath.ROOT.field("data").field("password");
        FieldPath type = FieldPath.ROOT.field("type");

        assertThat(secrets.mask(data, node("aHVudGVyMg==")).asText()).isEqualTo("(redacted sha256:f52fbd)");
        assertThat(secrets.mask(FieldPath.ROOT.field("data"), node("{a: aHVudGVyMg==}")))
                .isEqualTo(node("{a: '(redacted sha256:f52fbd)'}"));
        assertThat(secrets.mask(type, node("Opaque")).asText()).isEqualTo("Opaque");
    }

    @Test
    void shouldLeaveOtherKindsAlone() {
        SecretMask configMaps = SecretMask.forObject("v1", "ConfigMap");
        ObjectNode configMap = yaml("{apiVersion: v1, kind: ConfigMap, data: {password: visible}}");

        assertThat(configMaps.maskObject(configMap)).isEqualTo(configMap);
        assertThat(configMaps.covers(FieldPath.ROOT.field("data"))).isFalse();
        assertThat(SecretMask.forObject("example.com/v1", "Secret").covers(FieldPath.ROOT.field("data"))).isFalse();
    }
}
