package io.jenkins.plugins.gitops.engine.health;

import java.util.Objects;

/**
 * The health of one live object: its status and a sentence that tells the user what is happening or
 * what to do, such as {@code "Waiting for rollout to finish: 1 of 3 updated replicas are available"}.
 * The message never repeats the object's name: reports print it beside {@code Kind/namespace/name}.
 *
 * @param status the assessed status
 * @param message what is going on, or empty when there is nothing to add (typically when healthy)
 */
public record Health(HealthStatus status, String message) {

    public Health {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message.strip();
    }

    public static Health healthy(String message) {
        return new Health(HealthStatus.HEALTHY, message);
    }

    public static Health suspended(String message) {
        return new Health(HealthStatus.SUSPENDED, message);
    }

    public static Health progressing(String message) {
        return new Health(HealthStatus.PROGRESSING, message);
    }

    public static Health degraded(String message) {
        return new Health(HealthStatus.DEGRADED, message);
    }

    public static Health unknown(String message) {
        return new Health(HealthStatus.UNKNOWN, message);
    }

    /** The health of an object that is declared but does not exist in the cluster. */
    public static Health missing() {
        return new Health(HealthStatus.MISSING, "The object does not exist in the cluster; a sync creates it");
    }

    public boolean hasMessage() {
        return !message.isEmpty();
    }

    /** {@code Progressing: Waiting for …}, or just {@code Healthy} without a message. */
    @Override
    public String toString() {
        return hasMessage() ? status.displayName() + ": " + message : status.displayName();
    }
}
