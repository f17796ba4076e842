package io.jenkins.plugins.gitops.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A step's deadline is a time of day saved with the step: a restart neither resets nor stretches it. */
class StepDeadlineTest {

    private static final Instant STARTED = Instant.parse("2026-03-01T10:00:00Z");

    @AfterEach
    void restoreClock() {
        StepDeadline.clock = Clock.systemUTC();
    }

    @Test
    void shouldPassWhenTheClockReachesItEvenAfterBeingSavedAndReadBack() throws Exception {
        StepDeadline.clock = Clock.fixed(STARTED, ZoneOffset.UTC);
        StepDeadline deadline = StepDeadline.inMinutes(10);

        StepDeadline readBack = saveAndRead(deadline); // as the Pipeline saves its steps when Jenkins stops
        StepDeadline.clock = Clock.fixed(STARTED.plus(Duration.ofMinutes(9)), ZoneOffset.UTC);
        assertThat(readBack.hasPassed()).isFalse();
        assertThat(readBack.millisLeft()).isEqualTo(Duration.ofMinutes(1).toMillis());

        StepDeadline.clock = Clock.fixed(STARTED.plus(Duration.ofMinutes(10)), ZoneOffset.UTC);
        assertThat(readBack.hasPassed()).isTrue();
        assertThat(readBack.millisLeft()).isZero();
    }

    @Test
    void shouldNeverPassWithoutATimeout() throws Exception {
        StepDeadline.clock = Clock.fixed(STARTED, ZoneOffset.UTC);
        StepDeadline none = saveAndRead(StepDeadline.inMinutes(null));

        StepDeadline.clock = Clock.fixed(STARTED.plus(Duration.ofDays(3650)), ZoneOffset.UTC);
        assertThat(none.hasPassed()).isFalse();
        assertThat(none.millisLeft()).isEqualTo(Long.MAX_VALUE);
    }

    private static StepDeadline saveAndRead(StepDeadline deadline) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(deadline);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (StepDeadline) in.readObject();
        }
    }
}
