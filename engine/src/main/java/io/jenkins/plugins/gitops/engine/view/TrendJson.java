package io.jenkins.plugins.gitops.engine.view;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes and reads {@link DriftTrend}s as JSON, and writes {@link TrendChart}s:
 *
 * <pre>{@code
 * {"format":"gitops-sync/trend/v1","points":[{"first":"2025-06-01T10:15:30Z","last":"2025-06-01T11:15:30Z",
 *   "revision":"3f1c2b7","outOfSync":0,"unhealthy":0,"syncStatus":"SYNCED","health":"HEALTHY","sync":false,
 *   "repeats":61}]}
 * }</pre>
 *
 * Times are ISO-8601, statuses the constants' names. A reader ignores fields it does not know and leaves out a
 * point it cannot read, rather than losing the whole trend.
 */
final class TrendJson {

    /** Immutable once built, hence shared. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    /** For chart data that goes into a page: ASCII only, nothing HTML could take for markup. */
    private static final JsonFactory HTML_SAFE = new JsonFactoryBuilder()
            .characterEscapes(new HtmlSafeEscapes())
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private TrendJson() {
    }

    static void write(DriftTrend trend, OutputStream out) throws IOException {
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("format", DriftTrend.FORMAT);
            json.writeArrayFieldStart("points");
            for (TrendPoint point : trend.points()) {
                json.writeStartObject();
                json.writeStringField("first", point.first().toString());
                json.writeStringField("last", point.last().toString());
                json.writeStringField("revision", point.revision());
                json.writeNumberField("outOfSync", point.outOfSync());
                json.writeNumberField("unhealthy", point.unhealthy());
                json.writeStringField("syncStatus", point.syncStatus().name());
                json.writeStringField("health", point.health().name());
                json.writeBooleanField("sync", point.sync());
                json.writeNumberField("repeats", point.repeats());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        }
        out.flush();
    }

    static DriftTrend.Loaded read(InputStream in, String name, DriftTrend empty) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JacksonException e) {
            JsonLocation where = e.getLocation();
            return failed(empty, name + (where == null ? "" : ":" + where.getLineNr()) + ": not valid JSON ("
                    + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            return failed(empty, name + ": could not be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
        if (root == null || root.isMissingNode()) {
            return failed(empty, name + ": the file is empty");
        }
        if (!root.isObject()) {
            return failed(empty, name + ": not a drift trend (a JSON object with \"format\": \"" + DriftTrend.FORMAT
                    + "\" was expected)");
        }
        String format = root.path("format").asText("");
        if (!DriftTrend.FORMAT.equals(format)) {
            return failed(empty, name + ": format \"" + format + "\" is not supported; this version reads "
                    + DriftTrend.FORMAT);
        }
        JsonNode array = root.path("points");
        if (!array.isArray()) {
            return failed(empty, name + ": the trend has no \"points\" list");
        }
        List<TrendPoint> points = new ArrayList<>();
        String firstFailure = null;
        int index = 0;
        for (JsonNode node : array) {
            index++;
            try {
                points.add(point(node));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                if (firstFailure == null) {
                    firstFailure = "point " + index + ": " + e.getMessage();
                }
            }
        }
        int skipped = array.size() - points.size();
        List<String> problems = skipped == 0 ? List.of() : List.of(name + ": " + skipped + " of " + array.size()
                + " points could not be read and are left out (" + firstFailure + ")");
        return new DriftTrend.Loaded(empty.restore(points), problems);
    }

    /** The chart as one object of parallel arrays, safe to embed in HTML: see {@link TrendChart#toJson()}. */
    static void writeChart(TrendChart chart, Writer out) throws IOException {
        try (JsonGenerator json = HTML_SAFE.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("labels");
            for (String label : chart.labels()) {
                json.writeString(label);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("outOfSync");
            for (int count : chart.outOfSync()) {
                json.writeNumber(count);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("unhealthy");
            for (int count : chart.unhealthy()) {
                json.writeNumber(count);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("revisions");
            for (String revision : chart.revisions()) {
                json.writeString(revision);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("syncs");
            for (boolean sync : chart.syncs()) {
                json.writeBoolean(sync);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /** {@code 2025-06-01T10:15:30Z}: seconds are precise enough for a chart and keep the labels short. */
    static String label(Instant time) {
        return time.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static TrendPoint point(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        Instant last = instant(node, "last");
        Instant first = instant(node, "first");
        if (first == null && last == null) {
            throw new IllegalArgumentException("no \"first\" or \"last\" time");
        }
        first = first == null ? last : first;
        last = last == null ? first : last;
        return new TrendPoint(first, last, node.path("revision").asText(""), count(node, "outOfSync"),
                count(node, "unhealthy"), constant(node, "syncStatus", SyncStatus.class),
                node.hasNonNull("health") ? constant(node, "health", HealthStatus.class) : HealthStatus.UNKNOWN,
                node.path("sync").asBoolean(false), node.has("repeats") ? count(node, "repeats") : 1);
    }

    private static Instant instant(JsonNode point, String field) {
        JsonNode value = point.get(field);
        return value == null || value.isNull() ? null : Instant.parse(value.asText());
    }

    private static <E extends Enum<E>> E constant(JsonNode point, String field, Class<E> type) {
        String name = point.path(field).asText("");
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("\"" + field + "\" is \"" + name + "\", not one of "
                + Arrays.toString(type.getEnumConstants()));
    }

    private static int count(JsonNode point, String field) {
        JsonNode value = point.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("\"" + field + "\" is not a whole number");
        }
        return value.intValue();
    }

    private static DriftTrend.Loaded failed(DriftTrend empty, String problem) {
        return new DriftTrend.Loaded(empty, List.of(problem + "; the trend starts again with the next check"));
    }

    /**
     * Jackson's JSON escapes, and {@code <}, {@code >}, {@code &} and {@code '} as {@code \}{@code u} escapes:
     * a {@code </script>} or a quote in a revision cannot end the element or attribute the chart data is in.
     */
    private static final class HtmlSafeEscapes extends CharacterEscapes {

        private static final long serialVersionUID = 1L;

        private final int[] escapes;

        HtmlSafeEscapes() {
            int[] standard = CharacterEscapes.standardAsciiEscapesForJSON();
            for (char c : new char[] {'<', '>', '&', '\''}) {
                standard[c] = CharacterEscapes.ESCAPE_STANDARD;
            }
            escapes = standard;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
