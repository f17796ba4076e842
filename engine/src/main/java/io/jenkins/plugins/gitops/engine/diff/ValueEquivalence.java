package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * When a declared value and a live value are the same value, though perhaps spelled differently.
 *
 * <ul>
 *   <li>Quantities (see {@link QuantityFields}) by amount: {@code 500m} = {@code 0.5}, {@code 1Gi} =
 *       {@code 1073741824}, {@code 1000m} = {@code 1}, and a number equals the string of it.</li>
 *   <li>Numbers by value: {@code 1.0} = {@code 1}.</li>
 *   <li>Everything else exactly, type included: strings, booleans, and numbers against strings. The API
 *       server does not convert between these: an integer field rejects {@code "80"}, and an
 *       int-or-string field ({@code targetPort}, {@code maxSurge}) stores the type it was given, so
 *       {@code "8080"} in Git against {@code 8080} live is a real difference that apply would change.</li>
 * </ul>
 */
final class ValueEquivalence {

    private ValueEquivalence() {
    }

    static boolean equivalent(String kind, FieldPath path, JsonNode desired, JsonNode live) {
        if (QuantityFields.holdsQuantity(kind, path)) {
            Optional<BigDecimal> desiredAmount = amountOf(desired);
            Optional<BigDecimal> liveAmount = amountOf(live);
            if (desiredAmount.isPresent() && liveAmount.isPresent()) {
                return desiredAmount.get().compareTo(liveAmount.get()) == 0;
            }
        }
        return sameValue(desired, live);
    }

    /** Deep equality in which numbers compare by value. */
    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> field : a.properties()) {
                JsonNode other = b.get(field.getKey());
                if (other == null || !sameValue(field.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** The amount of a quantity written as a string or a number, or empty when it is not one. */
    static Optional<BigDecimal> amountOf(JsonNode value) {
        String text;
        if (value.isNumber()) {
            text = value.decimalValue().toPlainString();
        } else if (value.isTextual()) {
            text = value.asText().trim();
        } else {
            return Optional.empty();
        }
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Quantity.getAmountInBytes(Quantity.parse(text)));
        } catch (RuntimeException notAQuantity) {
            // Not a quantity after all (a typo in Git, say): then only the exact spelling is equal.
            return Optional.empty();
        }
    }
}
