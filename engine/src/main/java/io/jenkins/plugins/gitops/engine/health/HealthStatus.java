package io.jenkins.plugins.gitops.engine.health;

/**
 * How healthy a live object is, ordered from best to worst as Argo CD's gitops-engine orders them
 * ({@code healthOrder} and {@code IsWorse} in {@code pkg/health/health.go}), so that users who know
 * Argo CD read an aggregated status the same way.
 *
 * <p>Why this order:
 * <ul>
 *   <li>{@link #SUSPENDED} is just below {@link #HEALTHY}: someone paused or suspended the object on
 *       purpose; nothing is broken and nothing is waited for.</li>
 *   <li>{@link #PROGRESSING} comes next: the object is not there yet but is expected to get there on
 *       its own.</li>
 *   <li>{@link #MISSING} is worse: the object is declared in Git but absent, and only a sync will
 *       create it.</li>
 *   <li>{@link #DEGRADED} is worse still: something failed and needs a person.</li>
 *   <li>{@link #UNKNOWN} is worst: the assessment itself failed, so the object may hide any of the
 *       above, and an aggregate must never look better than what it cannot see.</li>
 * </ul>
 */
public enum HealthStatus {
    /** The object is what it should be: rolled out, available, bound, completed. */
    HEALTHY("Healthy"),
    /** The object was paused or suspended on purpose (a paused Deployment, a suspended CronJob). */
    SUSPENDED("Suspended"),
    /** The object is on its way to being healthy (a rollout in progress, a pending claim). */
    PROGRESSING("Progressing"),
    /** The object is declared but does not exist in the cluster. */
    MISSING("Missing"),
    /** The object failed or cannot become healthy without help (a crash loop, a failed job). */
    DEGRADED("Degraded"),
    /** The health could not be assessed. */
    UNKNOWN("Unknown");

    private final String displayName;

    HealthStatus(String displayName) {
        this.displayName = displayName;
    }

    /** The name users see, as Argo CD spells it: {@code Healthy}, {@code Progressing}, … */
    public String displayName() {
        return displayName;
    }

    /** Whether this status is worse than {@code other} in the order above (a status is never worse than itself). */
    public boolean isWorseThan(HealthStatus other) {
        return compareTo(other) > 0;
    }

    /** The worse of the two statuses. */
    public HealthStatus worse(HealthStatus other) {
        return other.isWorseThan(this) ? other : this;
    }
}
