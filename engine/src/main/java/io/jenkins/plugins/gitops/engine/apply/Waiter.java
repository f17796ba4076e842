package io.jenkins.plugins.gitops.engine.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.cluster.LiveStateReader;
import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.health.HealthAssessor;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Waits until a set of objects is healthy, polling the API server, and says which objects are not and
 * why when time runs out. Suspended objects count as done: they are healthy as far as a sync can tell.
 */
public final class Waiter {

    private final LiveStateReader reader;
    private final HealthAssessor assessor;
    private final Duration pollInterval;
    private final Clock clock;

    public Waiter(LiveStateReader reader, HealthAssessor assessor, Duration pollInterval, Clock clock) {
        this.reader = reader;
        this.assessor = assessor;
        this.pollInterval = pollInterval;
        this.clock = clock;
    }

    /**
     * Polls until every object is healthy (or suspended) or {@code timeout} has passed.
     *
     * @param progress told about each object whose health changed, so a console can show the waiting
     * @return the last health seen of each object
     * @throws InterruptedException when the sync is aborted while waiting
     */
    public Map<ObjectRef, Health> waitForHealth(List<ResolvedObject> objects, Duration timeout,
            Consumer<String> progress) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        Map<ObjectRef, Health> healths = new LinkedHashMap<>();
        while (true) {
            boolean allDone = true;
            for (ResolvedObject object : objects) {
                Health before = healths.get(object.ref());
                if (before != null && isDone(before)) {
                    continue;
                }
                ObjectNode live = reader.get(object.type(), object.ref().namespace(), object.ref().name()).orElse(null);
                Health now = assessor.assess(live);
                healths.put(object.ref(), now);
                if (before == null || before.status() != now.status()) {
                    progress.accept(object.ref() + ": " + now);
                }
                allDone &= isDone(now);
            }
            if (allDone || !clock.instant().isBefore(deadline)) {
                return healths;
            }
            Thread.sleep(pollInterval.toMillis());
        }
    }

    public static boolean isDone(Health health) {
        return health.status() == HealthStatus.HEALTHY || health.status() == HealthStatus.SUSPENDED;
    }
}
