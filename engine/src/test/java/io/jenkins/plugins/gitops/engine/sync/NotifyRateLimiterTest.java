package io.jenkins.plugins.gitops.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NotifyRateLimiterTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    /** A clock the test moves by hand. */
    private static final class FakeClock implements InstantSource {
        private Instant now = Instant.parse("2026-03-01T12:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }
    }

    private final FakeClock clock = new FakeClock();

    @Test
    void shouldAcceptABurstAndRefuseTheNextNotification() {
        NotifyRateLimiter limiter = new NotifyRateLimiter(3, TEN_SECONDS, 100, clock);

        assertThat(IntStream.range(0, 3).mapToObj(i -> limiter.tryAcquire("repo"))).containsOnly(true);
        assertThat(limiter.tryAcquire("repo")).isFalse();
    }

    @Test
    void shouldGiveOneTokenBackPerRefillInterval() {
        NotifyRateLimiter limiter = new NotifyRateLimiter(3, TEN_SECONDS, 100, clock);
        IntStream.range(0, 3).forEach(i -> limiter.tryAcquire("repo"));

        clock.advance(Duration.ofSeconds(9));
        assertThat(limiter.tryAcquire("repo")).isFalse();

        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("repo")).isTrue();
        assertThat(limiter.tryAcquire("repo")).isFalse();
    }

    @Test
    void shouldRefillAFullBurstAfterAQuietPeriod() {
        NotifyRateLimiter limiter = new NotifyRateLimiter(3, TEN_SECONDS, 100, clock);
        IntStream.range(0, 3).forEach(i -> limiter.tryAcquire("repo"));

        clock.advance(Duration.ofMinutes(10));

        assertThat(IntStream.range(0, 3).mapToObj(i -> limiter.tryAcquire("repo"))).containsOnly(true);
        assertThat(limiter.tryAcquire("repo")).isFalse();
    }

    @Test
    void shouldKeepABucketPerKey() {
        NotifyRateLimiter limiter = new NotifyRateLimiter(1, TEN_SECONDS, 100, clock);

        assertThat(limiter.tryAcquire("repo-a")).isTrue();
        assertThat(limiter.tryAcquire("repo-a")).isFalse();
        assertThat(limiter.tryAcquire("repo-b")).isTrue();
    }

    @Test
    void shouldNotChargeARefusedNotification() {
        NotifyRateLimiter limiter = new NotifyRateLimiter(1, TEN_SECONDS, 100, clock);
        limiter.tryAcquire("repo");

        IntStream.range(0, 50).forEach(i -> limiter.tryAcquire("repo"));
        clock.advance(TEN_SECONDS);

        assertThat(limiter.tryAcquire("repo")).isTrue();
    }

    @Test
    void shouldSayHowLongUntilTheNextToken() {
        NotifyRateLimiter limiter = new NotifyRateLimiter(2, TEN_SECONDS, 100, clock);
        assertThat(limiter.retryAfter("repo")).isZero();

        limiter.tryAcquire("repo");
        assertThat(limiter.retryAfter("repo")).isZero();

        limiter.tryAcquire("repo");
        assertThat(limiter.retryAfter("repo")).isEqualTo(TEN_SECONDS);

        clock.advance(Duration.ofSeconds(4));
        assertThat(limiter.retryAfter("repo")).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void shouldRememberNoMoreKeysThanItsLimit() {
        NotifyRateLimiter limiter = new NotifyRateLimiter(1, TEN_SECONDS, 10, clock);

        IntStream.range(0, 1_000).forEach(i -> limiter.tryAcquire("caller-" + i));

        assertThat(limiter.size()).isLessThanOrEqualTo(10);
    }

    @Test
    void shouldForgetFullBucketsBeforeBusyOnes() {
        NotifyRateLimiter limiter = new NotifyRateLimiter(1, TEN_SECONDS, 2, clock);
        limiter.tryAcquire("old");
        clock.advance(Duration.ofMinutes(1)); // "old" is full again
        limiter.tryAcquire("busy");

        limiter.tryAcquire("new");

        assertThat(limiter.size()).isEqualTo(2);
        assertThat(limiter.tryAcquire("busy")).as("the busy key still owes its token").isFalse();
    }

    @Test
    void shouldForgetTheLeastRecentlyUsedKeyWhenNoBucketIsFull() {
        NotifyRateLimiter limiter = new NotifyRateLimiter(1, TEN_SECONDS, 2, clock);
        limiter.tryAcquire("first");
        limiter.tryAcquire("second");
        limiter.tryAcquire("first"); // refused, but used: "second" is now the least recently used

        limiter.tryAcquire("third");

        assertThat(limiter.tryAcquire("first")).isFalse();
        assertThat(limiter.tryAcquire("second")).as("forgotten, so it starts with a full bucket").isTrue();
    }

    @Test
    void shouldRefuseSettingsThatLimitNothingOrEverything() {
        assertThatThrownBy(() -> new NotifyRateLimiter(0, TEN_SECONDS, 10, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allow at least 1");
        assertThatThrownBy(() -> new NotifyRateLimiter(1, Duration.ZERO, 10, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not positive");
        assertThatThrownBy(() -> new NotifyRateLimiter(1, TEN_SECONDS, 0, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allow at least 1");
    }
}
