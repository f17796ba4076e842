package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.gitops.engine.source.FileTree.FileEntry;
import io.jenkins.plugins.gitops.engine.testing.git.TestGitRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.eclipse.jgit.lib.RefUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolving revisions and reading paths of a real repository over {@code file://}. */
class GitSourceTest {

    @TempDir
    Path originDir;

    @TempDir
    Path cacheDir;

    private TestGitRepo origin;
    private RepositoryCache cache;
    private GitSource source;

    @BeforeEach
    void createRepository() {
        origin = TestGitRepo.in(originDir)
                .write("apps/web/deploy.yaml", "kind: Deployment\n")
                .write("apps/web/service.yaml", "kind: Service\n")
                .write("apps/db/statefulset.yaml", "kind: StatefulSet\n")
                .commit("Add web and db");
        cache = new RepositoryCache(cacheDir);
        source = new GitSource(cache);
    }

    @AfterEach
    void close() {
        cache.close();
        origin.close();
    }

    @Test
    void shouldResolveBranchToItsCommit() throws Exception {
        SourceSnapshot snapshot = source.fetch(request("main", "apps/web"));

        assertThat(snapshot.commit().sha()).isEqualTo(origin.head());
        assertThat(snapshot.path()).isEqualTo("apps/web");
        assertThat(snapshot.revision()).isEqualTo("main");
    }

    @Test
    void shouldResolveLightweightTagToItsCommit() throws Exception {
        String tagged = origin.head();
        origin.tag("v1.0").write("apps/web/deploy.yaml", "kind: Deployment\nreplicas: 3\n").commit("Scale web");

        SourceSnapshot snapshot = source.fetch(request("v1.0", ""));

        assertThat(snapshot.commit().sha()).isEqualTo(tagged);
    }

    @Test
    void shouldResolveAnnotatedTagToTheTaggedCommit() throws Exception {
        String tagged = origin.head();
        origin.annotatedTag("v2.0", "Release 2.0").write("later.txt", "x").commit("Later");

        SourceSnapshot snapshot = source.fetch(request("v2.0", ""));

        assertThat(snapshot.commit().sha()).isEqualTo(tagged);
    }

    @Test
    void shouldResolveFullRefName() throws Exception {
        origin.branch("release");

        SourceSnapshot snapshot = source.fetch(request("refs/heads/release", ""));

        assertThat(snapshot.commit().sha()).isEqualTo(origin.head());
    }

    @Test
    void shouldResolveHeadToTheDefaultBranch() throws Exception {
        SourceSnapshot snapshot = source.fetch(request("HEAD", ""));

        assertThat(snapshot.commit().sha()).isEqualTo(origin.head());
    }

    @Test
    void shouldResolveFullShaOfAnOlderCommit() throws Exception {
        String first = origin.head();
        origin.write("apps/web/deploy.yaml", "kind: Deployment\nreplicas: 2\n").commit("Scale web");

        SourceSnapshot snapshot = source.fetch(request(first, "apps/web"));

        assertThat(snapshot.commit().sha()).isEqualTo(first);
        assertThat(new String(snapshot.read("apps/web/deploy.yaml"), StandardCharsets.UTF_8)).isEqualTo("kind: Deployment\n");
    }

    @Test
    void shouldResolveShortSha() throws Exception {
        String first = origin.head();
        origin.write("next.txt", "next").commit("Next");

        SourceSnapshot snapshot = source.fetch(request(first.substring(0, 8), ""));

        assertThat(snapshot.commit().sha()).isEqualTo(first);
    }

    @Test
    void shouldResolveShaOnABranchOtherThanMain() throws Exception {
        origin.branch("feature").checkout("feature").write("feature.txt", "f").commit("Feature work");
        String featureCommit = origin.head();
        origin.checkout("main");

        SourceSnapshot snapshot = source.fetch(request(featureCommit, ""));

        assertThat(snapshot.commit().sha()).isEqualTo(featureCommit);
    }

    @Test
    void shouldResolveTagWhoseNameLooksLikeAnAbbreviatedSha() throws Exception {
        String tagged = origin.head();
        origin.tag("20240101").write("later.txt", "x").commit("Later");

        SourceSnapshot snapshot = source.fetch(request("20240101", ""));

        assertThat(snapshot.commit().sha()).isEqualTo(tagged);
    }

    @Test
    void shouldListFilesUnderThePathSortedAndRecursively() throws Exception {
        SourceSnapshot snapshot = source.fetch(request("main", "apps"));

        assertThat(snapshot.list("apps")).extracting(FileEntry::path).containsExactly(
                "apps/db/statefulset.yaml", "apps/web/deploy.yaml", "apps/web/service.yaml");
        assertThat(snapshot.list("apps/web")).extracting(FileEntry::path).containsExactly(
                "apps/web/deploy.yaml", "apps/web/service.yaml");
    }

    @Test
    void shouldReportUnknownBranchWithUrlAndAdvice() {
        SourceException failure = catchThrowableOfType(SourceException.class,
                () -> source.fetch(request("relase-1.2", "")));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.UNKNOWN_REVISION);
        assertThat(failure.url()).isEqualTo(origin.url());
        assertThat(failure).hasMessage(origin.url() + ": revision \"relase-1.2\" not found; check the branch or tag name");
    }

    @Test
    void shouldReportUnknownCommitSha() {
        SourceException failure = catchThrowableOfType(SourceException.class,
                () -> source.fetch(request("0123456789abcdef0123456789abcdef01234567", "")));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.UNKNOWN_REVISION);
        assertThat(failure).hasMessageStartingWith(origin.url()
                + ": commit \"0123456789abcdef0123456789abcdef01234567\" not found on any branch or tag;");
    }

    @Test
    void shouldReportMissingPathWithShortSha() {
        String shortSha = origin.head().substring(0, 7);

        SourceException failure = catchThrowableOfType(SourceException.class,
                () -> source.fetch(request("main", "apps/shop")));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.PATH_NOT_FOUND);
        assertThat(failure).hasMessageStartingWith(origin.url() + "@" + shortSha
                + ": path \"apps/shop\" does not exist at this commit; ");
    }

    @Test
    void shouldRefuseNameThatIsBothBranchAndTag() {
        origin.branch("prod").tag("prod");

        SourceException failure = catchThrowableOfType(SourceException.class, () -> source.fetch(request("prod", "")));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.INVALID_REQUEST);
        assertThat(failure).hasMessageContaining("is both a branch and a tag; use refs/heads/prod or refs/tags/prod");
    }

    @Test
    void shouldRejectPathLeavingTheRepository() {
        SourceException failure = catchThrowableOfType(SourceException.class,
                () -> source.fetch(request("main", "apps/../../etc")));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.INVALID_REQUEST);
        assertThat(failure).hasMessageContaining("path \"apps/../../etc\" contains \"..\"");
    }

    @Test
    void shouldRejectAbsolutePath() {
        SourceException failure = catchThrowableOfType(SourceException.class,
                () -> source.fetch(request("main", "/apps/web")));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.INVALID_REQUEST);
        assertThat(failure).hasMessageContaining("path \"/apps/web\" is absolute");
    }

    @Test
    void shouldRejectMalformedRevision() {
        SourceException failure = catchThrowableOfType(SourceException.class,
                () -> source.fetch(request("main..dev", "")));

        assertThat(failure.reason()).isEqualTo(SourceException.Reason.INVALID_REQUEST);
        assertThat(failure).hasMessageContaining("revision \"main..dev\" is not a valid branch, tag or commit name");
    }

    @Test
    void shouldNormalizeRequestedPath() throws Exception {
        SourceSnapshot snapshot = source.fetch(request("main", "./apps//web/"));

        assertThat(snapshot.path()).isEqualTo("apps/web");
    }

    @Test
    void shouldDescribeCommitMetadata() throws Exception {
        Instant authored = Instant.parse("2025-03-04T05:06:07Z");
        origin.author("Ann Example", "ann@example.com").authorDate(authored)
                .write("apps/web/deploy.yaml", "kind: Deployment\nimage: web:1.4\n")
                .commit("Bump web to 1.4\n\nRolled out by the pipeline.\n\nJenkins-Build: shop/web#42\nSigned-off-by: Ann <ann@example.com>\n");

        CommitInfo commit = source.fetch(request("main", "")).commit();

        assertThat(commit.sha()).isEqualTo(origin.head());
        assertThat(commit.abbreviatedSha()).isEqualTo(origin.head().substring(0, 7));
        assertThat(commit.authorName()).isEqualTo("Ann Example");
        assertThat(commit.authorEmail()).isEqualTo("ann@example.com");
        assertThat(commit.authorDate()).isEqualTo(authored);
        assertThat(commit.subject()).isEqualTo("Bump web to 1.4");
        assertThat(commit.message()).contains("Rolled out by the pipeline.");
        assertThat(commit.jenkinsBuild()).contains("shop/web#42");
    }

    @Test
    void shouldPickUpNewCommitOnNextFetch() throws Exception {
        source.fetch(request("main", ""));
        origin.write("apps/web/deploy.yaml", "kind: Deployment\nreplicas: 5\n").commit("Scale web to 5");

        SourceSnapshot snapshot = source.fetch(request("main", ""));

        assertThat(snapshot.commit().sha()).isEqualTo(origin.head());
        assertThat(new String(snapshot.read("apps/web/deploy.yaml"), StandardCharsets.UTF_8)).contains("replicas: 5");
    }

    @Test
    void shouldFollowForcePushedBranch() throws Exception {
        origin.branch("old-main");
        origin.write("wip.txt", "wip").commit("Work in progress");
        source.fetch(request("main", ""));
        RefUpdate rewind = origin.repository().updateRef("refs/heads/main");
        rewind.setNewObjectId(origin.repository().resolve("old-main"));
        rewind.setForceUpdate(true);
        rewind.forceUpdate();

        SourceSnapshot snapshot = source.fetch(request("main", ""));

        assertThat(snapshot.commit().sha()).isEqualTo(origin.resolve("old-main"));
    }

    private SourceRequest request(String revision, String path) {
        return SourceRequest.anonymous(origin.url(), revision, path);
    }
}
