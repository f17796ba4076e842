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

/** One environment per matching declaration file of a real repository, read over {@code file://}. */
class FileGeneratorTest {

    private static final String SHOP = "https://git.example.com/shop.git";

    @TempDir
    Path originDir;

    @TempDir
    Path cacheDir;

    private TestGitRepo origin;
    private RepositoryCache cache;

    @BeforeEach
    void createRepository() {
        origin = TestGitRepo.in(originDir)
                .write("environments/web.yaml", "path: apps/web\nnamespace: web\nsyncPolicy:\n  automated: true\n")
                .write("environments/db.yaml", "name: database\nrepository: " + SHOP + "\npath: apps/db\n")
                .write("environments/README.md", "Not a declaration\n")
                .commit("Two environments");
        cache = new RepositoryCache(cacheDir);
    }

    @AfterEach
    void close() {
        cache.close();
        origin.close();
    }

    private GenerationResult generate() throws DeclarationException {
        EnvironmentSettings template = EnvironmentSettings.builder().repositoryUrl(origin.url()).revision("main")
                .clusterCredentialsId("kube-{path.filenameWithoutExtension}").namespace("default").build();
        FileGenerator generator = new FileGenerator(PathPattern.parse("environments/*.yaml"),
                new EnvironmentTemplate(EnvironmentTemplate.DEFAULT_FILE_NAME, template),
                new DeclarationParser(DeclarationSchema.load()));
        return generator.generate(new GitSource(cache), SourceRequest.anonymous(origin.url(), "main", ""));
    }

    @Test
    void shouldDeclareOneEnvironmentPerFileWithTheTemplateForWhatItLeavesUnset() throws Exception {
        GenerationResult result = generate();

        assertThat(result.errors()).isEmpty();
        assertThat(result.environments()).extracting(EnvironmentDeclaration::name).containsExactly("database", "web");
        EnvironmentDeclaration database = result.environments().get(0);
        assertThat(database.source()).isEqualTo("environments/db.yaml");
        assertThat(database.settings().repositoryUrl()).isEqualTo(SHOP);
        assertThat(database.settings().namespace()).isEqualTo("default");
        assertThat(database.settings().clusterCredentialsId()).isEqualTo("kube-db");
        EnvironmentDeclaration web = result.environments().get(1);
        assertThat(web.settings().repositoryUrl()).isEqualTo(origin.url());
        assertThat(web.settings().revision()).isEqualTo("main");
        assertThat(web.settings().namespace()).isEqualTo("web");
        assertThat(web.settings().automated()).isTrue();
        assertThat(web.settings().prune()).isNull();
    }

    @Test
    void shouldSeeAChangedDeclaration() throws Exception {
        origin.write("environments/web.yaml", "path: apps/web-v2\nnamespace: web\n").commit("Move web");

        GenerationResult result = generate();

        assertThat(result.environments().get(1).settings().path()).isEqualTo("apps/web-v2");
        assertThat(result.environments().get(1).settings().automated()).isNull();
    }

    @Test
    void shouldLeaveTheOtherEnvironmentsAloneWhenOneFileIsMalformed() throws Exception {
        origin.write("environments/web.yaml", "path: apps/web\nnamespace: [web\n").commit("Break web");

        GenerationResult result = generate();

        assertThat(result.environments()).extracting(EnvironmentDeclaration::name).containsExactly("database");
        assertThat(result.complete()).isTrue();
        assertThat(result.isFailed("environments/web.yaml")).isTrue();
        assertThat(result.errors()).singleElement().asString().startsWith("environments/web.yaml:").contains("malformed");
    }

    @Test
    void shouldNameBothFilesOfADuplicateName() throws Exception {
        origin.write("environments/database.yaml", "path: apps/db2\n").commit("Another database");

        GenerationResult result = generate();

        assertThat(result.environments()).extracting(EnvironmentDeclaration::name).containsExactly("web");
        assertThat(result.errors()).extracting(DeclarationError::message).allMatch(message -> message.equals(
                "the environment name \"database\" is declared 2 times: environments/database.yaml,"
                        + " environments/db.yaml; give each environment its own name"));
        assertThat(result.failedSources()).containsExactlyInAnyOrder("environments/database.yaml",
                "environments/db.yaml");
    }

    @Test
    void shouldRequireAPath() throws Exception {
        origin.write("environments/web.yaml", "namespace: web\n").commit("No path");

        GenerationResult result = generate();

        assertThat(result.errors()).singleElement().asString()
                .startsWith("environments/web.yaml: no path: set \"path\" in the declaration");
    }

    @Test
    void shouldRefuseSymbolicLinksAndOversizedFiles() throws Exception {
        origin.symlink("environments/link.yaml", "web.yaml")
                .write("environments/huge.yaml", "# " + "x".repeat(DeclarationLimits.MAX_DECLARATION_BYTES) + "\n")
                .commit("Hostile files");

        GenerationResult result = generate();

        assertThat(result.environments()).extracting(EnvironmentDeclaration::name).containsExactly("database", "web");
        assertThat(result.errors()).extracting(DeclarationError::toString).containsExactly(
                "environments/huge.yaml: is 65539 bytes; a declaration may have at most 65536 bytes",
                "environments/link.yaml: is a symbolic link; a declaration must be a regular file");
    }
}
