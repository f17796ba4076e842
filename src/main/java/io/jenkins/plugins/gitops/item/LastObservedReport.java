package io.jenkins.plugins.gitops.item;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.gitops.engine.report.ReportJson;
import io.jenkins.plugins.gitops.engine.report.SyncReport;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's report of the last check or sync of an environment, kept as {@value #FILE} in the
 * environment's folder: the environment page shows its current drift from it, without asking Git or the
 * cluster while the page renders. A check that records no build still replaces it, so the page is as fresh
 * as the last check.
 *
 * <p>Read when a page asks and then held softly; written atomically (a page never reads half a file).
 */
final class LastObservedReport {

    private static final Logger LOGGER = Logger.getLogger(LastObservedReport.class.getName());

    static final String FILE = "gitops-last-report.json";

    private final File directory;
    private final File file;
    private SoftReference<SyncReport> cached = new SoftReference<>(null);
    private long cachedModified;

    LastObservedReport(File environmentDir) {
        this.directory = environmentDir;
        this.file = new File(environmentDir, FILE);
    }

    /** Whether this store is the one of {@code environmentDir} (an environment renamed gets a new one). */
    boolean isIn(File environmentDir) {
        return directory.equals(environmentDir);
    }

    /** Replaces the report; a failure is logged, the page then shows the previous one. */
    synchronized void write(SyncReport report) {
        Path target = file.toPath();
        try {
            Files.createDirectories(directory.toPath());
            Path temporary = Files.createTempFile(directory.toPath(), FILE, ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(temporary)) {
                    ReportJson.write(report, out);
                }
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
            cached = new SoftReference<>(report);
            cachedModified = file.lastModified();
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Cannot save the last report of the environment to " + file, e);
        }
    }

    /** The last report, or {@code null} when there is none yet or it cannot be read (logged). */
    @CheckForNull
    synchronized SyncReport read() {
        if (!file.isFile()) {
            return null;
        }
        SyncReport report = cached.get();
        if (report != null && cachedModified == file.lastModified()) {
            return report;
        }
        try (InputStream in = Files.newInputStream(file.toPath())) {
            report = ReportJson.read(in);
            cached = new SoftReference<>(report);
            cachedModified = file.lastModified();
            return report;
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Cannot read the last report of the environment from " + file, e);
            return null;
        }
    }
}
