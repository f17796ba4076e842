package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** A push notification names its repository as the Git server does; an environment as its clone URL. */
class RepositoryUrlsTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://git.example.com/shop/config.git       | https://git.example.com/shop/config.git
            https://git.example.com/shop/config.git       | https://git.example.com/shop/config
            https://git.example.com/shop/config           | https://git.example.com/shop/config/
            https://git.example.com/shop/config.git/      | https://git.example.com/shop/config
            http://git.example.com/shop/config            | https://git.example.com/shop/config.git
            HTTPS://Git.Example.COM/shop/config           | https://git.example.com/shop/config
            https://git.example.com/Shop/Config           | https://git.example.com/shop/config
            https://ci-bot@git.example.com/shop/config    | https://git.example.com/shop/config
            https://git.example.com/shop/config.git?access_token=abc | https://git.example.com/shop/config
            https://git.example.com:443/shop/config       | https://git.example.com/shop/config
            http://git.example.com:80/shop/config         | https://git.example.com/shop/config
            https://git.example.com:8443/shop/config      | ssh://git@git.example.com:2222/shop/config.git
            ssh://git@git.example.com/shop/config.git     | https://git.example.com/shop/config
            ssh://git@git.example.com:22/shop/config.git  | https://git.example.com/shop/config
            git@git.example.com:shop/config.git           | https://git.example.com/shop/config
            git@git.example.com:/shop/config.git          | ssh://git@git.example.com/shop/config
            git.example.com:shop/config                   | https://git.example.com/shop/config.git
            git://git.example.com/shop/config.git         | https://git.example.com/shop/config
            https://git.example.com//shop//config.git     | https://git.example.com/shop/config
            '  https://git.example.com/shop/config  '     | https://git.example.com/shop/config
            file:///srv/git/config.git                    | /srv/git/config
            """)
    void shouldMatchSpellingsOfTheSameRepository(String a, String b) {
        assertThat(RepositoryUrls.sameRepository(a, b)).isTrue();
        assertThat(RepositoryUrls.sameRepository(b, a)).isTrue();
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://git.example.com/shop/config           | https://git.example.com/shop/config-prod
            https://git.example.com/shop/config           | https://git.example.com/other/config
            https://git.example.com/shop/config           | https://git.example.org/shop/config
            https://git.example.com/shop/config           | https://git.example.com/shop
            https://git.example.com/group/shop/config     | https://git.example.com/shop/config
            git@git.example.com:shop/config.git           | git@mirror.example.com:shop/config.git
            https://git.example.com/shop/config.gitops    | https://git.example.com/shop/config
            """)
    void shouldTellDifferentRepositoriesApart(String a, String b) {
        assertThat(RepositoryUrls.sameRepository(a, b)).isFalse();
        assertThat(RepositoryUrls.sameRepository(b, a)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "https://", "https:///shop/config", "https://git.example.com/", "https://git.example.com:notaport/x"})
    void shouldMatchNothingWithAnUnusableUrl(String url) {
        assertThat(RepositoryUrls.identity(url)).isEmpty();
        assertThat(RepositoryUrls.sameRepository(url, url)).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://bot:ghp_Secret123@git.example.com/shop/config.git | git.example.com/shop/config
            git@GitHub.com:Shop/Config.git                            | github.com/shop/config
            ssh://git@git.example.com:2222/shop/config.git/           | git.example.com/shop/config
            /srv/git/config.git                                       | /srv/git/config
            https://git.example.com/shop/config.git?access_token=ghp_1 | git.example.com/shop/config
            """)
    void shouldIdentifyARepositoryWithoutCredentialsOrPort(String url, String identity) {
        assertThat(RepositoryUrls.identity(url)).contains(identity);
    }

    @ParameterizedTest(name = "{0} is local")
    @ValueSource(strings = {"file:///srv/git/shop.git", "FILE:///srv/git/shop.git", "file://server/share/shop.git",
        "/srv/git/shop.git", "../shop", "shop", "./shop.bundle", "/var/jenkins_home/caches/git-1234/.git",
        "C:\\git\\shop", "~/shop.git"})
    void shouldRecognizeRepositoriesOnThisMachine(String url) {
        assertThat(RepositoryUrls.isLocal(url)).isTrue();
    }

    @ParameterizedTest(name = "{0} is on a server")
    @ValueSource(strings = {"https://git.example.com/shop.git", "http://localhost/shop.git",
        "ssh://git@git.example.com/shop.git", "git@git.example.com:shop.git", "git://git.example.com/shop.git",
        "localhost:shop.git", "https://git.example.com/shop.git?access_token=abc"})
    void shouldRecognizeRepositoriesOnAServer(String url) {
        assertThat(RepositoryUrls.isLocal(url)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "https:///shop.git"})
    void shouldNotCallBlankOrUnparsableUrlsLocal(String url) {
        assertThat(RepositoryUrls.isLocal(url)).isFalse();
    }
}
