package io.jenkins.plugins.gitops.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo commits the guestbook users find in {@code examples/guestbook}, not a copy that drifted from it. */
class DemoRepositoryTest {

    /** The tests run in engine/; the examples are beside it. */
    private static final Path EXAMPLES = Path.of("..", "examples", "guestbook");

    @TempDir
    Path temp;

    @Test
    void shouldCommitTheGuestbookOfTheExamples() throws IOException {
        DemoRepository repository = DemoRepository.create(temp.resolve("gitops-demo"), "apps/guestbook", "Add it");

        assertThat(repository.abbreviatedCommit()).hasSize(7);
        assertThat(repository.url()).startsWith("file:").endsWith("/gitops-demo/");
        for (String file : DemoRepository.FILES) {
            assertThat(temp.resolve("gitops-demo/apps/guestbook").resolve(file)).as(file)
                    .hasSameTextualContentAs(EXAMPLES.resolve(file));
        }
    }
}
