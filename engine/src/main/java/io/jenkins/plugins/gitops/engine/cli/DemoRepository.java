package io.jenkins.plugins.gitops.engine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The demo's Git repository: the guestbook application of {@code examples/guestbook} (a ConfigMap, two
 * Deployments and two Services) in one folder, committed with JGit. Reached through a {@code file://}
 * URL, exactly as a remote repository would be.
 */
final class DemoRepository {

    /** The files, copies of {@code examples/guestbook} in this package's {@code demo/guestbook/} resources. */
    static final List<String> FILES = List.of("frontend.yaml", "redis.yaml", "settings.yaml");

    private static final String RESOURCES = "demo/guestbook/";

    private final Path directory;
    private final String commit;

    private DemoRepository(Path directory, String commit) {
        this.directory = directory;
        this.commit = commit;
    }

    /** Creates the repository in {@code directory}, with the guestbook in {@code folder}, and commits it. */
    static DemoRepository create(Path directory, String folder, String message) throws IOException {
        Path manifests = Files.createDirectories(directory.resolve(folder));
        for (String file : FILES) {
            Path target = manifests.resolve(file);
            try (InputStream content = DemoRepository.class.getResourceAsStream(RESOURCES + file)) {
                if (content == null) {
                    throw new IllegalStateException("the demo's resource " + RESOURCES + file + " is missing from the jar");
                }
                Files.copy(content, target);
            }
        }
        try (Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call()) {
            // The user's own Git settings (commit signing) must not break the demo.
            StoredConfig config = git.getRepository().getConfig();
            config.setBoolean("commit", null, "gpgSign", false);
            config.save();
            git.add().addFilepattern(".").call();
            PersonIdent author = new PersonIdent("GitOps Sync demo", "demo@example.com", Instant.now(), ZoneOffset.UTC);
            RevCommit commit = git.commit().setMessage(message).setAuthor(author).setCommitter(author).setSign(false)
                    .call();
            return new DemoRepository(directory, commit.abbreviate(7).name());
        } catch (GitAPIException e) {
            throw new IOException(directory + ": the demo repository could not be created (" + e.getMessage() + ")", e);
        }
    }

    /** The {@code file://} URL the commands read it from. */
    String url() {
        return directory.toUri().toString();
    }

    String abbreviatedCommit() {
        return commit;
    }
}
