package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.util.List;
import java.util.Objects;

/**
 * The drift of one object: whether it is in sync, which declared fields differ, and what was compared.
 * Like everything this package returns, it holds no Secret value: those are masked
 * ({@code (redacted sha256:1a2b3c)}) in the changes and in every object view.
 *
 * <p>A plain value: it can be written as JSON and read back (for example into a drift report file).
 * Treat the object views as read-only.
 *
 * @param ref the object, named with the live namespace when Git leaves it to the environment
 * @param status in sync, out of sync, or missing
 * @param changes the declared fields that differ, in the order Git declares them; empty unless
 *     {@link DriftStatus#OUT_OF_SYNC}
 * @param normalizedDesired the desired object after normalisation, as the server would store it
 * @param comparedDesired the declared fields that were compared (ignored fields left out), as Git has them
 * @param comparedLive the same fields as the live object has them, spelled like Git where the values are
 *     equivalent; {@code null} when the object is missing
 */
public record ObjectDrift(
        ObjectRef ref,
        DriftStatus status,
        List<FieldChange> changes,
        ObjectNode normalizedDesired,
        ObjectNode comparedDesired,
        ObjectNode comparedLive) {

    /** Enough lines for a typical drift, few enough for a build log or a web page. */
    public static final int DEFAULT_MAX_DIFF_LINES = 200;

    public ObjectDrift {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(status, "status");
        changes = List.copyOf(changes);
        Objects.requireNonNull(normalizedDesired, "normalizedDesired");
        Objects.requireNonNull(comparedDesired, "comparedDesired");
        if ((status == DriftStatus.OUT_OF_SYNC) == changes.isEmpty()) {
            throw new IllegalArgumentException(ref + ": status " + status + " does not go with " + changes.size()
                    + " changed fields");
        }
    }

    /** Whether a sync would change the object (it differs or does not exist). */
    public boolean hasDrift() {
        return status != DriftStatus.IN_SYNC;
    }

    /** The paths of the changed fields, such as {@code .spec.replicas}. */
    public List<String> changedPaths() {
        return changes.stream().map(FieldChange::path).toList();
    }

    /** The declared fields as a unified diff, live against Git, at most {@value #DEFAULT_MAX_DIFF_LINES} lines. */
    public String diffText() {
        return diffText(DEFAULT_MAX_DIFF_LINES);
    }

    /**
     * The declared fields as a unified diff ({@code -} live, {@code +} Git), or an empty string when in
     * sync. A longer diff is cut, ending with a line that says how many lines were left out.
     */
    public String diffText(int maxLines) {
        return DiffText.of(this, maxLines);
    }

    @Override
    public String toString() {
        return switch (status) {
            case IN_SYNC -> ref + ": in sync";
            case MISSING -> ref + ": missing";
            case OUT_OF_SYNC -> ref + ": out of sync at " + String.join(", ", changedPaths());
        };
    }
}
