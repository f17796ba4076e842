package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The {@code Jenkins-Build:} trailer links a commit back to the build that made it. */
class CommitInfoTest {

    @Test
    void shouldReadJenkinsBuildTrailerFromLastParagraph() {
        assertThat(commit("Bump web to 1.4\n\nJenkins-Build: shop/web#42\n").jenkinsBuild()).contains("shop/web#42");
    }

    @Test
    void shouldReadTrailerAmongOtherTrailers() {
        CommitInfo commit = commit("Bump web\n\nBody text.\n\nSigned-off-by: Ann <ann@example.com>\n"
                + "Jenkins-Build: https://ci.example.com/job/web/42/\nCo-authored-by: Bob <bob@example.com>\n");

        assertThat(commit.jenkinsBuild()).contains("https://ci.example.com/job/web/42/");
        assertThat(commit.trailer("signed-off-by")).contains("Ann <ann@example.com>");
    }

    @Test
    void shouldMatchTrailerKeyWithoutRegardToCase() {
        assertThat(commit("Bump\n\njenkins-build: web#7").jenkinsBuild()).contains("web#7");
    }

    @Test
    void shouldTakeTheLastValueWhenTrailerRepeats() {
        assertThat(commit("Bump\n\nJenkins-Build: web#1\nJenkins-Build: web#2\n").jenkinsBuild()).contains("web#2");
    }

    @Test
    void shouldIgnoreTrailerLikeLineInTheSubject() {
        assertThat(commit("Jenkins-Build: web#1").jenkinsBuild()).isEmpty();
    }

    @Test
    void shouldIgnoreTrailerLikeLineInsideProse() {
        assertThat(commit("Bump\n\nJenkins-Build: web#1\nwas the build that failed yesterday.\n").jenkinsBuild()).isEmpty();
    }

    @Test
    void shouldIgnoreTrailerOutsideTheLastParagraph() {
        assertThat(commit("Bump\n\nJenkins-Build: web#1\n\nMore text follows.").jenkinsBuild()).isEmpty();
    }

    @Test
    void shouldReadTrailerFromMessageWithWindowsLineEndings() {
        assertThat(commit("Bump\r\n\r\nJenkins-Build: web#3\r\n").jenkinsBuild()).contains("web#3");
    }

    @Test
    void shouldBeEmptyWithoutTrailer() {
        assertThat(commit("Bump web\n\nJust a body.\n").jenkinsBuild()).isEmpty();
    }

    private static CommitInfo commit(String message) {
        return new CommitInfo("0123456789abcdef0123456789abcdef01234567", "0123456", "Ann", "ann@example.com",
                Instant.EPOCH, message.lines().findFirst().orElse(""), message);
    }
}
