package io.jenkins.plugins.gitops.engine.render;

/**
 * Bounds on what one render may read and produce, so that a mistaken or hostile repository cannot
 * exhaust the controller's memory, and a broken one does not flood the build log.
 *
 * @param maxFileBytes largest manifest file (or values file) read, in bytes; Kubernetes itself refuses
 *     objects above about 1.5 MiB, so a bigger file is almost always a mistake
 * @param maxTotalBytes the most bytes one render reads from manifest files, or takes from a tool's output
 * @param maxObjects the most objects one render may produce
 * @param maxProblems the most problems kept and reported for one failed render; the rest are counted
 * @param maxProcessMemoryBytes the most memory one rendering process (Kustomize, Helm) may use; on Linux the
 *     kernel stops it beyond that (its data segment, {@code ulimit -d}), and the Helm process's Java heap
 *     is a quarter of it. Elsewhere only the Helm process's heap is bounded.
 */
public record RenderLimits(long maxFileBytes, long maxTotalBytes, int maxObjects, int maxProblems,
        long maxProcessMemoryBytes) implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    public static final long MIB = 1024L * 1024L;

    public RenderLimits {
        if (maxFileBytes <= 0 || maxTotalBytes <= 0 || maxObjects <= 0 || maxProblems <= 0
                || maxProcessMemoryBytes <= 0) {
            throw new IllegalArgumentException("render limits must be positive");
        }
    }

    /** 5 MiB per file, 64 MiB per render, 10,000 objects, 50 problems, 1 GiB per rendering process. */
    public static RenderLimits defaults() {
        return new RenderLimits(5 * MIB, 64 * MIB, 10_000, 50, 1024 * MIB);
    }

    public RenderLimits withMaxFileBytes(long bytes) {
        return new RenderLimits(bytes, maxTotalBytes, maxObjects, maxProblems, maxProcessMemoryBytes);
    }

    public RenderLimits withMaxTotalBytes(long bytes) {
        return new RenderLimits(maxFileBytes, bytes, maxObjects, maxProblems, maxProcessMemoryBytes);
    }

    public RenderLimits withMaxObjects(int objects) {
        return new RenderLimits(maxFileBytes, maxTotalBytes, objects, maxProblems, maxProcessMemoryBytes);
    }

    public RenderLimits withMaxProblems(int problems) {
        return new RenderLimits(maxFileBytes, maxTotalBytes, maxObjects, problems, maxProcessMemoryBytes);
    }

    public RenderLimits withMaxProcessMemoryBytes(long bytes) {
        return new RenderLimits(maxFileBytes, maxTotalBytes, maxObjects, maxProblems, bytes);
    }

    /** A byte count for messages: "5 MiB", "1.5 KiB", "812 bytes". */
    static String describe(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        double value = bytes;
        String unit = "KiB";
        for (String next : new String[] {"MiB", "GiB"}) {
            if (value / 1024 < 1024) {
                break;
            }
            value /= 1024;
            unit = next;
        }
        value /= 1024;
        String number = Math.abs(value - Math.rint(value)) < 1e-9 ? String.valueOf((long) value)
                : String.format(java.util.Locale.ROOT, "%.1f", value);
        return number + " " + unit;
    }
}
