package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Health of a {@code batch/Job}, as gitops-engine's {@code health_job.go}: a {@code Failed} condition
 * is DEGRADED, {@code Complete} is HEALTHY, a suspended job is SUSPENDED, and anything else is
 * PROGRESSING. Since Kubernetes 1.31 the job controller first sets {@code FailureTarget} while it
 * terminates the remaining pods; the job has failed by then, so it counts as DEGRADED too.
 */
final class JobHealth implements HealthCheck {

    @Override
    public Health check(ObjectNode job) {
        JsonNode status = job.path("status");
        Optional<Condition> failed = Condition.find(job, "Failed").filter(Condition::isTrue)
                .or(() -> Condition.find(job, "FailureTarget").filter(Condition::isTrue));
        if (failed.isPresent()) {
            return Health.degraded("Job failed: " + failed.get().describe() + "; check the logs of its pods");
        }
        long succeeded = JsonFields.number(status.path("succeeded"));
        if (Condition.isTrue(job, "Complete")) {
            return Health.healthy("Job completed: " + JsonFields.count(succeeded, "pod", "pods") + " succeeded");
        }
        // The Suspended condition lags behind spec.suspend; either one means the user suspended the job.
        if (Condition.isTrue(job, "Suspended") || JsonFields.isTrue(job.path("spec").path("suspend"))) {
            return Health.suspended("Job is suspended; set spec.suspend to false to run it");
        }
        long active = JsonFields.number(status.path("active"));
        long failedPods = JsonFields.number(status.path("failed"));
        JsonNode completions = job.path("spec").path("completions");
        String progress = completions.isNumber()
                ? succeeded + " of " + completions.asLong() + " completions succeeded"
                : JsonFields.count(succeeded, "pod", "pods") + " succeeded";
        return Health.progressing("Job is running: " + active + " active, " + progress
                + (failedPods > 0 ? ", " + failedPods + " failed" : ""));
    }
}
