package io.jenkins.plugins.gitops.engine.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Instants and durations in the engine's JSON (reports, runs sent back from an agent) as ISO-8601 text, written as
 * {@code Instant.toString()} and {@code Duration.toString()} write them and read back strictly.
 */
public final class IsoTimes {

    private IsoTimes() {
    }

    /** A Jackson module for both. */
    public static SimpleModule module() {
        return new SimpleModule("iso-8601-times")
                .addSerializer(Instant.class, ToStringSerializer.instance)
                .addDeserializer(Instant.class, new InstantDeserializer())
                .addSerializer(Duration.class, ToStringSerializer.instance)
                .addDeserializer(Duration.class, new DurationDeserializer());
    }

    /** An instant such as {@code 2025-06-01T10:15:30Z}. */
    private static final class InstantDeserializer extends StdScalarDeserializer<Instant> {

        private static final long serialVersionUID = 1L;

        InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                return (Instant) context.handleWeirdStringValue(Instant.class, text,
                        "not an ISO-8601 instant such as 2025-06-01T10:15:30Z");
            }
        }
    }

    /** A duration such as {@code PT0.24S}. */
    private static final class DurationDeserializer extends StdScalarDeserializer<Duration> {

        private static final long serialVersionUID = 1L;

        DurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                return (Duration) context.handleWeirdStringValue(Duration.class, text,
                        "not an ISO-8601 duration such as PT0.24S");
            }
        }
    }
}
