package io.jenkins.plugins.gitops.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The marks that say "this object belongs to that environment", and the test for them.
 *
 * <p>An environment is identified by a string that is unique within a Jenkins (its full item name, and
 * the Jenkins URL when several Jenkins share a cluster). Label values are limited to 63 characters, so
 * the label carries a readable prefix of the identity plus a hash of all of it; an annotation carries
 * the identity itself. An object is this environment's only when both agree, so neither a truncated
 * name nor a hash collision can make one environment prune another's objects.
 */
public final class Ownership {

    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "gitops-sync";
    public static final String ENVIRONMENT_LABEL = "gitops-sync.jenkins.io/environment";
    public static final String ENVIRONMENT_ANNOTATION = "gitops-sync.jenkins.io/environment-id";

    private static final int LABEL_VALUE_LIMIT = 63;
    private static final int HASH_LENGTH = 10;

    private final String environmentId;
    private final String labelValue;

    public Ownership(String environmentId) {
        this.environmentId = Objects.requireNonNull(environmentId, "environmentId");
        if (environmentId.isBlank()) {
            throw new IllegalArgumentException("environment identity must not be blank");
        }
        this.labelValue = labelValueFor(environmentId);
    }

    public String environmentId() {
        return environmentId;
    }

    /** The value of {@link #ENVIRONMENT_LABEL}: at most 63 characters, a valid label value. */
    public String labelValue() {
        return labelValue;
    }

    /** The label selector that finds this environment's objects in one LIST per kind. */
    public String labelSelector() {
        return ENVIRONMENT_LABEL + "=" + labelValue;
    }

    /** Writes the marks into a manifest about to be applied. */
    public void mark(ObjectNode manifest) {
        ObjectNode metadata = manifest.with("metadata");
        ObjectNode labels = metadata.with("labels");
        labels.put(MANAGED_BY_LABEL, MANAGED_BY_VALUE);
        labels.put(ENVIRONMENT_LABEL, labelValue);
        metadata.with("annotations").put(ENVIRONMENT_ANNOTATION, environmentId);
    }

    /** The labels {@link #mark} adds, for callers that compare. */
    public Map<String, String> labels() {
        return Map.of(MANAGED_BY_LABEL, MANAGED_BY_VALUE, ENVIRONMENT_LABEL, labelValue);
    }

    /** Whether a live object carries this environment's marks: both the label and the full identity. */
    public boolean owns(JsonNode liveObject) {
        JsonNode metadata = liveObject.path("metadata");
        return labelValue.equals(metadata.path("labels").path(ENVIRONMENT_LABEL).asText(null))
                && environmentId.equals(metadata.path("annotations").path(ENVIRONMENT_ANNOTATION).asText(null));
    }

    static String labelValueFor(String environmentId) {
        String hash = sha256Hex(environmentId).substring(0, HASH_LENGTH);
        String readable = environmentId.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._-]+", "-")
                .replaceAll("^[^a-z0-9]+", "");
        int room = LABEL_VALUE_LIMIT - HASH_LENGTH - 1;
        if (readable.length() > room) {
            readable = readable.substring(0, room);
        }
        readable = readable.replaceAll("[^a-z0-9]+$", "");
        return readable.isEmpty() ? hash : readable + "-" + hash;
    }

    private static String sha256Hex(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "environment " + environmentId;
    }
}
