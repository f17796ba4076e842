package io.jenkins.plugins.gitops.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An environment's default identity: stable across runs over the same source. */
class SourceOptionsTest {

    @ParameterizedTest(name = "{0} with path \"{1}\" is {2}")
    @CsvSource({
        "https://git.example.com/shop.git, apps/web, shop/apps/web",
        "https://git.example.com/shop.git/, '', shop",
        "git@github.com:acme/shop.git, /apps/web/, shop/apps/web",
        "ssh://git@git.example.com:2222/acme/deploy, '', deploy",
        "file:///tmp/demo/gitops-demo/, apps/guestbook, gitops-demo/apps/guestbook"})
    void shouldNameTheEnvironmentAfterTheRepositoryAndThePath(String url, String path, String expected) {
        SourceOptions options = new SourceOptions();
        options.repository = url;
        options.path = path;

        assertThat(options.defaultEnvironmentId(null)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "folder {0} is {1}")
    @CsvSource({"examples/guestbook, guestbook", "/srv/config/prod/, prod"})
    void shouldNameTheEnvironmentAfterTheFolder(String folder, String expected) {
        assertThat(new SourceOptions().defaultEnvironmentId(Path.of(folder))).isEqualTo(expected);
    }
}
