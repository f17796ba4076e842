package io.jenkins.plugins.gitops.engine.chart;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Chart archives on disk, by digest ({@code <folder>/sha256/<hex>.tgz}), at most {@code maxBytes} together: when
 * a new archive makes the cache larger, the archives used longest ago go first. An archive is checked against its
 * digest whenever it is read, so a damaged or altered file is dropped and downloaded again, never rendered.
 * Several processes may share the folder: files are written under a temporary name and then moved in place.
 */
public final class ChartCache {

    private static final Logger LOGGER = Logger.getLogger(ChartCache.class.getName());
    private static final String DIGEST_PREFIX = "sha256:";

    private final Path folder;
    private final long maxBytes;

    /** @param maxBytes the most bytes the archives may take together, 256 MiB being a sensible bound */
    public ChartCache(Path folder, long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("chart cache " + folder + ": the size bound must be positive");
        }
        this.folder = folder.toAbsolutePath().resolve("sha256");
        this.maxBytes = maxBytes;
    }

    /** {@code sha256:<hex>} of {@code bytes}. */
    public static String digestOf(byte[] bytes) {
        try {
            return DIGEST_PREFIX + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The archive with {@code digest}, if the cache holds it intact. */
    Optional<byte[]> get(String digest) {
        Path file = file(digest);
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (!digestOf(bytes).equals(digest)) {
                LOGGER.warning("Chart cache: " + file + " does not match its digest; it is deleted and downloaded again");
                Files.deleteIfExists(file);
                return Optional.empty();
            }
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
            return Optional.of(bytes);
        } catch (IOException e) {
            LOGGER.log(Level.FINE, "Chart cache: cannot read " + file + "; it is downloaded again", e);
            return Optional.empty();
        }
    }

    /** Keeps {@code bytes} under its digest; a failure to write only costs a download next time. */
    void put(String digest, byte[] bytes) {
        Path file = file(digest);
        if (file == null || bytes.length > maxBytes) {
            return;
        }
        try {
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, "download-", ".part");
            Files.write(temporary, bytes);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            evictBeyondBound(file);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Chart cache: cannot write " + file + " (" + e + "); charts are downloaded each"
                    + " time until the folder is writable", e);
        }
    }

    private void evictBeyondBound(Path keep) throws IOException {
        List<Path> archives = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.tgz")) {
            files.forEach(archives::add);
        }
        long total = 0;
        for (Path archive : archives) {
            total += Files.size(archive);
        }
        archives.sort(Comparator.comparing(ChartCache::lastModified));
        for (Path archive : archives) {
            if (total <= maxBytes) {
                break;
            }
            if (!archive.equals(keep)) {
                total -= Files.size(archive);
                Files.deleteIfExists(archive);
            }
        }
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** The file of {@code digest}, or {@code null} when it is not a sha256 digest (nothing else is cached). */
    private Path file(String digest) {
        if (digest == null || !digest.matches("sha256:[0-9a-f]{64}")) {
            return null;
        }
        return folder.resolve(digest.substring(DIGEST_PREFIX.length()) + ".tgz");
    }
}
