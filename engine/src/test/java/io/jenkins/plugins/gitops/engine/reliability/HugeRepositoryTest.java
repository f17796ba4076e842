package io.jenkins.plugins.gitops.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.gitops.engine.render.ManifestRenderer;
import io.jenkins.plugins.gitops.engine.render.PlainRenderer;
import io.jenkins.plugins.gitops.engine.render.RenderException;
import io.jenkins.plugins.gitops.engine.render.RenderOptions;
import io.jenkins.plugins.gitops.engine.render.RenderProblem;
import io.jenkins.plugins.gitops.engine.render.RendererKind;
import io.jenkins.plugins.gitops.engine.source.FileTree;
import io.jenkins.plugins.gitops.engine.source.GitSource;
import io.jenkins.plugins.gitops.engine.source.RepositoryCache;
import io.jenkins.plugins.gitops.engine.source.SourceRequest;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import io.jenkins.plugins.gitops.engine.testing.git.TestGitRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository too big to render, read from Git with the default limits: a clear error that names the file
 * and the limit, never an attempt to hold it all in memory. What is too big is refused from the size Git
 * records, before its bytes are read.
 */
class HugeRepositoryTest {

    private static final int MIB = 1024 * 1024;

    @TempDir
    Path originDir;

    @TempDir
    Path cacheDir;

    private TestGitRepo origin;
    private RepositoryCache cache;

    @BeforeEach
    void createRepository() {
        origin = TestGitRepo.in(originDir).write("apps/web/config.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: web
                """).commit("Add web");
        cache = new RepositoryCache(cacheDir);
    }

    @AfterEach
    void close() {
        cache.close();
        origin.close();
    }

    @Test
    void shouldRefuseAManifestFileLargerThanTheLimitWithoutReadingIt() throws Exception {
        StringBuilder huge = new StringBuilder(6 * MIB + 100);
        while (huge.length() < 6 * MIB) {
            huge.append("# padding that makes this file larger than any Kubernetes object could be\n");
        }
        origin.write("apps/web/huge.yaml", huge.toString()).commit("Add a huge file");
        ReadRecorder tree = new ReadRecorder(fetch("apps/web"));

        RenderException failure = catchThrowableOfType(RenderException.class,
                () -> new PlainRenderer().render(tree, "apps/web", RenderOptions.defaults()));

        assertThat(failure.problems()).extracting(RenderProblem::toString).containsExactly(
                "apps/web/huge.yaml: file is 6.0 MiB, larger than the limit of 5 MiB; split it into smaller files or "
                        + "raise the limit");
        assertThat(tree.read).doesNotContain("apps/web/huge.yaml");
    }

    @Test
    void shouldRefuseMoreObjectsThanTheLimit() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= 10_000; i++) {
            many.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c").append(i).append("}\n");
        }
        origin.write("apps/web/many.yaml", many.toString()).commit("Add 10,001 config maps");

        RenderException failure = catchThrowableOfType(RenderException.class,
                () -> new PlainRenderer().render(fetch("apps/web"), "apps/web", RenderOptions.defaults()));

        assertThat(failure).hasMessage("apps/web: renders more than 10000 objects, the limit; split it into several "
                + "environments or raise the limit");
    }

    @Test
    void shouldRefuseASymbolicLinkWithAnImpossiblyLongTargetWithoutReadingIt() throws Exception {
        commitSymlink(origin.repository(), "apps/web/link.yaml", "a/".repeat(32 * 1024) + "config.yaml");
        ReadRecorder tree = new ReadRecorder(fetch("apps/web"));

        RenderException failure = catchThrowableOfType(RenderException.class,
                () -> new PlainRenderer().render(tree, "apps/web", RenderOptions.defaults()));

        assertThat(failure).hasMessage("apps/web/link.yaml: symbolic link passes through the symbolic link "
                + "apps/web/link.yaml, whose target is 64.0 KiB long, more than any file system allows (4096 bytes); "
                + "replace the link with a copy of its target inside the repository");
        assertThat(tree.read).doesNotContain("apps/web/link.yaml");
    }

    @Test
    void shouldRefuseToExportASymbolicLinkWithAnImpossiblyLongTargetForATool() throws Exception {
        origin.write("charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n")
                .write("charts/web/templates/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n")
                .commit("Add a chart");
        // Outside the chart, so the chart's own link check does not see it; the export of the tree does.
        commitSymlink(origin.repository(), "docs/link", "b/".repeat(32 * 1024));

        RenderException failure = catchThrowableOfType(RenderException.class, () -> ManifestRenderer.withDefaults()
                .render(fetch("charts/web"), "charts/web", RenderOptions.defaults().withKind(RendererKind.HELM)));

        assertThat(failure).hasMessage("docs/link: symbolic link whose target is 65536 bytes long, more than any file "
                + "system allows, so the tree cannot be written for the tool; replace or remove it in the repository");
    }

    private SourceSnapshot fetch(String path) throws IOException {
        return new GitSource(cache).fetch(SourceRequest.anonymous(origin.url(), "main", path));
    }

    /** Commits a symbolic link with any target, as a hostile server could (a file system would refuse it). */
    private static void commitSymlink(Repository repository, String path, String target) throws IOException {
        try (ObjectInserter inserter = repository.newObjectInserter(); ObjectReader reader = repository.newObjectReader();
                RevWalk walk = new RevWalk(reader)) {
            ObjectId head = repository.resolve(Constants.HEAD);
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, walk.parseCommit(head).getTree());
            DirCacheEntry link = new DirCacheEntry(path);
            link.setFileMode(FileMode.SYMLINK);
            link.setObjectId(inserter.insert(Constants.OBJ_BLOB, target.getBytes(StandardCharsets.UTF_8)));
            builder.add(link);
            builder.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            commit.setParentId(head);
            PersonIdent author = new PersonIdent("Mallory", "mallory@example.com");
            commit.setAuthor(author);
            commit.setCommitter(author);
            commit.setMessage("Add a link");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repository.updateRef("refs/heads/main");
            update.setNewObjectId(id);
            assertThat(update.update()).isEqualTo(RefUpdate.Result.FAST_FORWARD);
        }
    }

    /** A tree that remembers which files were read. */
    private static final class ReadRecorder implements FileTree {
        private final FileTree tree;
        private final Set<String> read = ConcurrentHashMap.newKeySet();

        ReadRecorder(FileTree tree) {
            this.tree = tree;
        }

        @Override
        public String description() {
            return tree.description();
        }

        @Override
        public List<FileEntry> list(String directory) throws IOException {
            return tree.list(directory);
        }

        @Override
        public boolean isDirectory(String path) throws IOException {
            return tree.isDirectory(path);
        }

        @Override
        public byte[] read(String path) throws IOException {
            read.add(path);
            return tree.read(path);
        }

        @Override
        public Path materialize() throws IOException {
            return tree.materialize();
        }
    }
}
