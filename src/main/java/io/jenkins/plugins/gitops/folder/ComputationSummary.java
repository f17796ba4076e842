package io.jenkins.plugins.gitops.folder;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.gitops.engine.declare.DeclarationError;
import io.jenkins.plugins.gitops.engine.declare.GenerationResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the last computation of a folder found, for its page: where it read, how many environments, and every error
 * ({@code file:line: message}). Kept in {@code gitops-computation.xml} beside the folder's {@code config.xml}, so
 * that the page shows it after a restart; state, not configuration.
 */
public final class ComputationSummary {

    /** At most this many errors are kept: a page listing ten thousand errors helps no one; the log has them all. */
    static final int MAX_ERRORS = 200;

    private final String source;
    private final long timestamp;
    private final int environments;
    private final ArrayList<String> errors;
    private final int errorCount;
    private final boolean complete;

    ComputationSummary(String source, long timestamp, int environments, List<String> errors, int errorCount,
            boolean complete) {
        this.source = source;
        this.timestamp = timestamp;
        this.environments = environments;
        this.errors = new ArrayList<>(errors);
        this.errorCount = errorCount;
        this.complete = complete;
    }

    static ComputationSummary of(GenerationResult result, long timestamp) {
        List<String> errors = result.errors().stream().limit(MAX_ERRORS).map(DeclarationError::toString).toList();
        return new ComputationSummary(result.description(), timestamp, result.environments().size(), errors,
                result.errors().size(), result.complete());
    }

    /** The repository and commit read, without credentials. */
    @NonNull
    public String getSource() {
        return source == null ? "" : source;
    }

    public long getTimestamp() {
        return timestamp;
    }

    public int getEnvironments() {
        return environments;
    }

    @NonNull
    public List<String> getErrors() {
        return errors == null ? List.of() : Collections.unmodifiableList(errors);
    }

    public int getErrorCount() {
        return errorCount;
    }

    /** Whether errors were left out of {@link #getErrors()}. */
    public boolean isTruncated() {
        return errorCount > getErrors().size();
    }

    /** Whether the whole repository was considered; when not, nothing was orphaned. */
    public boolean isComplete() {
        return complete;
    }
}
