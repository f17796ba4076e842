package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One declared field whose live value differs from Git.
 *
 * <p>Values of a Secret's {@code data} never appear here: they are replaced by a redaction marker
 * ({@code (redacted sha256:1a2b3c)}) before the change leaves the diff package.
 *
 * @param path where the field is, as {@code .spec.replicas} or
 *     {@code .spec.template.spec.containers[name=web].image}: map keys after a dot (or as
 *     {@code ["app.kubernetes.io/name"]} when they are not plain words), list elements by their merge
 *     key ({@code [name=web]}, {@code [containerPort=80,protocol=TCP]}) or, in lists without one, by
 *     position ({@code [0]})
 * @param desired the normalised value Git declares
 * @param live the live value, or {@code null} when the live object does not have the field
 */
public record FieldChange(String path, JsonNode desired, JsonNode live) {

    public FieldChange {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(desired, "desired");
        if (live != null && (live.isNull() || live.isMissingNode())) {
            // One spelling for "not there", so a change reads back from JSON as it was written.
            live = null;
        }
    }

    /** Whether the live object lacks the field altogether. */
    public boolean liveAbsent() {
        return live == null;
    }

    @Override
    public String toString() {
        return path + ": " + desired + " in Git, " + (live == null ? "absent" : live.toString()) + " live";
    }
}
