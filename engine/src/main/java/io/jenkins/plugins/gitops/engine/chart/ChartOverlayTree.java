package io.jenkins.plugins.gitops.engine.chart;

import io.jenkins.plugins.gitops.engine.source.FileTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The environment's files (a Git commit or a folder) with a chart from a repository laid over them at
 * {@code @charts/<chart name>}, so that the Helm renderer, unchanged, renders the chart with values files from Git:
 * the chart is the folder to render, and values files keep their repository paths. Rendered objects name their
 * template as {@code @charts/podinfo/templates/deployment.yaml}. The {@code @charts} folder of the repository, if it
 * has one, is hidden by the overlay.
 *
 * <p>{@link #materialize()} writes a folder holding links to the top-level entries of the base's folder and a real
 * copy of the chart; it is kept under the work folder, by the base folder and the chart's digest, and reused.
 */
public final class ChartOverlayTree implements FileTree {

    /** The folder that holds charts from repositories; '@' keeps it apart from any usual repository folder. */
    public static final String CHARTS_FOLDER = "@charts";
    /** How many materialized overlays the work folder keeps; the ones used longest ago go first. */
    static final int MAX_KEPT_TREES = 16;
    private static final Logger LOGGER = Logger.getLogger(ChartOverlayTree.class.getName());

    private final FileTree base;
    private final ResolvedChart chart;
    private final String chartPath;
    private final Path workFolder;
    private Path materialized;

    /** @param workFolder where materialized overlays are kept (the chart cache's folder suits) */
    public ChartOverlayTree(FileTree base, ResolvedChart chart, Path workFolder) {
        this.base = Objects.requireNonNull(base, "base");
        this.chart = Objects.requireNonNull(chart, "chart");
        this.workFolder = workFolder.toAbsolutePath();
        this.chartPath = CHARTS_FOLDER + "/" + chart.reference().chartName();
    }

    /** The folder of the chart in this tree: what to render. */
    public String chartPath() {
        return chartPath;
    }

    public ResolvedChart chart() {
        return chart;
    }

    @Override
    public String description() {
        return base.description() + " with chart " + chart.describe();
    }

    @Override
    public List<FileEntry> list(String directory) throws IOException {
        if (isInChart(directory)) {
            List<FileEntry> entries = new ArrayList<>();
            for (FileEntry entry : chart.files().list(relative(directory))) {
                entries.add(new FileEntry(chartPath + "/" + entry.path(), entry.type(), entry.size()));
            }
            return entries;
        }
        if (directory.equals(CHARTS_FOLDER)) {
            return list(chartPath);
        }
        List<FileEntry> entries = new ArrayList<>();
        for (FileEntry entry : base.list(directory)) {
            if (!isReserved(entry.path())) {
                entries.add(entry);
            }
        }
        if (directory.isEmpty()) {
            entries.addAll(list(chartPath));
            entries.sort(Comparator.comparing(FileEntry::path));
        }
        return entries;
    }

    @Override
    public boolean isDirectory(String path) throws IOException {
        if (path.equals(CHARTS_FOLDER)) {
            return true;
        }
        if (isInChart(path)) {
            return chart.files().isDirectory(relative(path));
        }
        return !isReserved(path) && base.isDirectory(path);
    }

    @Override
    public byte[] read(String path) throws IOException {
        if (isInChart(path)) {
            return chart.files().read(relative(path));
        }
        if (isReserved(path)) {
            throw new NoSuchFileException(path);
        }
        return base.read(path);
    }

    @Override
    public synchronized Path materialize() throws IOException {
        if (materialized != null && Files.isDirectory(materialized)) {
            return materialized;
        }
        Path baseFolder = base.materialize().toAbsolutePath();
        Path trees = workFolder.resolve("trees");
        Files.createDirectories(trees);
        String key = ChartCache.digestOf((baseFolder + "\n" + chart.digest() + "\n" + chartPath)
                .getBytes(StandardCharsets.UTF_8)).substring("sha256:".length(), "sha256:".length() + 32);
        Path folder = trees.resolve(key);
        if (!Files.isDirectory(folder)) {
            Path building = Files.createTempDirectory(trees, "building-");
            try (Stream<Path> entries = Files.list(baseFolder)) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    String name = entry.getFileName().toString();
                    if (!name.equals(CHARTS_FOLDER) && !name.equals(".git")) {
                        Files.createSymbolicLink(building.resolve(name), entry);
                    }
                }
            }
            Path chartFolder = building.resolve(CHARTS_FOLDER).resolve(chart.reference().chartName());
            Files.createDirectories(chartFolder);
            chart.files().writeTo(chartFolder);
            try {
                Files.move(building, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // Another run built the same tree meanwhile (same commit, same chart): theirs is as good.
                deleteRecursively(building);
            } catch (IOException e) {
                if (!Files.isDirectory(folder)) {
                    throw e;
                }
                deleteRecursively(building);
            }
        }
        Files.setLastModifiedTime(folder, FileTime.from(Instant.now()));
        evictOldTrees(trees, folder);
        materialized = folder;
        return folder;
    }

    private boolean isInChart(String path) {
        return path.equals(chartPath) || path.startsWith(chartPath + "/");
    }

    private static boolean isReserved(String path) {
        return path.equals(CHARTS_FOLDER) || path.startsWith(CHARTS_FOLDER + "/");
    }

    private String relative(String path) {
        return path.equals(chartPath) ? "" : path.substring(chartPath.length() + 1);
    }

    private static void evictOldTrees(Path trees, Path keep) {
        List<Path> folders = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(trees)) {
            entries.forEach(folders::add);
        } catch (IOException e) {
            return;
        }
        folders.removeIf(folder -> folder.getFileName().toString().startsWith("building-"));
        if (folders.size() <= MAX_KEPT_TREES) {
            return;
        }
        folders.sort(Comparator.comparing(ChartOverlayTree::lastModified));
        for (Path folder : folders.subList(0, folders.size() - MAX_KEPT_TREES)) {
            if (!folder.equals(keep)) {
                deleteRecursively(folder);
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

    /** Deletes links as links: never what they point to. */
    private static void deleteRecursively(Path folder) {
        try (Stream<Path> entries = Files.walk(folder)) {
            for (Path entry : (Iterable<Path>) entries.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(entry);
            }
        } catch (IOException e) {
            LOGGER.log(Level.FINE, "Could not delete " + folder, e);
        }
    }
}
