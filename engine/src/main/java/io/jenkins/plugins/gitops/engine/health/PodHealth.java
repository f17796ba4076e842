package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Health of a {@code Pod}, as gitops-engine's {@code health_pod.go}: a container stuck waiting for a
 * reason that will not resolve by itself (CrashLoopBackOff, ImagePullBackOff, …) is DEGRADED;
 * otherwise the phase decides: Pending and Running-but-not-ready are PROGRESSING, Succeeded is
 * HEALTHY, Failed is DEGRADED.
 *
 * <p>Pods with {@code restartPolicy Never} or {@code OnFailure} run to completion (jobs, hooks): a
 * waiting container does not make them DEGRADED, because the image may become available while they
 * wait, and they are PROGRESSING while running, HEALTHY only once Succeeded.
 */
final class PodHealth implements HealthCheck {

    @Override
    public Health check(ObjectNode pod) {
        JsonNode status = pod.path("status");
        String restartPolicy = JsonFields.text(pod.path("spec").path("restartPolicy"));
        boolean restartsForever = restartPolicy.isEmpty() || "Always".equals(restartPolicy);
        if (restartsForever) {
            List<String> stuck = new ArrayList<>();
            for (JsonNode container : containerStatuses(status)) {
                describeStuck(container).ifPresent(stuck::add);
            }
            if (!stuck.isEmpty()) {
                return Health.degraded(String.join("; ", stuck));
            }
        }
        String phase = JsonFields.text(status.path("phase"));
        switch (phase) {
            case "Pending":
                return pending(pod);
            case "Running":
                return restartsForever
                        ? running(pod)
                        : Health.progressing("Pod is running; it is healthy once it completes (restartPolicy "
                                + restartPolicy + ")");
            case "Succeeded":
                return Health.healthy("Pod completed successfully");
            case "Failed":
                return Health.degraded(failure(status));
            case "Unknown":
                return Health.unknown("The node stopped reporting the pod's state; check node "
                        + JsonFields.text(pod.path("spec").path("nodeName")));
            default:
                return Health.unknown("Pod reports no known phase (\"" + phase + "\")");
        }
    }

    private static Health pending(ObjectNode pod) {
        Optional<Condition> scheduled = Condition.find(pod, "PodScheduled").filter(Condition::isFalse);
        if (scheduled.isPresent()) {
            return Health.progressing("Pod cannot be scheduled yet: " + scheduled.get().describe());
        }
        List<String> waiting = new ArrayList<>();
        for (JsonNode container : containerStatuses(pod.path("status"))) {
            String reason = JsonFields.text(container.path("state").path("waiting").path("reason"));
            if (!reason.isEmpty()) {
                waiting.add(JsonFields.text(container.path("name")) + " (" + reason + ")");
            }
        }
        if (!waiting.isEmpty()) {
            return Health.progressing("Waiting for containers to start: " + String.join(", ", waiting));
        }
        String message = JsonFields.text(pod.path("status").path("message"));
        return Health.progressing(message.isEmpty() ? "Waiting for the pod to start" : message);
    }

    private static Health running(ObjectNode pod) {
        JsonNode status = pod.path("status");
        if (Condition.isTrue(pod, "Ready")) {
            return Health.healthy("All containers are ready");
        }
        // Not ready after a container already terminated once: it crashes between restarts.
        List<String> notReady = new ArrayList<>();
        for (JsonNode container : status.path("containerStatuses")) {
            if (container.path("ready").asBoolean(false)) {
                continue;
            }
            JsonNode lastTermination = container.path("lastState").path("terminated");
            if (lastTermination.isObject()) {
                return Health.degraded("Container \"" + JsonFields.text(container.path("name"))
                        + "\" is not ready and has restarted "
                        + JsonFields.count(JsonFields.number(container.path("restartCount")), "time", "times")
                        + " (" + describeExit(lastTermination) + "); check its logs with kubectl logs --previous");
            }
            notReady.add(JsonFields.text(container.path("name")));
        }
        return Health.progressing(notReady.isEmpty()
                ? "Waiting for the pod to become ready"
                : "Waiting for containers to become ready: " + String.join(", ", notReady));
    }

    private static String failure(JsonNode status) {
        String reason = JsonFields.text(status.path("reason"));
        String message = JsonFields.text(status.path("message"));
        if (!message.isEmpty()) {
            // The kubelet's own explanation, such as an eviction: the best thing to show.
            return "Pod failed: " + (reason.isEmpty() ? message : reason + ": " + message);
        }
        for (JsonNode container : containerStatuses(status)) {
            JsonNode terminated = container.path("state").path("terminated");
            if (terminated.isObject() && JsonFields.number(terminated.path("exitCode")) != 0) {
                String detail = JsonFields.text(terminated.path("message"));
                return "Container \"" + JsonFields.text(container.path("name")) + "\" failed ("
                        + describeExit(terminated) + ")" + (detail.isEmpty() ? "" : ": " + detail)
                        + "; check its logs";
            }
        }
        return "Pod failed";
    }

    /** A sentence for a container that waits for a reason it will not get out of by itself, if it does. */
    private static Optional<String> describeStuck(JsonNode container) {
        JsonNode waiting = container.path("state").path("waiting");
        String reason = JsonFields.text(waiting.path("reason"));
        if (!isStuck(reason)) {
            return Optional.empty();
        }
        String name = JsonFields.text(container.path("name"));
        String message = JsonFields.text(waiting.path("message"));
        if ("CrashLoopBackOff".equals(reason)) {
            JsonNode lastTermination = container.path("lastState").path("terminated");
            return Optional.of("Container \"" + name + "\" keeps crashing (CrashLoopBackOff, "
                    + JsonFields.count(JsonFields.number(container.path("restartCount")), "restart", "restarts")
                    + (lastTermination.isObject() ? ", " + describeExit(lastTermination) : "")
                    + "); check its logs with kubectl logs --previous");
        }
        String detail = message.isEmpty() ? reason : reason + ": " + message;
        if (reason.contains("ImagePull") || reason.contains("ImageNeverPull") || "InvalidImageName".equals(reason)) {
            return Optional.of("Container \"" + name + "\" cannot pull its image (" + detail
                    + "); check the image name, the tag and the image pull secrets");
        }
        return Optional.of("Container \"" + name + "\" cannot start (" + detail + ")");
    }

    /**
     * Whether a waiting reason means the kubelet gave up for now rather than making progress, with the
     * rule gitops-engine uses (reasons starting with Err or ending in Error or BackOff).
     */
    private static boolean isStuck(String reason) {
        return reason.startsWith("Err") || reason.endsWith("Error") || reason.endsWith("BackOff")
                || "InvalidImageName".equals(reason);
    }

    private static String describeExit(JsonNode terminated) {
        String reason = JsonFields.text(terminated.path("reason"));
        String exit = "last exit code " + JsonFields.number(terminated.path("exitCode"));
        return reason.isEmpty() ? exit : exit + ": " + reason;
    }

    /** Init containers first: while one of them is stuck, the regular containers have not started. */
    private static List<JsonNode> containerStatuses(JsonNode status) {
        List<JsonNode> containers = new ArrayList<>();
        status.path("initContainerStatuses").forEach(containers::add);
        status.path("containerStatuses").forEach(containers::add);
        return containers;
    }
}
