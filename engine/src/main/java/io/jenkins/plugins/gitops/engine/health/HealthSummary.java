package io.jenkins.plugins.gitops.engine.health;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The health of a set of objects at a glance: the worst status among them and how many objects have
 * each status, as Argo CD rolls resource health up into an application's health.
 *
 * <p>An empty set is HEALTHY: with nothing declared, nothing is unhealthy.
 */
public final class HealthSummary {

    private final HealthStatus worst;
    private final Map<HealthStatus, Integer> counts;
    private final int total;

    private HealthSummary(HealthStatus worst, Map<HealthStatus, Integer> counts, int total) {
        this.worst = worst;
        this.counts = Collections.unmodifiableMap(counts);
        this.total = total;
    }

    /** Summarises the health of each object. */
    public static HealthSummary of(Collection<Health> healths) {
        HealthStatus worst = HealthStatus.HEALTHY;
        Map<HealthStatus, Integer> counts = new EnumMap<>(HealthStatus.class);
        for (Health health : healths) {
            worst = worst.worse(health.status());
            counts.merge(health.status(), 1, Integer::sum);
        }
        return new HealthSummary(worst, counts, healths.size());
    }

    /** The worst status of all objects, {@link HealthStatus#HEALTHY} when there are none. */
    public HealthStatus worst() {
        return worst;
    }

    /** How many objects have this status. */
    public int count(HealthStatus status) {
        return counts.getOrDefault(status, 0);
    }

    /** The statuses that occur, best first, with how many objects have each. */
    public Map<HealthStatus, Integer> counts() {
        return counts;
    }

    /** How many objects were summarised. */
    public int total() {
        return total;
    }

    /** Whether every object is healthy (true for none). */
    public boolean isHealthy() {
        return worst == HealthStatus.HEALTHY;
    }

    /** {@code Progressing (3 objects: 2 Healthy, 1 Progressing)}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        counts.forEach((status, count) -> parts.add(count + " " + status.displayName()));
        return worst.displayName() + " (" + total + (total == 1 ? " object" : " objects")
                + (parts.isEmpty() ? "" : ": " + String.join(", ", parts)) + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HealthSummary that && worst == that.worst && counts.equals(that.counts);
    }

    @Override
    public int hashCode() {
        return worst.hashCode() * 31 + counts.hashCode();
    }
}
