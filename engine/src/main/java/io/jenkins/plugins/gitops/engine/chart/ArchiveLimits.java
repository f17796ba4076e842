package io.jenkins.plugins.gitops.engine.chart;

/**
 * Bounds on a chart archive, against mistakes and hostile repositories (a gzip bomb, millions of files). The
 * defaults follow Helm's own ({@code MaxDecompressedFileSize} 5 MiB; a chart archive is rarely above 1 MiB).
 *
 * @param maxArchiveBytes the largest archive (.tgz) downloaded
 * @param maxUnpackedBytes the most bytes all files of the archive may hold together, once unpacked
 * @param maxFileBytes the largest single file
 * @param maxFiles the most files
 */
public record ArchiveLimits(long maxArchiveBytes, long maxUnpackedBytes, long maxFileBytes, int maxFiles) {

    public ArchiveLimits {
        if (maxArchiveBytes <= 0 || maxUnpackedBytes <= 0 || maxFileBytes <= 0 || maxFiles <= 0) {
            throw new IllegalArgumentException("archive limits must be positive: " + maxArchiveBytes + ", "
                    + maxUnpackedBytes + ", " + maxFileBytes + ", " + maxFiles);
        }
    }

    /** 20 MiB archive, 64 MiB unpacked, 5 MiB per file, 10,000 files. */
    public static ArchiveLimits defaults() {
        return new ArchiveLimits(20L << 20, 64L << 20, 5L << 20, 10_000);
    }
}
