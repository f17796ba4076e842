package io.jenkins.plugins.gitops.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.sync.SyncResult.Mode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class ReportJsonTest {

    static byte[] json(SyncReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ReportJson.write(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String text(SyncReport report) {
        return new String(json(report), StandardCharsets.UTF_8);
    }

    private static String resource(String name) {
        try (InputStream in = Objects.requireNonNull(ReportJsonTest.class.getResourceAsStream("/report/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SyncReport example() {
        return SyncReport.of(Reports.prunedSync(), Reports.context(Mode.SYNC));
    }

    @Test
    void shouldReadBackWhatItWrote() throws IOException {
        for (SyncReport report : new SyncReport[] {example(), SyncReport.of(Reports.preview(), Reports.localFolderContext()),
            SyncReport.of(Reports.failedSync(), Reports.context(Mode.SYNC)),
            SyncReport.of(Reports.prunedSync(), Reports.chartContext())}) {

            SyncReport read = ReportJson.read(new ByteArrayInputStream(json(report)));

            assertThat(read).isEqualTo(report);
        }
    }

    @Test
    void shouldRecordTheChartWithoutTheCredentialsOfItsUrlAndLeaveItOutWhenThereIsNone() throws IOException {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var chart = mapper.readTree(json(SyncReport.of(Reports.prunedSync(), Reports.chartContext())))
                .path("summary").path("source").path("chart");

        assertThat(chart.toString()).isEqualTo("{\"repository\":\"https://charts.example.com/stable\",\"name\":\"web\","
                + "\"requestedVersion\":\"^1.2\",\"version\":\"1.2.7\",\"digest\":\"sha256:" + "ab".repeat(32) + "\"}");
        assertThat(mapper.readTree(json(example())).path("summary").path("source").has("chart")).isFalse();
    }

    @Test
    void shouldWriteTheDocumentedExample() {
        // docs/report-format.md shows this document; change both together.
        assertThat(text(example())).isEqualTo(resource("sync-report-example.json"));
    }

    @Test
    void shouldWriteTheFormatFirstThenTheSummaryThenTheObjects() {
        String text = text(example());

        assertThat(text).startsWith("{\n  \"format\": \"gitops-sync/report/v1\",\n  \"summary\": {");
        assertThat(text.indexOf("\"totals\"")).isLessThan(text.indexOf("\"objects\": ["));
        assertThat(text.lastIndexOf("\"summary\"")).isLessThan(text.indexOf("\"objects\": ["));
    }

    @Test
    void shouldReadTheSummaryAlone() throws IOException {
        SyncReport report = example();

        assertThat(ReportJson.readSummary(new ByteArrayInputStream(json(report)))).isEqualTo(report.summary());
    }

    @Test
    void shouldReadTheSummaryOfALargeReportWithoutTouchingItsObjects() throws IOException {
        byte[] json = json(SyncReport.of(Reports.manyObjects(5000), Reports.context(Mode.DRY_RUN)));
        String text = new String(json, StandardCharsets.UTF_8);
        int objectsStart = text.indexOf("\"objects\": [") + "\"objects\": [".length();
        byte[] corrupted = (text.substring(0, objectsStart) + "{ this is not JSON at all ]]]").getBytes(StandardCharsets.UTF_8);
        CountingStream counting = new CountingStream(new ByteArrayInputStream(json));

        long started = System.nanoTime();
        ReportSummary summary = ReportJson.readSummary(counting);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(summary.totals().objects()).isEqualTo(5000);
        assertThat(json.length).as("the report is large").isGreaterThan(2_000_000);
        assertThat(counting.bytesRead).as("bytes read of %s", json.length).isLessThan(16_000);
        assertThat(elapsedMs).as("fast").isLessThan(1000);
        assertThat(ReportJson.readSummary(new ByteArrayInputStream(corrupted))).as("objects never parsed").isEqualTo(summary);
        assertThatThrownBy(() -> ReportJson.read(new ByteArrayInputStream(corrupted))).isInstanceOf(IOException.class);
    }

    @Test
    void shouldAcceptFieldsAddedByALaterReleaseOfTheSameFormat() throws IOException {
        String withExtras = text(example()).replace("\"summary\": {", "\"summary\": {\n    \"newField\": {\"a\": [1, 2]},")
                .replace("\"objects\": [", "\"signature\": \"abc\",\n  \"objects\": [");

        SyncReport read = ReportJson.read(new ByteArrayInputStream(withExtras.getBytes(StandardCharsets.UTF_8)));

        assertThat(read).isEqualTo(example());
    }

    @Test
    void shouldRefuseAnotherFormatNamingBoth() {
        byte[] v2 = text(example()).replace("gitops-sync/report/v1", "gitops-sync/report/v2").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ReportJson.readSummary(new ByteArrayInputStream(v2)))
                .isInstanceOf(ReportFormatException.class)
                .hasMessage("sync report: format \"gitops-sync/report/v2\" is not supported; this version reads"
                        + " gitops-sync/report/v1 (a newer report needs a newer GitOps Sync)");
    }

    @Test
    void shouldRefuseDocumentsThatAreNoReport() {
        assertThatThrownBy(() -> ReportJson.read(stream("[1, 2]"))).isInstanceOf(ReportFormatException.class)
                .hasMessageStartingWith("sync report: the document is not a JSON object;");
        assertThatThrownBy(() -> ReportJson.read(stream("{\"kind\": \"Deployment\"}"))).isInstanceOf(ReportFormatException.class)
                .hasMessageStartingWith("sync report: the document has no \"format\" field;");
        assertThatThrownBy(() -> ReportJson.readSummary(stream("{\"format\": \"gitops-sync/report/v1\", \"objects\": []}")))
                .isInstanceOf(ReportFormatException.class)
                .hasMessage("sync report: the document has no \"summary\"; the file is incomplete, write it again");
    }

    @Test
    void shouldLeaveTheCallersStreamsOpen() throws IOException {
        ClosingTracker out = new ClosingTracker();
        ReportJson.write(example(), out);
        StreamTracker in = new StreamTracker(new ByteArrayInputStream(out.toByteArray()));
        ReportJson.read(in);

        assertThat(out.closed).isFalse();
        assertThat(in.closed).isFalse();
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static final class CountingStream extends FilterInputStream {
        long bytesRead;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            bytesRead += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            bytesRead += Math.max(n, 0);
            return n;
        }
    }

    private static final class ClosingTracker extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final class StreamTracker extends FilterInputStream {
        boolean closed;

        StreamTracker(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
