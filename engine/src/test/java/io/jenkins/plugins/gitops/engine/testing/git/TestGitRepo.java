package io.jenkins.plugins.gitops.engine.testing.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;

/**
 * A real Git repository for tests, built in a few readable lines:
 *
 * <pre>{@code
 * TestGitRepo repo = TestGitRepo.in(tempDir)
 *         .write("apps/web/deploy.yaml", "kind: Deployment ...")
 *         .commit("Add web");
 * String url = repo.url();          // file:// URL, or serve repo.repository() through GitHttpTestServer
 * String sha = repo.head();
 * repo.tag("v1").branch("release").checkout("release").write(...).commit("Hotfix");
 * }</pre>
 *
 * <p>The repository has a working tree at the given folder and starts on branch {@code main}. Each
 * {@code commit} records every change of the working tree (new, changed and deleted files). Settings of
 * the user's own Git configuration that would change results (signing, line endings) are switched off.
 * Methods throw unchecked exceptions so tests stay short.
 */
public final class TestGitRepo implements AutoCloseable {

    /** The branch a new repository starts on. */
    public static final String MAIN = "main";

    private final Git git;
    private final Path directory;
    private String authorName = "Test Author";
    private String authorEmail = "author@example.com";
    private Instant authorDate;

    private TestGitRepo(Git git, Path directory) {
        this.git = git;
        this.directory = directory;
    }

    /** Creates an empty repository (on branch {@code main}) in {@code directory}, which may exist but must be empty. */
    public static TestGitRepo in(Path directory) {
        try {
            Files.createDirectories(directory);
            Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch(MAIN).call();
            StoredConfig config = git.getRepository().getConfig();
            config.setBoolean("commit", null, "gpgSign", false);
            config.setBoolean("tag", null, "gpgSign", false);
            config.setString("core", null, "autocrlf", "false");
            config.setBoolean("core", null, "symlinks", true);
            config.save();
            return new TestGitRepo(git, directory.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a file (creating its folders) in the working tree; {@link #commit} records it. */
    public TestGitRepo write(String path, String content) {
        return write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public TestGitRepo write(String path, byte[] content) {
        try {
            Path file = file(path);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes an executable file (mode 100755). */
    public TestGitRepo writeExecutable(String path, String content) {
        write(path, content);
        try {
            Files.setPosixFilePermissions(file(path), PosixFilePermissions.fromString("rwxr-xr-x"));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a symbolic link {@code path} pointing to {@code target} (relative to the link's folder, as Git stores it). */
    public TestGitRepo symlink(String path, String target) {
        try {
            Path link = file(path);
            Files.createDirectories(link.getParent());
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Paths.get(target));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a file or a whole folder from the working tree. */
    public TestGitRepo delete(String path) {
        try (Stream<Path> files = Files.walk(file(path))) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies a folder of test resources (from the test class path, e.g. {@code "sync/crd-and-cr"}) into the
     * repository root, keeping its structure.
     */
    public TestGitRepo copy(String resourceFolder) {
        URL resource = TestGitRepo.class.getClassLoader().getResource(resourceFolder);
        if (resource == null) {
            throw new IllegalArgumentException("no test resource folder " + resourceFolder);
        }
        try {
            Path source = Paths.get(resource.toURI());
            try (Stream<Path> files = Files.walk(source)) {
                for (Path from : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    write(source.relativize(from).toString().replace('\\', '/'), Files.readAllBytes(from));
                }
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The author of the following commits. */
    public TestGitRepo author(String name, String email) {
        this.authorName = name;
        this.authorEmail = email;
        return this;
    }

    /** The author date of the following commits (UTC); by default, the current time. */
    public TestGitRepo authorDate(Instant date) {
        this.authorDate = date;
        return this;
    }

    /** Commits every change of the working tree on the current branch. */
    public TestGitRepo commit(String message) {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            PersonIdent author = new PersonIdent(authorName, authorEmail,
                    authorDate == null ? Instant.now() : authorDate, ZoneOffset.UTC);
            git.commit().setMessage(message).setAuthor(author).setCommitter(author).setAllowEmpty(true)
                    .setSign(false).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a lightweight tag at the current commit. */
    public TestGitRepo tag(String name) {
        try {
            git.tag().setName(name).setAnnotated(false).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates an annotated tag (a tag object with a message) at the current commit. */
    public TestGitRepo annotatedTag(String name, String message) {
        try {
            git.tag().setName(name).setAnnotated(true).setMessage(message).setSigned(false)
                    .setTagger(new PersonIdent(authorName, authorEmail)).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a branch at the current commit, without switching to it. */
    public TestGitRepo branch(String name) {
        try {
            git.branchCreate().setName(name).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Switches to an existing branch (the working tree follows). */
    public TestGitRepo checkout(String branch) {
        try {
            git.checkout().setName(branch).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The full SHA of the current commit. */
    public String head() {
        try {
            ObjectId head = git.getRepository().resolve("HEAD");
            if (head == null) {
                throw new IllegalStateException("nothing committed yet");
            }
            return head.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The full SHA a branch or tag points to (for an annotated tag, the tag's commit). */
    public String resolve(String revision) {
        try {
            ObjectId id = git.getRepository().resolve(revision + "^{commit}");
            if (id == null) {
                throw new IllegalArgumentException("no revision " + revision);
            }
            return id.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code file://} URL of this repository, for the engine's file transport. */
    public String url() {
        return directory.toUri().toString();
    }

    public Path directory() {
        return directory;
    }

    /** The JGit repository, e.g. to serve it with {@link GitHttpTestServer} or {@link GitSshTestServer}. */
    public Repository repository() {
        return git.getRepository();
    }

    @Override
    public void close() {
        git.close();
    }

    private Path file(String path) {
        return directory.resolve(path);
    }
}
