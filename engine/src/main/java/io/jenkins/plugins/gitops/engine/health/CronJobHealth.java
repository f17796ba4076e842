package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Health of a {@code batch/CronJob}, as Argo CD's built-in CronJob health check: suspended is
 * SUSPENDED; when the last scheduled run has finished and the last success is older than it, the last
 * run failed: DEGRADED. Everything else is HEALTHY, because a CronJob that waits for its schedule is
 * doing its job.
 *
 * <p>A CronJob that ran but never succeeded stays HEALTHY, with a warning in its message: API servers
 * before Kubernetes 1.21 never report {@code lastSuccessfulTime}, so its absence does not prove a
 * failure.
 */
final class CronJobHealth implements HealthCheck {

    @Override
    public Health check(ObjectNode cronJob) {
        JsonNode spec = cronJob.path("spec");
        JsonNode status = cronJob.path("status");
        if (JsonFields.isTrue(spec.path("suspend"))) {
            return Health.suspended("CronJob is suspended; set spec.suspend to false to resume its schedule");
        }
        String lastSchedule = JsonFields.text(status.path("lastScheduleTime"));
        String lastSuccess = JsonFields.text(status.path("lastSuccessfulTime"));
        if (lastSchedule.isEmpty()) {
            return Health.healthy("Not run yet; schedule \"" + JsonFields.text(spec.path("schedule")) + "\"");
        }
        int active = status.path("active").size();
        if (active > 0) {
            return Health.healthy(JsonFields.count(active, "job is", "jobs are") + " running, the last one scheduled at "
                    + lastSchedule);
        }
        if (lastSuccess.isEmpty()) {
            return Health.healthy("No job has completed successfully yet (last scheduled at " + lastSchedule
                    + "); if that job failed, check the logs of its pods");
        }
        try {
            if (Instant.parse(lastSuccess).isBefore(Instant.parse(lastSchedule))) {
                return Health.degraded("The job scheduled at " + lastSchedule + " did not complete successfully "
                        + "(last success at " + lastSuccess + "); check the logs of its pods");
            }
        } catch (DateTimeParseException e) {
            return Health.unknown("status.lastScheduleTime \"" + lastSchedule + "\" or status.lastSuccessfulTime \""
                    + lastSuccess + "\" is not an RFC 3339 time");
        }
        return Health.healthy("The job scheduled at " + lastSchedule + " completed successfully");
    }
}
