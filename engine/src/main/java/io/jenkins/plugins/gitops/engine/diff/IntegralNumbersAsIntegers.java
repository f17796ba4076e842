package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Map;

/**
 * Writes whole numbers declared with a fraction ({@code 1.0}) as integers ({@code 1}). JSON has one
 * number type, and the API server writes a whole number without a fraction, whatever the type of the
 * field; the comparison already treats them as equal, this makes the desired view read the same way.
 */
final class IntegralNumbersAsIntegers implements NormalizationRule {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    @Override
    public String name() {
        return "integral-numbers-as-integers";
    }

    @Override
    public void apply(ObjectNode object) {
        rewrite(object);
    }

    private static void rewrite(JsonNode node) {
        if (node instanceof ObjectNode map) {
            for (Map.Entry<String, JsonNode> entry : map.properties()) {
                JsonNode value = entry.getValue();
                if (isFractionalWholeNumber(value)) {
                    entry.setValue(asInteger(value));
                } else {
                    rewrite(value);
                }
            }
        } else if (node instanceof ArrayNode list) {
            for (int i = 0; i < list.size(); i++) {
                JsonNode value = list.get(i);
                if (isFractionalWholeNumber(value)) {
                    list.set(i, asInteger(value));
                } else {
                    rewrite(value);
                }
            }
        }
    }

    private static boolean isFractionalWholeNumber(JsonNode value) {
        return value.isFloatingPointNumber() && value.canConvertToExactIntegral();
    }

    private static JsonNode asInteger(JsonNode value) {
        BigInteger whole = value.bigIntegerValue();
        if (whole.compareTo(LONG_MIN) < 0 || whole.compareTo(LONG_MAX) > 0) {
            return JsonNodeFactory.instance.numberNode(whole);
        }
        long asLong = whole.longValue();
        return asLong == (int) asLong
                ? JsonNodeFactory.instance.numberNode((int) asLong)
                : JsonNodeFactory.instance.numberNode(asLong);
    }
}
