package io.jenkins.plugins.gitops.engine.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    private static final String DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
        "nginx,                                   docker.io,            library/nginx,      -,     -",
        "nginx:1.25,                              docker.io,            library/nginx,      1.25,  -",
        "docker.io/nginx,                         docker.io,            library/nginx,      -,     -",
        "index.docker.io/library/nginx:latest,    docker.io,            library/nginx,      latest, -",
        "bitnami/redis:7.2,                       docker.io,            bitnami/redis,      7.2,   -",
        "registry.example.com/app,                registry.example.com, app,                -,     -",
        "registry.example.com:5000/team/app:1.4.2,registry.example.com:5000, team/app,      1.4.2, -",
        "localhost/app:dev,                       localhost,            app,                dev,   -",
        "localhost:5000/a/b/c:v_1-2.3,            localhost:5000,       a/b/c,              v_1-2.3, -",
        "ghcr.io/org/my_app__x-y:1,               ghcr.io,              org/my_app__x-y,    1,     -",
        "Registry.Example.com/app,                registry.example.com, app,                -,     -",
    })
    void shouldParseRegistryPathAndTag(String text, String registry, String path, String tag, String digest)
            throws PromotionException {
        ImageReference reference = ImageReference.parse(text);

        assertThat(reference).extracting(ImageReference::registry, ImageReference::path, ImageReference::tag,
                ImageReference::digest).containsExactly(registry, path, tag, digest);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "registry.example.com/app@" + DIGEST + ",       ",
        "registry.example.com/app:1.0@" + DIGEST + ",   1.0",
    })
    void shouldParseDigestWhenGiven(String text, String tag) throws PromotionException {
        ImageReference reference = ImageReference.parse(text);

        assertThat(reference.digest()).isEqualTo(DIGEST);
        assertThat(reference.tag()).isEqualTo(tag);
        assertThat(reference.toString()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "nginx,                          docker.io/library/nginx:1.25",
        "nginx:1.0,                      index.docker.io/library/nginx@" + DIGEST,
        "registry.example.com/app,       REGISTRY.example.com/app:2",
        "library/nginx,                  nginx",
    })
    void shouldMatchWhenRepositoriesAreEqualAfterNormalization(String left, String right) throws PromotionException {
        assertThat(ImageReference.parse(left).hasSameRepository(ImageReference.parse(right))).isTrue();
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource({
        "nginx,                          registry.example.com/nginx",
        "registry.example.com/app,       registry.example.com/app-proxy",
        "registry.example.com/app,       registry.example.com:443/app",
        "localhost/app,                  app",
        "team/app,                       registry.example.com/team/app",
    })
    void shouldNotMatchWhenRepositoriesDiffer(String left, String right) throws PromotionException {
        assertThat(ImageReference.parse(left).hasSameRepository(ImageReference.parse(right))).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "x y                        | image \"x y\": contains whitespace; use registry/path[:tag]",
        "''                         | image \"\": is empty; use registry/path[:tag]",
        ":1.0                       | image \":1.0\": has no repository name; use registry/path[:tag]",
        "registry.example.com/      | image \"registry.example.com/\": has a registry but no repository path; use registry/path[:tag]",
        "team//app                  | image \"team//app\": has an empty path component; use registry/path[:tag]",
        "Team/App                   | image \"Team/App\": path component \"Team\" must be lower-case; use registry/path[:tag]",
        "team/app-:1                | image \"team/app-:1\": path component \"app-\" may contain only lower-case letters, digits and single separators ('.', '_', '__', '-'); use registry/path[:tag]",
        "app:-1                     | image \"app:-1\": tag \"-1\" is not valid (letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-'); use registry/path[:tag]",
        "app@sha256:abc             | image \"app@sha256:abc\": digest \"sha256:abc\" is not valid (expected sha256: and 64 lower-case hex digits); use registry/path[:tag]",
        "bad_host.example.com/app   | image \"bad_host.example.com/app\": registry \"bad_host.example.com\" is not a valid host[:port]; use registry/path[:tag]",
    })
    void shouldExplainWhenReferenceIsMalformed(String text, String message) {
        assertThatThrownBy(() -> ImageReference.parse(text))
                .isInstanceOfSatisfying(PromotionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PromotionException.Reason.INVALID_REQUEST);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1.4.2, true", "latest, true", "v1_2-rc.3, true", "_x, true", "-1, false", ".1, false", "1 2, false",
        "a:b, false", "'', false",
    })
    void shouldValidateTagsLikeDocker(String tag, boolean valid) {
        assertThat(ImageReference.isValidTag(tag)).isEqualTo(valid);
    }

    @Test
    void shouldAcceptTagOf128CharactersButNotMore() {
        assertThat(ImageReference.isValidTag("a".repeat(128))).isTrue();
        assertThat(ImageReference.isValidTag("a".repeat(129))).isFalse();
    }

    @Test
    void shouldKeepRepositoryAsWrittenWhenSettingTag() throws PromotionException {
        assertThat(ImageReference.parse("nginx:1.25@" + DIGEST).withTag("1.27")).isEqualTo("nginx:1.27");
    }
}
