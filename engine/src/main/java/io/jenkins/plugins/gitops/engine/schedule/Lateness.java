package io.jenkins.plugins.gitops.engine.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * How late periodic checks start, as the dashboard and the log show it. A check is late by the time between
 * when it was due (last check + interval + the environment's jitter) and when a worker started it; an
 * environment still waiting counts with how long it has waited so far, so a starved environment shows up before
 * its check finally runs.
 *
 * @param perEnvironment each environment's lateness: the current wait when it is overdue now, else the lateness
 *     of its last periodic check ({@link Duration#ZERO} when on time or never checked periodically)
 * @param p99 the 99th percentile of {@code perEnvironment}
 * @param max the largest of {@code perEnvironment}
 * @param checksStarted periodic checks started since the pool was created
 * @param checksOnTime those of them that started no later than the pool's tolerance after they were due
 */
public record Lateness(Map<String, Duration> perEnvironment, Duration p99, Duration max, long checksStarted,
        long checksOnTime) {

    public static Lateness of(Map<String, Duration> perEnvironment, long checksStarted, long checksOnTime) {
        List<Duration> sorted = new ArrayList<>(perEnvironment.values());
        Collections.sort(sorted);
        Duration p99 = sorted.isEmpty() ? Duration.ZERO
                : sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * 0.99) - 1));
        Duration max = sorted.isEmpty() ? Duration.ZERO : sorted.get(sorted.size() - 1);
        return new Lateness(Map.copyOf(perEnvironment), p99, max, checksStarted, checksOnTime);
    }

    /** The share of periodic checks that started on time; 1 when none started yet. */
    public double onTimeRatio() {
        return checksStarted == 0 ? 1.0 : (double) checksOnTime / checksStarted;
    }

    /** One environment's lateness; {@link Duration#ZERO} for one the pool does not know. */
    public Duration of(String environmentId) {
        return perEnvironment.getOrDefault(environmentId, Duration.ZERO);
    }

    /** For the log: {@code p99 12s, max 40s, 98.5% of 200 checks on time}. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "p99 %ds, max %ds, %.1f%% of %d checks on time", p99.toSeconds(),
                max.toSeconds(), onTimeRatio() * 100, checksStarted);
    }
}
