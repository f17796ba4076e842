package io.jenkins.plugins.gitops.engine.view;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The recent history of one environment, check by check, for the chart on its page: how many objects were out of
 * sync and how many unhealthy, at which revision, and where a sync happened.
 *
 * <p>Bounded in two ways, so that an environment checked every minute for months costs a few kilobytes: a check
 * that saw exactly what the previous point saw (same revision, counts, statuses, both checks or both syncs) extends
 * that point, which keeps its first time and gains a later last time and a higher {@link TrendPoint#repeats()}; and
 * beyond {@link #capacity()} points the oldest are dropped. Points are in time order: one that claims to be older
 * than the latest is moved up to the latest's time (a clock set back must not reorder the series).
 *
 * <p>Immutable: {@link #append} returns a new trend, so pages read a trend while a check appends to it without any
 * lock. Stored as JSON ({@value #FORMAT}) by {@link #write} and {@link #read}; reading never throws: a file that is
 * not a trend reads as an empty one, with the problem said in {@link Loaded#problems()}.
 */
public final class DriftTrend {

    /** The format this class writes and reads. A new major version gets a new name. */
    public static final String FORMAT = "gitops-sync/trend/v1";

    /**
     * Points kept by default: with checks that change something every few minutes, several hours; with a stable
     * environment, months. 500 points are about 75 KB of JSON and a chart that still reads well.
     */
    public static final int DEFAULT_CAPACITY = 500;

    private final int capacity;
    private final List<TrendPoint> points;

    private DriftTrend(int capacity, List<TrendPoint> points) {
        this.capacity = capacity;
        this.points = List.copyOf(points);
    }

    /** A trend without points that keeps at most {@value #DEFAULT_CAPACITY}. */
    public static DriftTrend empty() {
        return empty(DEFAULT_CAPACITY);
    }

    /**
     * A trend without points that keeps at most {@code capacity}.
     *
     * @throws IllegalArgumentException when {@code capacity} is less than 1
     */
    public static DriftTrend empty(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("drift trend: a capacity of " + capacity + " points keeps nothing;"
                    + " use at least 1 (the default is " + DEFAULT_CAPACITY + ")");
        }
        return new DriftTrend(capacity, List.of());
    }

    /** The trend with {@code point} added: it extends the latest point when both saw the same, else it is added. */
    public DriftTrend append(TrendPoint point) {
        Objects.requireNonNull(point, "point");
        List<TrendPoint> next = new ArrayList<>(points);
        appendTo(next, point, capacity);
        return new DriftTrend(capacity, next);
    }

    /** The points, oldest first. */
    public List<TrendPoint> points() {
        return points;
    }

    /** The most points this trend keeps. */
    public int capacity() {
        return capacity;
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }

    /** The newest point; empty for an empty trend. */
    public Optional<TrendPoint> latest() {
        return points.isEmpty() ? Optional.empty() : Optional.of(points.get(points.size() - 1));
    }

    /**
     * The chart of the newest {@code lastPoints} points (all of them when there are fewer; none for 0 or less).
     * A point that stands for a run of checks gives two samples, at the first and at the last check of the run,
     * so that the chart shows when a state began and not only when it was last seen.
     */
    public TrendChart chart(int lastPoints) {
        if (lastPoints <= 0 || points.isEmpty()) {
            return TrendChart.empty();
        }
        List<String> labels = new ArrayList<>();
        List<Integer> outOfSync = new ArrayList<>();
        List<Integer> unhealthy = new ArrayList<>();
        List<String> revisions = new ArrayList<>();
        List<Boolean> syncs = new ArrayList<>();
        for (TrendPoint point : points.subList(Math.max(0, points.size() - lastPoints), points.size())) {
            List<Instant> times = point.last().isAfter(point.first()) ? List.of(point.first(), point.last())
                    : List.of(point.last());
            for (Instant time : times) {
                labels.add(TrendJson.label(time));
                outOfSync.add(point.outOfSync());
                unhealthy.add(point.unhealthy());
                revisions.add(point.revision());
                syncs.add(point.sync());
            }
        }
        return new TrendChart(labels, outOfSync, unhealthy, revisions, syncs);
    }

    /**
     * Writes the trend to {@code file}, creating its folder: first to a temporary file beside it, then moved over
     * {@code file}, so that a page or a crash never finds half a trend.
     *
     * @throws IOException when the folder or the file cannot be written; {@code file} is then unchanged
     */
    public void write(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path folder = absolute.getParent();
        if (folder == null) {
            throw new IOException(absolute + ": not a file; give the path of the trend file");
        }
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, nameOf(absolute) + ".", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                TrendJson.write(this, out);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** {@link #read(Path, int)} with the default capacity. */
    public static Loaded read(Path file) {
        return read(file, DEFAULT_CAPACITY);
    }

    /**
     * Reads the trend in {@code file}, keeping its newest {@code capacity} points. Never throws for what the file
     * holds: a missing file is an empty trend (the environment was never checked); an unreadable file, another
     * format or invalid JSON is an empty trend and a problem; points that cannot be read are left out, and a
     * problem says how many. Fields this version does not know are ignored.
     *
     * @throws IllegalArgumentException when {@code capacity} is less than 1
     */
    public static Loaded read(Path file, int capacity) {
        DriftTrend empty = empty(capacity);
        String name = nameOf(file);
        if (!Files.exists(file)) {
            return new Loaded(empty, List.of());
        }
        try (InputStream in = Files.newInputStream(file)) {
            return TrendJson.read(in, name, empty);
        } catch (NoSuchFileException e) {
            return new Loaded(empty, List.of()); // deleted since we looked: never checked, as far as we know
        } catch (IOException e) {
            return new Loaded(empty, List.of(name + ": could not be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); the trend starts again with the next check"));
        }
    }

    /** A trend of the same capacity with {@code loaded} appended in time order, as {@link #read} restores it. */
    DriftTrend restore(List<TrendPoint> loaded) {
        List<TrendPoint> sorted = new ArrayList<>(loaded);
        sorted.sort((a, b) -> a.first().compareTo(b.first()));
        List<TrendPoint> restored = new ArrayList<>();
        for (TrendPoint point : sorted) {
            appendTo(restored, point, capacity);
        }
        return new DriftTrend(capacity, restored);
    }

    private static void appendTo(List<TrendPoint> points, TrendPoint point, int capacity) {
        if (points.isEmpty()) {
            points.add(point);
            return;
        }
        int lastIndex = points.size() - 1;
        TrendPoint latest = points.get(lastIndex);
        TrendPoint next = point.notBefore(latest.last());
        if (latest.sameStateAs(next)) {
            points.set(lastIndex, latest.followedBy(next));
            return;
        }
        points.add(next);
        if (points.size() > capacity) {
            points.subList(0, points.size() - capacity).clear();
        }
    }

    private static String nameOf(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    @Override
    public String toString() {
        return "DriftTrend[" + points.size() + " of at most " + capacity + " points]";
    }

    /**
     * What {@link #read} found.
     *
     * @param trend the trend; empty when the file could not be read
     * @param problems what went wrong, one sentence each, starting with the file's name; empty when nothing did
     */
    public record Loaded(DriftTrend trend, List<String> problems) {

        public Loaded {
            Objects.requireNonNull(trend, "trend");
            problems = List.copyOf(problems);
        }

        public boolean hasProblems() {
            return !problems.isEmpty();
        }
    }
}
