package io.jenkins.plugins.gitops.engine.report;

import java.io.IOException;

/** A document that is not a sync report this version can read: another format, or no report at all. */
public class ReportFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public ReportFormatException(String message) {
        super(message);
    }
}
