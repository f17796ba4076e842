package io.jenkins.plugins.gitops.engine.cli;

import io.jenkins.plugins.gitops.engine.source.GitSource;
import io.jenkins.plugins.gitops.engine.source.LocalDirectoryTree;
import io.jenkins.plugins.gitops.engine.source.RepositoryCache;
import io.jenkins.plugins.gitops.engine.source.SourceException;
import io.jenkins.plugins.gitops.engine.source.SourceRequest;
import io.jenkins.plugins.gitops.engine.source.SourceSnapshot;
import io.jenkins.plugins.gitops.engine.source.UrlRedaction;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * Where the manifests come from: a Git repository ({@code --repo}, {@code --revision}, {@code --path})
 * or a local folder (the command's {@code <dir>} argument, which the command passes in).
 */
final class SourceOptions {


    @Option(names = "--repo", paramLabel = "<url>",
            description = "Git repository: https://, ssh://, git@host:path or file:// URL (instead of <dir>).")
    String repository;

    @Option(names = "--revision", paramLabel = "<rev>",
            description = "Branch, tag or commit of --repo (default: the remote's default branch, HEAD).")
    String revision;

    @Option(names = "--path", paramLabel = "<path>",
            description = "Folder inside the repository (or <dir>) to render (default: its root).")
    String path;

    @Option(names = "--cache-dir", paramLabel = "<dir>",
            description = "Where Git repositories are cached between runs (default: $XDG_CACHE_HOME/gitops-sync"
                    + " or ~/.cache/gitops-sync).")
    Path cacheDirectory;

    /**
     * Reads the files: fetches the revision into the cache, or opens the folder.
     *
     * @param directory the command's {@code <dir>} argument, or {@code null}
     * @param credentials how to log in to the Git server
     * @param environment the process environment (password variables, {@code XDG_CACHE_HOME})
     * @param progress told what is being fetched, for the spinner
     * @throws CommandException when neither or both sources are given, or the folder does not exist
     * @throws SourceException when Git fails (unknown revision, authentication, network)
     */
    LoadedSource open(Path directory, GitCredentialOptions credentials, Function<String, String> environment,
            Consumer<String> progress) throws SourceException {
        requireOneSource(directory);
        String folder = path == null ? "" : path.strip();
        if (repository == null) {
            if (revision != null) {
                throw new CommandException("--revision " + revision + ": applies to --repo only; a folder has no"
                        + " revisions");
            }
            return new LoadedSource(localTree(directory), folder, directory.toAbsolutePath().normalize().toString(),
                    null, null, prefixOf(directory), null);
        }
        RepositoryCache cache = new RepositoryCache(cacheDirectory(environment));
        try {
            String rev = revision == null ? "HEAD" : revision;
            progress.accept("Fetching " + UrlRedaction.redact(repository) + " (" + rev + ")");
            SourceSnapshot snapshot = new GitSource(cache).fetch(
                    new SourceRequest(repository, credentials.resolve(environment), rev, folder));
            return new LoadedSource(snapshot, snapshot.path(), snapshot.url(), rev, snapshot.commit(), "", cache);
        } catch (SourceException | RuntimeException e) {
            cache.close();
            throw e;
        }
    }

    /**
     * The environment's identity when {@code --environment} is not given: the repository's name and the
     * path ({@code shop/apps/web}), or the folder's name, so that repeated runs over the same source
     * recognise the objects they applied.
     */
    String defaultEnvironmentId(Path directory) {
        requireOneSource(directory);
        String folder = path == null ? "" : path.strip().replaceAll("^/+|/+$", "");
        if (repository != null) {
            // The query and fragment may hold a token: never part of a name that is written to the cluster.
            String name = repository.strip().replaceAll("[?#].*$", "").replaceAll("/+$", "").replaceAll("\\.git$", "");
            name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf(':')) + 1);
            return folder.isEmpty() ? name : name + "/" + folder;
        }
        Path name = directory.toAbsolutePath().normalize().getFileName();
        String folderName = name == null ? "root" : name.toString();
        return folder.isEmpty() ? folderName : folderName + "/" + folder;
    }

    private void requireOneSource(Path directory) {
        if (repository == null && directory == null) {
            throw new CommandException("no manifests to read: give a folder (<dir>) or a Git repository (--repo <url>)");
        }
        if (repository != null && directory != null) {
            throw new CommandException("<dir> " + directory + " and --repo " + UrlRedaction.redact(repository)
                    + ": give one of them, not both");
        }
    }

    private static LocalDirectoryTree localTree(Path directory) {
        try {
            return new LocalDirectoryTree(directory);
        } catch (NoSuchFileException e) {
            throw new CommandException(directory + ": no such folder; check the path", e);
        } catch (NotDirectoryException e) {
            throw new CommandException(directory + ": is a file, not a folder; give the folder that holds it"
                    + " (and --path <file> to render only that file)", e);
        } catch (IOException e) {
            throw new CommandException(directory + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** The folder as typed, with a trailing '/': {@code examples/web/} + {@code deploy.yaml:12}. */
    private static String prefixOf(Path directory) {
        String typed = directory.toString();
        if (typed.isEmpty() || typed.equals(".")) {
            return "";
        }
        return typed.endsWith("/") ? typed : typed + "/";
    }

    Path cacheDirectory(Function<String, String> environment) {
        if (cacheDirectory != null) {
            return cacheDirectory;
        }
        String xdg = environment.apply("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache");
        return base.resolve("gitops-sync");
    }
}
