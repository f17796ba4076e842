package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** URLs are shown without credentials, and cache keys ignore what does not change the repository. */
class RepositoryUrlTest {

    @Test
    void shouldRedactUserFromHttpsUrl() throws Exception {
        assertThat(RepositoryUrl.parse("https://ci-bot@git.example.com/shop/config.git").redacted())
                .isEqualTo("https://git.example.com/shop/config.git");
    }

    @Test
    void shouldRedactUserFromScpLikeUrl() throws Exception {
        assertThat(RepositoryUrl.parse("git@github.com:shop/config.git").redacted()).isEqualTo("github.com:shop/config.git");
    }

    @Test
    void shouldRedactQueryValuesAndFragment() throws Exception {
        RepositoryUrl url = RepositoryUrl.parse("https://bot@git.example.com/shop.git?access_token=ghp_Abc123&x=1#t0ken");

        assertThat(url.redacted()).isEqualTo("https://git.example.com/shop.git?access_token=****&x=****#****");
        assertThat(url.cacheDirectoryName()).startsWith("shop-").doesNotContain("ghp_Abc123");
        assertThat(url.maskSecrets("GET https://git.example.com/shop.git?access_token=ghp_Abc123/info/refs"))
                .isEqualTo("GET https://git.example.com/shop.git?access_token=****/info/refs");
    }

    @Test
    void shouldRejectUrlWithPasswordWithoutQuotingIt() {
        SourceException failure = catchThrowableOfType(SourceException.class,
                () -> RepositoryUrl.parse("https://bot:ghp_Secret123@git.example.com/shop.git"));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.INVALID_REQUEST);
        assertThat(failure.url()).isEqualTo("https://git.example.com/shop.git");
        assertThat(failure.getMessage()).doesNotContain("ghp_Secret123").doesNotContain("bot");
    }

    @Test
    void shouldRejectUnparsableUrlWithoutQuotingItsCredentials() {
        SourceException failure = catchThrowableOfType(SourceException.class,
                () -> RepositoryUrl.parse("https://bot:ghp_Secret123@git.example.com:notaport/shop.git"));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.INVALID_REQUEST);
        assertThat(failure.getMessage()).doesNotContain("ghp_Secret123");
    }

    @Test
    void shouldShareCacheDirectoryAcrossSpellingsOfTheSameUrl() throws Exception {
        String name = RepositoryUrl.parse("https://git.example.com/shop/config.git").cacheDirectoryName();

        assertThat(RepositoryUrl.parse("HTTPS://Git.Example.com:443/shop/config.git/").cacheDirectoryName()).isEqualTo(name);
        assertThat(RepositoryUrl.parse("https://someone@git.example.com/shop/config.git").cacheDirectoryName()).isEqualTo(name);
    }

    @Test
    void shouldSeparateCacheDirectoriesOfDifferentRepositories() throws Exception {
        assertThat(RepositoryUrl.parse("https://git.example.com/shop/config.git").cacheDirectoryName())
                .isNotEqualTo(RepositoryUrl.parse("https://git.example.com/other/config.git").cacheDirectoryName())
                .isNotEqualTo(RepositoryUrl.parse("ssh://git@git.example.com/shop/config.git").cacheDirectoryName());
    }

    @Test
    void shouldNameCacheDirectoryByRepositoryNameAndHash() throws Exception {
        assertThat(RepositoryUrl.parse("https://git.example.com/shop/config.git").cacheDirectoryName())
                .matches("config-[0-9a-f]{24}");
    }

    @Test
    void shouldUseLoginOfSshKeyForTheTransport() throws Exception {
        GitCredentials key = GitCredentials.SshKey.acceptingAnyHostKey("deploy", "key", null);

        assertThat(RepositoryUrl.parse("ssh://git@git.example.com/shop.git").transportUri(key).getUser()).isEqualTo("deploy");
        assertThat(RepositoryUrl.parse("git@git.example.com:shop.git").transportUri(
                GitCredentials.SshKey.acceptingAnyHostKey("", "key", null)).getUser()).isEqualTo("git");
    }

    @Test
    void shouldRecognizeSshAndHttpUrls() throws Exception {
        assertThat(RepositoryUrl.parse("git@github.com:shop/config.git").isSsh()).isTrue();
        assertThat(RepositoryUrl.parse("ssh://github.com/shop/config.git").isSsh()).isTrue();
        assertThat(RepositoryUrl.parse("https://github.com/shop/config.git").isHttp()).isTrue();
        assertThat(RepositoryUrl.parse("file:///srv/git/config.git").isSsh()).isFalse();
        assertThat(RepositoryUrl.parse("/srv/git/config.git").isSsh()).isFalse();
    }
}
