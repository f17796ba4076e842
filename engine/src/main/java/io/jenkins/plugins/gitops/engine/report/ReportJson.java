package io.jenkins.plugins.gitops.engine.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes and reads {@link SyncReport}s as JSON (UTF-8, two-space indentation, {@code \n} line breaks,
 * times in ISO-8601). The streams are the caller's: they are flushed, never closed.
 *
 * <p>A reader accepts fields it does not know, so that a report written by a later release of the same
 * format version still reads; it refuses another format (see {@link SyncReport#FORMAT}).
 */
public final class ReportJson {

    private static final TypeReference<List<ReportObject>> OBJECT_LIST = new TypeReference<>() { };

    /** Readers and writers are immutable, hence shared; the mapper they come from is not kept. */
    private static final ObjectWriter WRITER;
    private static final ObjectReader READER;

    static {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(IsoTimes.module())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
                .build();
        DefaultIndenter lineBreaks = new DefaultIndenter("  ", "\n");
        WRITER = mapper.writerFor(SyncReport.class).with(new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(lineBreaks)
                .withArrayIndenter(lineBreaks));
        READER = mapper.reader();
    }

    private ReportJson() {
    }

    /** Writes {@code report}: the format first, then the summary, then the objects. */
    public static void write(SyncReport report, OutputStream out) throws IOException {
        WRITER.writeValue(out, report);
        out.write('\n');
        out.flush();
    }

    /**
     * Reads a whole report.
     *
     * @throws ReportFormatException when the document is not a report of this format
     * @throws IOException when it cannot be read or is not valid JSON
     */
    public static SyncReport read(InputStream in) throws IOException {
        return parse(in, false);
    }

    /**
     * Reads only the summary: parsing stops right after it, so the objects (the bulk of a large report)
     * are never read, let alone parsed. Fit for pages that list many builds.
     *
     * @throws ReportFormatException when the document is not a report of this format, or has no summary
     * @throws IOException when it cannot be read or is not valid JSON up to the end of the summary
     */
    public static ReportSummary readSummary(InputStream in) throws IOException {
        return parse(in, true).summary();
    }

    private static SyncReport parse(InputStream in, boolean summaryOnly) throws IOException {
        try (JsonParser parser = READER.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ReportFormatException("sync report: the document is not a JSON object;"
                        + " give a file written by GitOps Sync (format " + SyncReport.FORMAT + ")");
            }
            String format = null;
            ReportSummary summary = null;
            List<ReportObject> objects = List.of();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "format" -> format = checkFormat(parser.getValueAsString());
                    case "summary" -> summary = READER.readValue(parser, ReportSummary.class);
                    case "objects" -> {
                        if (summaryOnly) {
                            parser.skipChildren();
                        } else {
                            objects = READER.forType(OBJECT_LIST).readValue(parser);
                        }
                    }
                    default -> parser.skipChildren();
                }
                if (summaryOnly && format != null && summary != null) {
                    break; // the writer puts the summary before the objects: nothing more to read
                }
            }
            if (format == null) {
                throw new ReportFormatException("sync report: the document has no \"format\" field;"
                        + " give a file written by GitOps Sync (format " + SyncReport.FORMAT + ")");
            }
            if (summary == null) {
                throw new ReportFormatException("sync report: the document has no \"summary\";"
                        + " the file is incomplete, write it again");
            }
            return new SyncReport(format, summary, objects);
        }
    }

    private static String checkFormat(String format) throws ReportFormatException {
        if (!SyncReport.FORMAT.equals(format)) {
            throw new ReportFormatException("sync report: format \"" + format + "\" is not supported; this version"
                    + " reads " + SyncReport.FORMAT + " (a newer report needs a newer GitOps Sync)");
        }
        return format;
    }
}
