package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads scalar fields of a live object the way the API server means them: a missing (or
 * {@code null}) field is its default, never the text {@code "null"}.
 */
final class JsonFields {

    private JsonFields() {
    }

    /** The text of a string field, or empty when the field is missing or not a string. */
    static String text(JsonNode field) {
        return field.isTextual() ? field.asText() : "";
    }

    /** The value of an integer field, or {@code defaultValue} when the field is missing or not a number. */
    static long number(JsonNode field, long defaultValue) {
        return field.isNumber() ? field.asLong() : defaultValue;
    }

    /** The value of an integer field, or 0 (the API's omitted value) when missing. */
    static long number(JsonNode field) {
        return number(field, 0);
    }

    /** Whether a boolean field is {@code true}; missing means {@code false}. */
    static boolean isTrue(JsonNode field) {
        return field.isBoolean() && field.asBoolean();
    }

    /** A count with a noun in singular or plural: {@code 1 replica}, {@code 3 replicas}. */
    static String count(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }
}
