package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A whole object as people may see it outside a diff (the command line's {@code render}): a Secret's
 * {@code data} and {@code stringData} values masked as in every diff ({@code (redacted sha256:1a2b3c)}),
 * any other object as it is.
 */
public final class SecretValues {

    private SecretValues() {
    }

    /** {@code manifest}, or a copy with its Secret values masked when it is a {@code v1} Secret. */
    public static ObjectNode masked(ObjectNode manifest) {
        return SecretMask.forObject(manifest.path("apiVersion").asText(), manifest.path("kind").asText())
                .maskObject(manifest);
    }
}
