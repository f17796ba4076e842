package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One entry of {@code status.conditions}, the list most controllers report their state in.
 *
 * @param type the condition type ({@code Ready}, {@code Available}, {@code Progressing}, …)
 * @param status {@code True}, {@code False} or {@code Unknown}
 * @param reason a CamelCase reason, possibly empty
 * @param message a human-readable message without its final period, so that it fits inside our own
 *     sentences; possibly empty
 * @param observedGeneration the generation the condition was set for, or 0 when not reported
 */
record Condition(String type, String status, String reason, String message, long observedGeneration) {

    /** The condition of the given type in {@code status.conditions} of a live object, if reported. */
    static Optional<Condition> find(JsonNode liveObject, String type) {
        for (JsonNode condition : liveObject.path("status").path("conditions")) {
            if (type.equals(JsonFields.text(condition.path("type")))) {
                return Optional.of(new Condition(type,
                        JsonFields.text(condition.path("status")),
                        JsonFields.text(condition.path("reason")),
                        withoutFinalPeriod(JsonFields.text(condition.path("message")).strip()),
                        JsonFields.number(condition.path("observedGeneration"))));
            }
        }
        return Optional.empty();
    }

    /** Whether the object reports a condition of this type with status {@code True}. */
    static boolean isTrue(JsonNode liveObject, String type) {
        return find(liveObject, type).filter(Condition::isTrue).isPresent();
    }

    boolean isTrue() {
        return "True".equals(status);
    }

    boolean isFalse() {
        return "False".equals(status);
    }

    private static String withoutFinalPeriod(String message) {
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    /** {@code reason: message}, or whichever of the two is present, for use inside a sentence. */
    String describe() {
        if (reason.isEmpty()) {
            return message;
        }
        return message.isEmpty() ? reason : reason + ": " + message;
    }
}
