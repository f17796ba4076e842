package io.jenkins.plugins.gitops.engine.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.resource.Origin;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceLinksTest {

    private static final String SHA = "3f1c2b7a9d4e5f60718293a4b5c6d7e8f9012345";
    private static final String FILE = "apps/web/deployment.yaml";

    private final SourceLinks links = SourceLinks.forKnownHosts();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            https://github.com/shop/config.git          | https://github.com/shop/config/blob/SHA/apps/web/deployment.yaml#L14
            https://github.com/shop/config              | https://github.com/shop/config/blob/SHA/apps/web/deployment.yaml#L14
            https://github.com/shop/config/             | https://github.com/shop/config/blob/SHA/apps/web/deployment.yaml#L14
            git@github.com:shop/config.git              | https://github.com/shop/config/blob/SHA/apps/web/deployment.yaml#L14
            ssh://git@github.com/shop/config.git        | https://github.com/shop/config/blob/SHA/apps/web/deployment.yaml#L14
            ssh://git@ssh.github.com:443/shop/config.git | https://github.com/shop/config/blob/SHA/apps/web/deployment.yaml#L14
            HTTPS://GitHub.com/shop/config.git          | https://github.com/shop/config/blob/SHA/apps/web/deployment.yaml#L14
            https://github.example.com/shop/config.git  | https://github.example.com/shop/config/blob/SHA/apps/web/deployment.yaml#L14
            https://gitlab.com/shop/config.git          | https://gitlab.com/shop/config/-/blob/SHA/apps/web/deployment.yaml#L14
            git@gitlab.com:shop/platform/k8s/config.git | https://gitlab.com/shop/platform/k8s/config/-/blob/SHA/apps/web/deployment.yaml#L14
            https://gitlab.example.com:8443/shop/config | https://gitlab.example.com:8443/shop/config/-/blob/SHA/apps/web/deployment.yaml#L14
            https://bitbucket.org/shop/config.git       | https://bitbucket.org/shop/config/src/SHA/apps/web/deployment.yaml#lines-14
            git@bitbucket.org:shop/config.git           | https://bitbucket.org/shop/config/src/SHA/apps/web/deployment.yaml#lines-14
            https://codeberg.org/shop/config.git        | https://codeberg.org/shop/config/src/commit/SHA/apps/web/deployment.yaml#L14
            https://gitea.example.com/shop/config.git   | https://gitea.example.com/shop/config/src/commit/SHA/apps/web/deployment.yaml#L14
            ssh://git@forgejo.example.com:2222/shop/config.git | https://forgejo.example.com/shop/config/src/commit/SHA/apps/web/deployment.yaml#L14
            https://bitbucket.example.com/scm/shop/config.git | https://bitbucket.example.com/projects/SHOP/repos/config/browse/apps/web/deployment.yaml?at=SHA#14
            ssh://git@bitbucket.example.com:7999/~ann/config.git | https://bitbucket.example.com/users/ann/repos/config/browse/apps/web/deployment.yaml?at=SHA#14
            """)
    void shouldLinkToTheLineOfTheFileAtTheCommit(String repository, String expected) {
        assertThat(links.fileLink(repository, SHA, FILE, 14)).contains(expected.replace("SHA", SHA));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            git@github.com:shop/config.git            | https://github.com/shop/config/commit/SHA
            https://gitlab.com/shop/platform/config   | https://gitlab.com/shop/platform/config/-/commit/SHA
            https://bitbucket.org/shop/config         | https://bitbucket.org/shop/config/commits/SHA
            https://codeberg.org/shop/config          | https://codeberg.org/shop/config/commit/SHA
            https://bitbucket.example.com/scm/shop/config.git | https://bitbucket.example.com/projects/SHOP/repos/config/commits/SHA
            """)
    void shouldLinkToTheCommit(String repository, String expected) {
        assertThat(links.commitLink(repository, SHA)).contains(expected.replace("SHA", SHA));
    }

    @Test
    void shouldLinkToTheWholeFileWithoutALine() {
        assertThat(links.fileLink("https://github.com/shop/config", SHA, Origin.of("charts/web")))
                .contains("https://github.com/shop/config/blob/" + SHA + "/charts/web");
    }

    @Test
    void shouldLinkToTheLineAnOriginNames() {
        assertThat(links.fileLink("https://github.com/shop/config", SHA, new Origin(FILE, 3)))
                .contains("https://github.com/shop/config/blob/" + SHA + "/" + FILE + "#L3");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://ann:s3cret-token@github.com/shop/config.git",
        "https://s3cret-token@github.com/shop/config.git",
        "ssh://ann:s3cret-token@github.com/shop/config.git",
        "ann:s3cret-token@github.com:shop/config.git",
        "https://ann:p@ss:s3cret-token@github.com/shop/config.git"})
    void shouldNeverShowTheUserInformationOfTheRepositoryUrl(String repository) {
        assertThat(links.fileLink(repository, SHA, FILE, 1)).hasValueSatisfying(link -> assertThat(link)
                .startsWith("https://github.com/shop/config/blob/").doesNotContain("ann").doesNotContain("s3cret")
                .doesNotContain("@"));
        assertThat(links.commitLink(repository, SHA)).hasValueSatisfying(link -> assertThat(link)
                .doesNotContain("s3cret").doesNotContain("@"));
    }

    @Test
    void shouldKeepPlainHttpOnlyWhenTheRepositoryUsesIt() {
        assertThat(links.commitLink("http://gitea.internal:3000/shop/config.git", SHA))
                .contains("http://gitea.internal:3000/shop/config/commit/" + SHA);
        assertThat(links.commitLink("git://gitea.internal/shop/config.git", SHA))
                .contains("https://gitea.internal/shop/config/commit/" + SHA);
    }

    @Test
    void shouldNotCarryTheSshPortIntoTheWebLink() {
        assertThat(links.commitLink("ssh://git@gitlab.example.com:2222/shop/config.git", SHA))
                .contains("https://gitlab.example.com/shop/config/-/commit/" + SHA);
    }

    @Test
    void shouldPercentEncodeEachSegmentOfThePath() {
        assertThat(links.fileLink("https://github.com/shop/config", SHA, "apps/my web/#1?x=y/ünïcode €.yaml", 2))
                .contains("https://github.com/shop/config/blob/" + SHA
                        + "/apps/my%20web/%231%3Fx%3Dy/%C3%BCn%C3%AFcode%20%E2%82%AC.yaml#L2");
    }

    @Test
    void shouldEncodeHostileFileNamesInsteadOfPassingThemThrough() {
        Optional<String> link = links.fileLink("https://github.com/shop/config", SHA,
                "apps/\"><script>alert('x')</script>/a\nb\r\tc.yaml", 1);

        assertThat(link).contains("https://github.com/shop/config/blob/" + SHA
                + "/apps/%22%3E%3Cscript%3Ealert%28%27x%27%29%3C/script%3E/a%0Ab%0D%09c.yaml#L1");
    }

    @Test
    void shouldDecodeAnEncodedRepositoryPathOnceAndEncodeItAgain() {
        assertThat(links.commitLink("https://gitlab.com/shop/my%20config.git", SHA))
                .contains("https://gitlab.com/shop/my%20config/-/commit/" + SHA);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../evil/repo/blob/main/x", "apps/../../../x.yaml", ".."})
    void shouldNotLinkAPathThatLeavesTheRepository(String path) {
        assertThat(links.fileLink("https://github.com/shop/config", SHA, path, 1)).isEmpty();
    }

    @Test
    void shouldDropEmptyAndCurrentFolderSegments() {
        assertThat(links.fileLink("https://github.com/shop/config", SHA, "/./apps//web/./x.yaml", 0))
                .contains("https://github.com/shop/config/blob/" + SHA + "/apps/web/x.yaml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"main", "refs/heads/main", "3f1c2b7\"><script>", "3f1", "", " 3f1c2b7"})
    void shouldNotLinkARevisionThatIsNotACommitId(String commit) {
        assertThat(links.commitLink("https://github.com/shop/config", commit)).isEmpty();
        assertThat(links.fileLink("https://github.com/shop/config", commit, FILE, 1)).isEmpty();
    }

    @Test
    void shouldAcceptAnAbbreviatedCommitIdInAnyCase() {
        assertThat(links.commitLink("https://github.com/shop/config", "3F1C2B7"))
                .contains("https://github.com/shop/config/commit/3f1c2b7");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://git.example.com/shop/config.git",
        "/srv/git/config",
        "file:///srv/git/config.git",
        "../config",
        "javascript:alert(1)//github.com/a/b",
        "javascript://github.com/shop/config",
        "data:text/html,<script>alert(1)</script>",
        "ftp://github.com/shop/config",
        "https://github.com/shop/config/tree/main",
        "https://github.com/config.git",
        "https://github.com/shop/config?x=1",
        "https://github.com/shop/config#readme",
        "https://github.com/shop/config\n.git",
        "https://github.com/shop/con fig",
        "https://github.com/shop/../evil",
        "https://github.com/shop/%2e%2e",
        "https://github.com\"><script>/shop/config",
        "https://[::1]/shop/config",
        "https://github.com:99999/shop/config",
        ""})
    void shouldNotLinkWhatItCannotLinkSafely(String repository) {
        assertThat(links.fileLink(repository, SHA, FILE, 1)).isEmpty();
        assertThat(links.commitLink(repository, SHA)).isEmpty();
    }

    @Test
    void shouldNotLinkWithoutARepository() {
        assertThat(links.commitLink(null, SHA)).isEmpty();
        assertThat(links.hostKind(null)).isEmpty();
    }

    @Test
    void shouldLetTheOverridesNameTheKindOfAnyHost() {
        SourceLinks configured = new SourceLinks(Map.of("Git.Example.COM", HostKind.GITEA,
                "github.example.com", HostKind.GITLAB));

        assertThat(configured.commitLink("git@git.example.com:shop/config.git", SHA))
                .contains("https://git.example.com/shop/config/commit/" + SHA);
        assertThat(configured.hostKind("https://github.example.com/shop/config")).contains(HostKind.GITLAB);
        assertThat(configured.hostKind("https://github.com/shop/config")).contains(HostKind.GITHUB);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "https://github.com/a/b, GITHUB",
        "https://gitlab.com/a/b, GITLAB",
        "https://bitbucket.org/a/b, BITBUCKET_CLOUD",
        "https://codeberg.org/a/b, GITEA",
        "https://ghe.github.corp.example/a/b, GITHUB",
        "https://gitlab.corp.example/a/b, GITLAB",
        "https://bitbucket.corp.example/scm/a/b.git, BITBUCKET_SERVER",
        "https://gitea.corp.example/a/b, GITEA",
        "https://code.forgejo.corp.example/a/b, GITEA"})
    void shouldRecognizeTheKindOfHostByName(String repository, HostKind kind) {
        assertThat(links.hostKind(repository)).contains(kind);
    }

    @Test
    void shouldNotLinkARepositoryPathOfTheWrongShapeForTheHost() {
        assertThat(links.commitLink("https://github.com/shop/team/config", SHA)).isEmpty();
        assertThat(links.commitLink("https://gitlab.com/config", SHA)).isEmpty();
        assertThat(links.commitLink("https://bitbucket.example.com/a/b/c/config.git", SHA)).isEmpty();
    }

    @Test
    void shouldKeepTheContextPathOfASelfHostedInstance() {
        assertThat(links.commitLink("https://bitbucket.example.com/dc/scm/shop/config.git", SHA))
                .contains("https://bitbucket.example.com/dc/projects/SHOP/repos/config/commits/" + SHA);
        assertThat(links.commitLink("https://gitea.example.com/git/shop/config.git", SHA))
                .contains("https://gitea.example.com/git/shop/config/commit/" + SHA);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a b/c.yaml", "x#y", "q?r=s", "\"'<>`", "%2e%2e/x", "\\..\\x", "a\u0000b", "€/日本/🙂.yaml",
        "javascript:alert(1)", "//evil.example.com/x", "@evil.example.com"})
    void shouldKeepEveryLinkOnTheRepositoryHost(String path) {
        assertThat(links.fileLink("https://ann:token@github.com/shop/config.git", SHA, path, 7))
                .hasValueSatisfying(link -> {
                    URI uri = URI.create(link);
                    assertThat(uri.getScheme()).isEqualTo("https");
                    assertThat(uri.getRawUserInfo()).isNull();
                    assertThat(uri.getHost()).isEqualTo("github.com");
                    assertThat(uri.getRawPath()).startsWith("/shop/config/blob/" + SHA + "/");
                    assertThat(uri.getRawQuery()).isNull();
                    assertThat(uri.getRawFragment()).isEqualTo("L7");
                    assertThat(link).matches("[A-Za-z0-9/:.%#_~-]+");
                });
    }
}
