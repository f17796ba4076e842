package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.gitops.engine.source.FileTree.FileEntry;
import io.jenkins.plugins.gitops.engine.testing.git.TestGitRepo;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a commit's files without a working tree, and exporting them once for tools that need a folder. */
class SourceSnapshotTest {

    @TempDir
    Path originDir;

    @TempDir
    Path cacheDir;

    private TestGitRepo origin;
    private RepositoryCache cache;
    private SourceSnapshot snapshot;

    @BeforeEach
    void fetchSnapshot() throws Exception {
        origin = TestGitRepo.in(originDir)
                .write("README.md", "# shop\n")
                .write("apps/web/kustomization.yaml", "resources: [deploy.yaml, ../base]\n")
                .write("apps/web/deploy.yaml", "kind: Deployment\n")
                .write("apps/web-extra/config.yaml", "kind: ConfigMap\n")
                .write("apps/base/service.yaml", "kind: Service\n")
                .symlink("apps/web/current.yaml", "deploy.yaml")
                .writeExecutable("apps/web/hooks/check.sh", "#!/bin/sh\nexit 0\n")
                .commit("Add shop");
        cache = new RepositoryCache(cacheDir);
        snapshot = new GitSource(cache).fetch(SourceRequest.anonymous(origin.url(), "main", "apps/web"));
    }

    @AfterEach
    void close() {
        cache.close();
        origin.close();
    }

    @Test
    void shouldListEveryFileAndSymlinkOfTheTreeSortedByPath() throws Exception {
        assertThat(snapshot.list("")).extracting(FileEntry::path).containsExactly(
                "README.md",
                "apps/base/service.yaml",
                "apps/web-extra/config.yaml",
                "apps/web/current.yaml",
                "apps/web/deploy.yaml",
                "apps/web/hooks/check.sh",
                "apps/web/kustomization.yaml");
    }

    @Test
    void shouldListOnlyTheRequestedFolder() throws Exception {
        assertThat(snapshot.list("apps/web")).extracting(FileEntry::path).containsExactly(
                "apps/web/current.yaml", "apps/web/deploy.yaml", "apps/web/hooks/check.sh", "apps/web/kustomization.yaml");
    }

    @Test
    void shouldListSymlinkAsSymlinkWithItsTargetSize() throws Exception {
        FileEntry link = snapshot.list("apps/web").get(0);

        assertThat(link).isEqualTo(new FileEntry("apps/web/current.yaml", FileEntry.Type.SYMLINK, "deploy.yaml".length()));
        assertThat(snapshot.read("apps/web/current.yaml")).asString().isEqualTo("deploy.yaml");
    }

    @Test
    void shouldReportFileSizes() throws Exception {
        assertThat(snapshot.list("apps/base")).containsExactly(
                new FileEntry("apps/base/service.yaml", FileEntry.Type.FILE, "kind: Service\n".length()));
    }

    @Test
    void shouldReadFileContent() throws Exception {
        assertThat(snapshot.read("apps/web/deploy.yaml")).asString().isEqualTo("kind: Deployment\n");
    }

    @Test
    void shouldNormalizePathsBeforeReading() throws Exception {
        assertThat(snapshot.read("./apps//web/deploy.yaml")).asString().isEqualTo("kind: Deployment\n");
        assertThat(snapshot.isDirectory("apps/web/")).isTrue();
    }

    @Test
    void shouldTellFoldersFromFiles() throws Exception {
        assertThat(snapshot.isDirectory("")).isTrue();
        assertThat(snapshot.isDirectory("apps/web")).isTrue();
        assertThat(snapshot.isDirectory("apps/web/deploy.yaml")).isFalse();
        assertThat(snapshot.isDirectory("apps/shop")).isFalse();
    }

    @Test
    void shouldThrowNoSuchFileForMissingFile() {
        NoSuchFileException failure = catchThrowableOfType(NoSuchFileException.class,
                () -> snapshot.read("apps/web/missing.yaml"));

        assertThat(failure.getFile()).isEqualTo("apps/web/missing.yaml");
        assertThat(failure).hasMessageContaining("no such file at " + snapshot.description());
    }

    @Test
    void shouldThrowNoSuchFileWhenListingMissingFolderOrFile() {
        assertThatThrownBy(() -> snapshot.list("apps/shop")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> snapshot.list("README.md")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void shouldRefuseToReadFolderAsFile() {
        assertThatThrownBy(() -> snapshot.read("apps/web"))
                .isInstanceOf(FileSystemException.class)
                .hasMessageContaining("is a folder, not a file");
    }

    @Test
    void shouldRejectPathsOutsideTheTree() {
        SourceException parent = catchThrowableOfType(SourceException.class, () -> snapshot.read("../secrets"));
        SourceException absolute = catchThrowableOfType(SourceException.class, () -> snapshot.list("/etc"));

        assertThat(parent.reason()).isEqualTo(SourceException.Reason.INVALID_REQUEST);
        assertThat(absolute.reason()).isEqualTo(SourceException.Reason.INVALID_REQUEST);
    }

    @Test
    void shouldDescribeItselfByUrlAndShortSha() {
        assertThat(snapshot.description()).isEqualTo(origin.url() + "@" + origin.head().substring(0, 7));
    }

    @Test
    void shouldMaterializeWholeCommitTreeOnceUnderTheCacheRoot() throws Exception {
        Path folder = snapshot.materialize();

        assertThat(folder).isEqualTo(cacheDir.resolve("trees").resolve(origin.head()));
        assertThat(folder.resolve("apps/web/deploy.yaml")).hasContent("kind: Deployment\n");
        assertThat(folder.resolve("apps/base/service.yaml")).hasContent("kind: Service\n");
        assertThat(folder.resolve("README.md")).exists();
    }

    @Test
    void shouldMaterializeSymlinksAsSymlinksAndKeepExecutableBit() throws Exception {
        Path folder = snapshot.materialize();

        Path link = folder.resolve("apps/web/current.yaml");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Paths.get("deploy.yaml"));
        assertThat(Files.isExecutable(folder.resolve("apps/web/hooks/check.sh"))).isTrue();
    }

    @Test
    void shouldReuseMaterializedTreeOfTheSameCommit() throws Exception {
        Path first = snapshot.materialize();
        Files.writeString(first.resolve("marker"), "kept");
        SourceSnapshot again = new GitSource(cache).fetch(SourceRequest.anonymous(origin.url(), origin.head(), ""));

        Path second = again.materialize();

        assertThat(second).isEqualTo(first);
        assertThat(second.resolve("marker")).hasContent("kept");
        try (var leftovers = Files.list(cacheDir.resolve("tmp"))) {
            assertThat(leftovers).isEmpty();
        }
    }

    @Test
    void shouldMaterializeSafelyFromSeveralThreadsAtOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Path>> exports = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                exports.add(snapshot::materialize);
            }
            List<Path> folders = new ArrayList<>();
            for (Future<Path> export : threads.invokeAll(exports)) {
                folders.add(export.get());
            }

            assertThat(folders).containsOnly(cacheDir.resolve("trees").resolve(origin.head()));
            assertThat(folders.get(0).resolve("apps/web/deploy.yaml")).hasContent("kind: Deployment\n");
            try (var leftovers = Files.list(cacheDir.resolve("tmp"))) {
                assertThat(leftovers).isEmpty();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
