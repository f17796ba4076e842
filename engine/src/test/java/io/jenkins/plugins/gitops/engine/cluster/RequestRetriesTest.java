package io.jenkins.plugins.gitops.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestRetriesTest {

    private static KubernetesClientException answered(int code, String message) {
        return new KubernetesClientException(new StatusBuilder().withCode(code).withMessage(message).build());
    }

    @Test
    void shouldMakeFiveAttemptsByDefault() {
        assertThat(RequestRetries.DEFAULT.attempts()).isEqualTo(5);
    }

    @Test
    void shouldSetTheRetriesOnTheClientConfiguration() {
        Config config = new RequestRetries(2, Duration.ofMillis(300)).applyTo(Config.empty());

        assertThat(config.getRequestRetryBackoffLimit()).isEqualTo(2);
        assertThat(config.getRequestRetryBackoffInterval()).isEqualTo(300);
    }

    @Test
    void shouldSayHowOftenItTriedWhenNothingAnswered() {
        KubernetesClientException e = new KubernetesClientException("Failed to connect",
                new ConnectException("Connection refused"));

        assertThat(RequestRetries.DEFAULT.describe(e))
                .isEqualTo("no answer: ConnectException: Connection refused; gave up after 5 attempts");
    }

    @Test
    void shouldSayHowOftenItTriedAfterThrottlingOrServerErrors() {
        assertThat(RequestRetries.DEFAULT.describe(answered(429, "too many requests")))
                .isEqualTo("HTTP 429: too many requests; gave up after 5 attempts");
        assertThat(RequestRetries.DEFAULT.describe(answered(503, "unavailable")))
                .isEqualTo("HTTP 503: unavailable; gave up after 5 attempts");
    }

    @Test
    void shouldQuoteAFinalAnswerWithoutAttempts() {
        assertThat(RequestRetries.DEFAULT.describe(answered(403, "secrets is forbidden")))
                .isEqualTo("HTTP 403: secrets is forbidden");
        assertThat(new RequestRetries(0, Duration.ZERO).describe(answered(503, "unavailable")))
                .isEqualTo("HTTP 503: unavailable");
    }

    @Test
    void shouldRefuseNegativeRetries() {
        assertThatThrownBy(() -> new RequestRetries(-1, Duration.ZERO))
                .hasMessage("request retries: -1 is negative; use 0 to never retry");
    }
}
