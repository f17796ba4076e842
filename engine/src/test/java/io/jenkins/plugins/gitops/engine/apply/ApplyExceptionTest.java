package io.jenkins.plugins.gitops.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.gitops.engine.resource.ObjectRef;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApplyExceptionTest {

    private static final ObjectRef WEB = new ObjectRef("apps", "Deployment", "shop", "web");

    @ParameterizedTest(name = "HTTP {0}: the object was refused, the sync may go on: {1}")
    @CsvSource({"400, true", "403, true", "404, true", "409, true", "422, true",
            "401, false", "408, false", "429, false", "500, false", "503, false"})
    void shouldTellARefusedObjectFromAFailingCluster(int code, boolean refusal) {
        KubernetesClientException cause = new KubernetesClientException(new StatusBuilder().withCode(code).withMessage("m").build());

        assertThat(new ApplyException(WEB, "apply failed", List.of(), cause).isRefusal()).isEqualTo(refusal);
    }

    @Test
    void shouldNeverCallNoAnswerARefusal() {
        KubernetesClientException cause = new KubernetesClientException("Failed", new ConnectException("Connection refused"));

        assertThat(new ApplyException(WEB, "apply failed", List.of(), cause).isRefusal()).isFalse();
    }
}
