package io.jenkins.plugins.gitops.folder;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleProject;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.item.GitOpsEnvironment;
import io.jenkins.plugins.gitops.testing.AllowLocalRepositories;
import io.jenkins.plugins.gitops.testing.TestRepository;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Environment folders declared in the system configuration ({@code unclassified: gitopsSync: environmentFolders:} in
 * JCasC): setting the declarations creates the folder, which computes its environments; setting them again updates
 * it in place; an item of another type with the declared name is left alone.
 */
@WithJenkins
@ExtendWith(AllowLocalRepositories.class)
class FolderDeclarationsITest {

    @TempDir
    Path temp;

    private static FolderDeclaration declaration(String name, String url, String revision) {
        GitDirectoriesGenerator generator = new GitDirectoriesGenerator("clusters/*/apps/*");
        generator.setNameTemplate("{path[1]}-{path.basename}");
        FolderDeclaration declaration = new FolderDeclaration(name, url, generator);
        declaration.setRevision(revision);
        EnvironmentTemplateSettings template = new EnvironmentTemplateSettings();
        template.setNamespace("{path.basename}");
        declaration.setTemplate(template);
        return declaration;
    }

    @Test
    void shouldCreateTheDeclaredFolderWhichComputesItsEnvironmentsThenUpdateItInPlace(JenkinsRule jenkins)
            throws Exception {
        TestRepository repository = TestRepository.init(temp);
        repository.write("clusters/prod/apps/web/config.yaml", TestRepository.configMap("web", "k", "v"))
                .commit("Web in prod");

        GitOpsConfiguration.get().setEnvironmentFolders(List.of(declaration("clusters", repository.url(), "main")));
        jenkins.waitUntilNoActivity();

        GitOpsEnvironmentFolder folder = jenkins.jenkins.getItemByFullName("clusters", GitOpsEnvironmentFolder.class);
        assertThat(folder).as("the declared folder").isNotNull();
        assertThat(folder.getRepositoryUrl()).isEqualTo(repository.url());
        assertThat(folder.getItems()).extracting(GitOpsEnvironment::getName).containsExactly("prod-web");
        assertThat(folder.getItem("prod-web").getNamespace()).isEqualTo("web");

        GitOpsConfiguration.get().setEnvironmentFolders(List.of(declaration("clusters", repository.url(), "release")));
        jenkins.waitUntilNoActivity();

        assertThat(jenkins.jenkins.getItemByFullName("clusters")).as("the same folder, updated").isSameAs(folder);
        assertThat(folder.getRevision()).isEqualTo("release");
        assertThat(GitOpsConfiguration.get().getEnvironmentFolders()).extracting(FolderDeclaration::getName)
                .containsExactly("clusters");
    }

    @Test
    void shouldLeaveAnItemOfAnotherTypeWithTheDeclaredNameAlone(JenkinsRule jenkins) throws Exception {
        FreeStyleProject taken = jenkins.createFreeStyleProject("clusters");

        GitOpsConfiguration.get().setEnvironmentFolders(List.of(declaration("clusters", "https://git.example.com/c.git",
                "main")));

        assertThat(jenkins.jenkins.getItem("clusters")).isSameAs(taken);
    }
}
