package io.jenkins.plugins.gitops.engine.chart;

import io.jenkins.plugins.gitops.engine.source.FileTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The files of an extracted chart, held in memory (bounded by {@link ArchiveLimits}): regular files only, at
 * checked paths, so that writing them anywhere stays inside the folder written to.
 */
public final class ChartFiles implements FileTree {

    private final String description;
    private final NavigableMap<String, byte[]> files;
    private Path materialized;

    ChartFiles(String description, Map<String, byte[]> files) {
        this.description = description;
        this.files = new TreeMap<>(files);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<FileEntry> list(String directory) throws IOException {
        if (!directory.isEmpty() && !isDirectory(directory)) {
            throw new NoSuchFileException(directory);
        }
        String prefix = directory.isEmpty() ? "" : directory + "/";
        List<FileEntry> entries = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.tailMap(prefix, true).entrySet()) {
            if (!file.getKey().startsWith(prefix)) {
                break;
            }
            entries.add(new FileEntry(file.getKey(), FileEntry.Type.FILE, file.getValue().length));
        }
        return entries;
    }

    @Override
    public boolean isDirectory(String path) {
        if (path.isEmpty()) {
            return true;
        }
        String key = files.ceilingKey(path + "/");
        return key != null && key.startsWith(path + "/");
    }

    @Override
    public byte[] read(String path) throws IOException {
        byte[] content = files.get(path);
        if (content == null) {
            throw new NoSuchFileException(path);
        }
        return content.clone();
    }

    /** Written once to a temporary folder and reused; {@link ChartOverlayTree} writes its own copy instead. */
    @Override
    public synchronized Path materialize() throws IOException {
        if (materialized == null) {
            Path folder = Files.createTempDirectory("gitops-chart-");
            writeTo(folder);
            materialized = folder;
        }
        return materialized;
    }

    /** Writes every file below {@code folder} (which must exist). */
    void writeTo(Path folder) throws IOException {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = folder.resolve(file.getKey()).normalize();
            if (!target.startsWith(folder)) {
                // Paths were checked on extraction; this guards the invariant, it cannot happen.
                throw new IOException("chart file " + file.getKey() + " leaves the folder " + folder);
            }
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
    }

    /** How many bytes the files hold together. */
    long size() {
        return files.values().stream().mapToLong(content -> content.length).sum();
    }
}
