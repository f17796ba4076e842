package io.jenkins.plugins.gitops.engine.source;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * One bare repository of the cache and the locks that guard its updates. Created and opened on first
 * use; updated by one thread of one process at a time; read by anyone at any time.
 *
 * <p>It also remembers which credentials the server let read this repository since the cache opened it,
 * as {@link CredentialFingerprint fingerprints} in memory only: a commit already in the cache is served
 * without a request only to those credentials. A fingerprint is added when a conversation with the server
 * succeeds and dropped when the server refuses it.
 */
final class CachedRepository implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(CachedRepository.class.getName());

    /** How long to wait before asking again for a file lock held by another cache in this JVM. */
    private static final long LOCK_RETRY_MILLIS = 10;

    private final RepositoryUrl url;
    private final Path gitDir;
    private final Path lockFile;
    private final Path temporaryDirectory;
    private final CredentialFingerprint fingerprint;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();
    private final ReentrantLock threadLock = new ReentrantLock();
    private final Object openLock = new Object();
    private Repository repository;

    CachedRepository(RepositoryUrl url, Path gitDir, Path lockFile, Path temporaryDirectory,
            CredentialFingerprint fingerprint) {
        this.url = url;
        this.gitDir = gitDir;
        this.lockFile = lockFile;
        this.temporaryDirectory = temporaryDirectory;
        this.fingerprint = fingerprint;
    }

    /** Work done on the repository while holding its update lock. */
    @FunctionalInterface
    interface Update<T> {
        T apply(Repository repository) throws IOException;
    }

    Path directory() {
        return gitDir;
    }

    /** Whether the server let these credentials read the repository since the cache opened it. */
    boolean admits(GitCredentials credentials) {
        return admitted.contains(fingerprint.of(credentials));
    }

    /** Records that the server let these credentials read the repository. */
    void admit(GitCredentials credentials) {
        admitted.add(fingerprint.of(credentials));
    }

    /** Forgets these credentials: the server refused them (revoked, or never valid). */
    void refuse(GitCredentials credentials) {
        if (admitted.remove(fingerprint.of(credentials))) {
            LOGGER.fine(() -> "The server of " + url + " refused credentials it accepted before");
        }
    }

    /**
     * The repository for reading, or {@code null} when nothing was ever fetched into it. Needs no lock:
     * a repository directory only appears complete (see {@link #create()}).
     */
    Repository repositoryIfPresent() throws IOException {
        synchronized (openLock) {
            if (repository == null && Files.isDirectory(gitDir)) {
                repository = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
            }
            return repository;
        }
    }

    /**
     * Runs {@code update} while no other thread of this JVM and no other process updates the repository;
     * creates the repository first if needed.
     */
    <T> T update(Update<T> update) throws IOException {
        threadLock.lock();
        try {
            Files.createDirectories(Folders.parentOf(lockFile));
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = lockAgainstOtherProcesses(channel);
                try {
                    if (!Files.isDirectory(gitDir)) {
                        create();
                    }
                    Repository opened = repositoryIfPresent();
                    T result = update.apply(opened);
                    PackCompaction.compactIfNeeded(opened, PackCompaction.DEFAULT_MAX_PACKS);
                    return result;
                } finally {
                    lock.release();
                }
            }
        } finally {
            threadLock.unlock();
        }
    }

    private FileLock lockAgainstOtherProcesses(FileChannel channel) throws IOException {
        while (true) {
            try {
                return channel.lock();
            } catch (OverlappingFileLockException sameJvm) {
                // Another RepositoryCache on the same root in this JVM holds it; Java reports that
                // instead of blocking, so wait here the way another process would wait in lock().
                try {
                    Thread.sleep(LOCK_RETRY_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the lock on " + lockFile);
                }
            }
        }
    }

    /** Initializes the bare repository in a temporary folder and renames it into place, so it appears complete. */
    private void create() throws IOException {
        Files.createDirectories(temporaryDirectory);
        Files.createDirectories(Folders.parentOf(gitDir));
        Path staging = Files.createTempDirectory(temporaryDirectory, gitDir.getFileName() + "-");
        try (Git git = Git.init().setBare(true).setDirectory(staging.toFile()).call()) {
            StoredConfig config = git.getRepository().getConfig();
            // Protocol v2 needs two HTTP requests (capabilities, then ls-refs) before it knows whether
            // anything changed; v0 advertises the refs in its first response, so an unchanged remote
            // costs one request.
            config.setString(ConfigConstants.CONFIG_PROTOCOL_SECTION, null, ConfigConstants.CONFIG_KEY_VERSION, "0");
            // No automatic gc: JGit would run it in the background, outside our lock, while other
            // threads and processes read the packs.
            config.setInt(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTO, 0);
            config.setInt(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOPACKLIMIT, 0);
            // When PackCompaction repacks, drop the old packs at once (JGit keeps them an hour by default);
            // a reader that still wants one finds the new pack, as it would after a "git gc".
            config.setString(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_PRUNEPACKEXPIRE, "now");
            config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_LOGALLREFUPDATES, false);
            // For operators looking into the cache: which repository this is (never with credentials).
            config.setString("gitops", null, "url", url.redacted());
            config.save();
        } catch (GitAPIException e) {
            throw new IOException("cannot create a bare repository in " + staging + ": " + e.getMessage(), e);
        }
        try {
            Files.move(staging, gitDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            Folders.deleteRecursively(staging);
            throw e;
        }
        LOGGER.fine(() -> "Created repository cache " + gitDir + " for " + url);
    }

    @Override
    public void close() {
        synchronized (openLock) {
            if (repository != null) {
                repository.close();
                repository = null;
            }
        }
    }

    @Override
    public String toString() {
        return gitDir.toString();
    }
}
