package io.jenkins.plugins.gitops.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.cluster.ObjectChangeListener.ObjectChange;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Watch events into checks, with delays the test fires by hand. */
class DriftDebouncerTest {

    private final List<Runnable> delayed = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();
    private final List<String> checked = new ArrayList<>();
    private final DriftDebouncer debouncer = new DriftDebouncer(Duration.ofSeconds(2), (delay, task) -> {
        delays.add(delay);
        delayed.add(task);
    }, checked::add);

    private static ObjectChange edit(String environment, String name, boolean byOthers) {
        return new ObjectChange(environment, new ObjectRef("", "ConfigMap", "ns", name), false, byOthers);
    }

    private void fireDelays() {
        List<Runnable> due = new ArrayList<>(delayed);
        delayed.clear();
        due.forEach(Runnable::run);
    }

    @Test
    void shouldAskForOneCheckPerEnvironmentForChangesInOneQuietPeriod() {
        debouncer.changed(edit("team/a", "one", true));
        debouncer.changed(edit("team/a", "two", true));
        debouncer.changed(new ObjectChange("team/a", new ObjectRef("", "ConfigMap", "ns", "three"), true, true));
        debouncer.changed(edit("team/b", "one", true));
        assertThat(checked).as("nothing before the quiet period ends").isEmpty();

        fireDelays();

        assertThat(checked).containsExactly("team/a", "team/b");
        assertThat(delays).containsOnly(Duration.ofSeconds(2));
    }

    @Test
    void shouldAskAgainForAChangeAfterTheQuietPeriod() {
        debouncer.changed(edit("team/a", "one", true));
        fireDelays();
        debouncer.changed(edit("team/a", "one", true));
        fireDelays();

        assertThat(checked).containsExactly("team/a", "team/a");
    }

    @Test
    void shouldIgnoreTheEnginesOwnWrites() {
        debouncer.changed(edit("team/a", "one", false));

        assertThat(delayed).isEmpty();
        assertThat(checked).isEmpty();
    }
}
