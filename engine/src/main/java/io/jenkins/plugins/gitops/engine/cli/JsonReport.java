package io.jenkins.plugins.gitops.engine.cli;

import io.jenkins.plugins.gitops.engine.report.ReportJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A reconcile for programs: the sync report as JSON, the same document the plugin keeps per build. */
final class JsonReport {

    private JsonReport() {
    }

    static void print(ReconcileRun run, PrintWriter out) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try {
            ReportJson.write(run.report(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("the report could not be written as JSON", e);
        }
        String text = json.toString(StandardCharsets.UTF_8);
        out.print(text);
        if (!text.endsWith("\n")) {
            out.println();
        }
        out.flush();
    }
}
