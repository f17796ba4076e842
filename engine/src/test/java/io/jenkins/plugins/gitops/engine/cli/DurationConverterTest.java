package io.jenkins.plugins.gitops.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** {@code --timeout} takes durations the way kubectl writes them. */
class DurationConverterTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"90s, PT1M30S", "5m, PT5M", "1h30m, PT1H30M", "1500ms, PT1.5S", "PT2M, PT2M", "2M, PT2M"})
    void shouldReadDurations(String text, Duration expected) {
        assertThat(new DurationConverter().convert(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "5", "m5", "5m soon", "PTxM"})
    void shouldRefuseWhatIsNoDuration(String text) {
        assertThatThrownBy(() -> new DurationConverter().convert(text)).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("write it as 90s, 5m or 1h30m");
    }
}
