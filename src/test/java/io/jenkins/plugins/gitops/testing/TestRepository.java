package io.jenkins.plugins.gitops.testing;

import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A Git repository on the test's disk with branch {@code main} (bare, as a Git server holds it, so that
 * {@code gitopsSetImage} can push to it), changed the way a user would: write files in a clone, commit, push.
 * Environments read it as a local repository, which tests allow with {@code LocalRepositories.ALLOW_PROPERTY}.
 */
public final class TestRepository implements AutoCloseable {

    private final Path origin;
    private final Path work;
    private final Git git;

    private TestRepository(Path origin, Path work, Git git) {
        this.origin = origin;
        this.work = work;
        this.git = git;
    }

    public static TestRepository init(Path directory) throws GitAPIException {
        Path origin = directory.resolve("origin.git");
        Path work = directory.resolve("work");
        Git.init().setBare(true).setDirectory(origin.toFile()).setInitialBranch("main").call().close();
        Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
        try {
            git.remoteAdd().setName("origin").setUri(new URIish(origin.toUri().toURL()))
                    .call();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        return new TestRepository(origin, work, git);
    }

    /** The URL an environment is configured with. */
    public String url() {
        return origin.toUri().toString();
    }

    public TestRepository write(String path, String content) throws IOException {
        Path file = work.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return this;
    }

    /** Deletes a file of the clone; the next {@link #commit} records it. */
    public TestRepository delete(String path) throws IOException {
        Files.delete(work.resolve(path));
        return this;
    }

    public String read(String path) throws IOException {
        return Files.readString(work.resolve(path), StandardCharsets.UTF_8);
    }

    /** Commits every change of the clone, pushes it to {@code main} and returns the commit's SHA. */
    public String commit(String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        PersonIdent author = new PersonIdent("Test Author", "author@example.com");
        String sha = git.commit().setMessage(message).setAuthor(author).setCommitter(author).call().getName();
        git.push().setRemote("origin").add("main").call();
        return sha;
    }

    /** The newest commit of {@code main} on the server side (after a Pipeline pushed to it). */
    public String head() throws IOException {
        try (Repository server = openOrigin()) {
            return server.resolve("refs/heads/main").getName();
        }
    }

    /** The full message of the newest commit of {@code main} on the server side. */
    public String headMessage() throws IOException {
        try (Repository server = openOrigin(); RevWalk walk = new RevWalk(server)) {
            return walk.parseCommit(server.resolve("refs/heads/main")).getFullMessage();
        }
    }

    /** A file of {@code main}'s newest commit on the server side. */
    public String readAtHead(String path) throws IOException {
        try (Repository server = openOrigin(); RevWalk walk = new RevWalk(server)) {
            RevCommit head = walk.parseCommit(server.resolve("refs/heads/main"));
            try (TreeWalk file = TreeWalk.forPath(server, path, head.getTree())) {
                return new String(server.open(file.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private Repository openOrigin() throws IOException {
        return new FileRepositoryBuilder().setGitDir(origin.toFile()).setMustExist(true).build();
    }

    /** A ConfigMap manifest. */
    public static String configMap(String name, String key, String value) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                data:
                  %s: "%s"
                """.formatted(name, key, value);
    }

    @Override
    public void close() {
        git.close();
    }
}
