package io.jenkins.plugins.gitops.engine.chart;

import io.jenkins.plugins.gitops.engine.source.SourceException;

/**
 * Getting a chart failed: the repository could not be reached or refused the credentials, no version matched,
 * the index or the archive was malformed or hostile, or a digest did not match. A chart is part of the
 * environment's source, so this is a {@link SourceException}: the run stops before rendering and nothing is
 * applied or pruned. The message follows "repository: what went wrong; what to do", and never holds a credential.
 */
public class ChartException extends SourceException {

    public ChartException(Reason reason, ChartReference reference, String message) {
        this(reason, reference, message, null);
    }

    public ChartException(Reason reason, ChartReference reference, String message, Throwable cause) {
        super(reason, reference.redactedRepository(), "chart " + reference.chartName() + " from "
                + reference.redactedRepository() + ": " + message, cause);
    }
}
