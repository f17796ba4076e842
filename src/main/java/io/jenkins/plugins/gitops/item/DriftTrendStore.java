package io.jenkins.plugins.gitops.item;

import io.jenkins.plugins.gitops.engine.view.DriftTrend;
import io.jenkins.plugins.gitops.engine.view.TrendPoint;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The drift trend of an environment, kept as {@value #FILE} in its folder: one point per check or sync, with
 * repeated identical checks folded into one (the engine's {@link DriftTrend}), so a check every minute for months
 * stays a small file. The environment page draws it; nothing else reads it.
 */
final class DriftTrendStore {

    private static final Logger LOGGER = Logger.getLogger(DriftTrendStore.class.getName());

    static final String FILE = "gitops-trend.json";

    private final Path directory;
    private final Path file;
    private DriftTrend trend;

    DriftTrendStore(File environmentDir) {
        this.directory = environmentDir.toPath();
        this.file = directory.resolve(FILE);
    }

    /** Whether this store is the one of {@code environmentDir} (an environment renamed gets a new one). */
    boolean isIn(File environmentDir) {
        return directory.equals(environmentDir.toPath());
    }

    /** Adds the point of a check or sync and saves the trend; a failure to save is logged, not fatal. */
    synchronized void append(TrendPoint point) {
        trend = load().append(point);
        try {
            trend.write(file);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Cannot save the drift trend to " + file, e);
        }
    }

    /** The trend so far; empty before the first check, or when the file is damaged (logged once). */
    synchronized DriftTrend read() {
        return load();
    }

    private DriftTrend load() {
        if (trend == null) {
            DriftTrend.Loaded loaded = DriftTrend.read(file);
            if (loaded.hasProblems()) {
                LOGGER.warning(() -> "Drift trend " + file + " was partly unreadable and starts again: "
                        + String.join("; ", loaded.problems()));
            }
            trend = loaded.trend();
        }
        return trend;
    }
}
