package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
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
 * @param desired the normalised value Git declares, or {@code null} when Git no longer declares the field
 *     but this engine (or {@code kubectl apply} before it) once set it: a sync removes it
 * @param live the live value, or {@code null} when the live object does not have the field
 * @param managers the other field managers that own the live value ({@code kubectl-edit}): a sync takes
 *     the field from them (or, when it may not, reports a conflict); empty when only this engine owns it
 */
public record FieldChange(String path, JsonNode desired, JsonNode live, List<String> managers) {

    public FieldChange {
        Objects.requireNonNull(path, "path");
        if (desired != null && (desired.isNull() || desired.isMissingNode())) {
            desired = null;
        }
        if (live != null && (live.isNull() || live.isMissingNode())) {
            // One spelling for "not there", so a change reads back from JSON as it was written.
            live = null;
        }
        if (desired == null && live == null) {
            throw new IllegalArgumentException(path + ": a change needs a value in Git or in the cluster");
        }
        managers = managers == null ? List.of() : List.copyOf(managers);
    }

    public FieldChange(String path, JsonNode desired, JsonNode live) {
        this(path, desired, live, List.of());
    }

    /** Whether Git no longer declares the field: a sync removes it from the live object. */
    public boolean removedFromGit() {
        return desired == null;
    }

    /** Whether the live object lacks the field altogether. */
    public boolean liveAbsent() {
        return live == null;
    }

    @Override
    public String toString() {
        return path + ": " + (desired == null ? "absent" : desired.toString()) + " in Git, "
                + (live == null ? "absent" : live.toString()) + " live";
    }
}
