package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.source.FileTree.FileEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectoryTreeTest {

    @TempDir
    Path tempDir;

    private Path root;
    private LocalDirectoryTree tree;

    @BeforeEach
    void createFolder() throws IOException {
        root = Files.createDirectories(tempDir.resolve("repo"));
        Files.createDirectories(root.resolve("apps/web"));
        Files.writeString(root.resolve("apps/web/deploy.yaml"), "kind: Deployment\n");
        Files.writeString(root.resolve("README.md"), "hello\n");
        Files.createSymbolicLink(root.resolve("apps/current"), Path.of("web"));
        Files.createSymbolicLink(root.resolve("apps/web/link.yaml"), Path.of("deploy.yaml"));
        Files.createDirectories(root.resolve(".git/objects"));
        Files.writeString(root.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        tree = new LocalDirectoryTree(root);
    }

    @Test
    void shouldListFilesAndLinksSortedByPathWithoutFollowingLinks() throws IOException {
        assertThat(tree.list("")).containsExactly(
                new FileEntry("README.md", FileEntry.Type.FILE, 6),
                new FileEntry("apps/current", FileEntry.Type.SYMLINK, 3),
                new FileEntry("apps/web/deploy.yaml", FileEntry.Type.FILE, 17),
                new FileEntry("apps/web/link.yaml", FileEntry.Type.SYMLINK, 11));
    }

    @Test
    void shouldListOnlyBelowTheGivenFolder() throws IOException {
        assertThat(tree.list("apps/web")).extracting(FileEntry::path)
                .containsExactly("apps/web/deploy.yaml", "apps/web/link.yaml");
    }

    @Test
    void shouldReadALinkAsThePathItPointsTo() throws IOException {
        assertThat(new String(tree.read("apps/web/link.yaml"), StandardCharsets.UTF_8)).isEqualTo("deploy.yaml");
        assertThat(new String(tree.read("apps/web/deploy.yaml"), StandardCharsets.UTF_8)).isEqualTo("kind: Deployment\n");
    }

    @Test
    void shouldNotPassThroughALinkedFolder() throws IOException {
        assertThat(tree.isDirectory("apps/current")).isFalse();
        assertThatThrownBy(() -> tree.read("apps/current/deploy.yaml")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> tree.list("apps/current")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void shouldLeaveTheGitFolderOut() throws IOException {
        assertThat(tree.list("")).extracting(FileEntry::path).noneMatch(path -> path.startsWith(".git"));
        assertThatThrownBy(() -> tree.read(".git/HEAD")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void shouldRefusePathsThatAreNotTreePaths() {
        assertThatThrownBy(() -> tree.read("../outside.yaml")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.read("/etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.list("apps/./web")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldTellFoldersFromFilesAndMissingPaths() throws IOException {
        assertThat(tree.isDirectory("")).isTrue();
        assertThat(tree.isDirectory("apps/web")).isTrue();
        assertThat(tree.isDirectory("apps/web/deploy.yaml")).isFalse();
        assertThat(tree.isDirectory("no/such")).isFalse();
        assertThatThrownBy(() -> tree.list("no/such")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> tree.read("apps/web")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void shouldBeItsOwnMaterializedFolder() throws IOException {
        assertThat(tree.materialize()).isEqualTo(root.toRealPath());
        assertThat(tree.description()).isEqualTo("folder " + root.toRealPath());
    }

    @Test
    void shouldRefuseARootThatIsNotAFolder() {
        assertThatThrownBy(() -> new LocalDirectoryTree(root.resolve("README.md"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new LocalDirectoryTree(root.resolve("missing"))).isInstanceOf(NoSuchFileException.class);
    }
}
