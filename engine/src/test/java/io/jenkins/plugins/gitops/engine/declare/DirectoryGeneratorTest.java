package io.jenkins.plugins.gitops.engine.declare;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.source.GitSource;
import io.jenkins.plugins.gitops.engine.source.RepositoryCache;
import io.jenkins.plugins.gitops.engine.source.SourceRequest;
import io.jenkins.plugins.gitops.engine.testing.git.TestGitRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One environment per matching folder of a real repository, read over {@code file://}. */
class DirectoryGeneratorTest {

    @TempDir
    Path originDir;

    @TempDir
    Path cacheDir;

    private TestGitRepo origin;
    private RepositoryCache cache;

    @BeforeEach
    void createRepository() {
        origin = TestGitRepo.in(originDir)
                .write("clusters/prod/apps/web/deploy.yaml", "kind: Deployment\n")
                .write("clusters/prod/apps/db/statefulset.yaml", "kind: StatefulSet\n")
                .write("clusters/staging/apps/web/deploy.yaml", "kind: Deployment\n")
                .write("clusters/staging/README.md", "staging\n")
                .commit("Two clusters");
        cache = new RepositoryCache(cacheDir);
    }

    @AfterEach
    void close() {
        cache.close();
        origin.close();
    }

    private GenerationResult generate(String pattern, String nameTemplate, EnvironmentSettings settings)
            throws DeclarationException {
        EnvironmentSettings withRepository = settings.orElse(EnvironmentSettings.builder()
                .repositoryUrl(origin.url()).revision("main").build());
        DirectoryGenerator generator = new DirectoryGenerator(PathPattern.parse(pattern),
                new EnvironmentTemplate(nameTemplate, withRepository));
        return generator.generate(new GitSource(cache), SourceRequest.anonymous(origin.url(), "main", ""));
    }

    @Test
    void shouldDeclareOneEnvironmentPerMatchingFolder() throws Exception {
        GenerationResult result = generate("clusters/*/apps/*", "{path[1]}-{path.basename}",
                EnvironmentSettings.builder().namespace("{path.basename}").clusterCredentialsId("kube-{path[1]}")
                        .automated(true).build());

        assertThat(result.errors()).isEmpty();
        assertThat(result.complete()).isTrue();
        assertThat(result.description()).startsWith(origin.url()).contains("@");
        assertThat(result.environments()).extracting(EnvironmentDeclaration::name)
                .containsExactly("prod-db", "prod-web", "staging-web");
        EnvironmentDeclaration web = result.environments().get(1);
        assertThat(web.source()).isEqualTo("clusters/prod/apps/web");
        assertThat(web.settings().path()).isEqualTo("clusters/prod/apps/web");
        assertThat(web.settings().namespace()).isEqualTo("web");
        assertThat(web.settings().clusterCredentialsId()).isEqualTo("kube-prod");
        assertThat(web.settings().repositoryUrl()).isEqualTo(origin.url());
        assertThat(web.settings().automated()).isTrue();
    }

    @Test
    void shouldFollowTheRepositoryFromOneCommitToTheNext() throws Exception {
        origin.write("clusters/prod/apps/cache/deploy.yaml", "kind: Deployment\n").delete("clusters/prod/apps/db")
                .commit("Add cache, remove db");

        GenerationResult result = generate("clusters/*/apps/*", "{path[1]}-{path.basename}", EnvironmentSettings.NONE);

        assertThat(result.environments()).extracting(EnvironmentDeclaration::name)
                .containsExactly("prod-cache", "prod-web", "staging-web");
    }

    @Test
    void shouldNameBothFoldersThatGiveTheSameName() throws Exception {
        GenerationResult result = generate("clusters/*/apps/*", EnvironmentTemplate.DEFAULT_DIRECTORY_NAME,
                EnvironmentSettings.NONE);

        assertThat(result.environments()).extracting(EnvironmentDeclaration::name).containsExactly("db");
        assertThat(result.errors()).extracting(DeclarationError::toString).containsExactly(
                "clusters/prod/apps/web: the environment name \"web\" is declared 2 times: clusters/prod/apps/web,"
                        + " clusters/staging/apps/web; give each environment its own name",
                "clusters/staging/apps/web: the environment name \"web\" is declared 2 times: clusters/prod/apps/web,"
                        + " clusters/staging/apps/web; give each environment its own name");
        assertThat(result.failedSources()).containsExactlyInAnyOrder("clusters/prod/apps/web",
                "clusters/staging/apps/web");
    }

    @Test
    void shouldSanitizeGeneratedNames() throws Exception {
        GenerationResult result = generate("clusters/*/apps/*", "{path}", EnvironmentSettings.NONE);

        assertThat(result.environments()).extracting(EnvironmentDeclaration::name)
                .contains("clusters-prod-apps-web");
    }

    @Test
    void shouldFailOnlyTheFolderATemplateCannotExpandFor() throws Exception {
        origin.write("clusters/x/deploy.yaml", "kind: Deployment\n").commit("Shallow");

        GenerationResult result = generate("clusters/**", "{path[1]}-{path[3]}", EnvironmentSettings.NONE);

        assertThat(result.environments()).extracting(EnvironmentDeclaration::name)
                .containsExactly("prod-db", "prod-web", "staging-web");
        assertThat(result.failedSources()).contains("clusters/x", "clusters/prod", "clusters/prod/apps");
        assertThat(result.errors()).extracting(DeclarationError::toString)
                .contains("clusters/x: \"{path[1]}-{path[3]}\" uses {path[3]} but \"clusters/x\" has 2 segments"
                        + " (counted from 0); fix the index or the pattern");
    }

    @Test
    void shouldNotTakeASymbolicLinkForAFolder() throws Exception {
        origin.symlink("clusters/prod/apps/alias", "web").commit("Link");

        GenerationResult result = generate("clusters/prod/apps/*", "{path.basename}", EnvironmentSettings.NONE);

        assertThat(result.environments()).extracting(EnvironmentDeclaration::name).containsExactly("db", "web");
    }

    @Test
    void shouldRefuseATemplatePathLeavingTheRepository() throws Exception {
        GenerationResult result = generate("clusters/prod/apps/*", "{path.basename}",
                EnvironmentSettings.builder().path("../{path.basename}").build());

        assertThat(result.environments()).isEmpty();
        assertThat(result.errors()).extracting(DeclarationError::message).allMatch(m -> m.contains("without \"..\""));
    }

    @Test
    void shouldReportAnUnreadableRepositoryAsIncomplete() throws Exception {
        DirectoryGenerator generator = new DirectoryGenerator(PathPattern.parse("*"),
                new EnvironmentTemplate("{path}", EnvironmentSettings.NONE));

        GenerationResult result = generator.generate(new GitSource(cache),
                SourceRequest.anonymous(origin.url(), "no-such-branch", ""));

        assertThat(result.complete()).isFalse();
        assertThat(result.environments()).isEmpty();
        assertThat(result.errors()).singleElement().extracting(DeclarationError::message).asString()
                .contains("no-such-branch");
    }
}
