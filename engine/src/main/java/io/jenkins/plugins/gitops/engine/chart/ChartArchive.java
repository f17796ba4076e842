package io.jenkins.plugins.gitops.engine.chart;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Extracts a chart archive (a gzipped tar, as {@code helm package} writes it) with our own reader, since the
 * archive comes from a repository we do not control: only regular files are taken (folders are implied); a
 * symbolic or hard link, a device or a FIFO, an absolute path, a {@code ..} segment, a duplicate path or a file
 * outside the chart's one top folder is refused, and the limits of {@link ArchiveLimits} are checked while reading,
 * before anything is kept. The top folder ({@code podinfo/}) is taken off: the result holds the chart's content.
 *
 * <p>Reads ustar headers with PAX ({@code x}) and GNU ({@code L}) long names, which Go's archive/tar (Helm)
 * writes for long paths.
 */
final class ChartArchive {

    private static final int BLOCK = 512;

    private ChartArchive() {
    }

    /** A refused or unreadable archive; the message says what is wrong with it, without the repository. */
    static final class ArchiveException extends IOException {
        ArchiveException(String message) {
            super(message);
        }
    }

    /**
     * @param description for the tree's messages: the chart, its version and repository
     * @throws ArchiveException when the archive is not a gzipped tar, is cut short, breaks a limit or holds an
     *     entry this reader refuses
     */
    static ChartFiles extract(byte[] archive, ArchiveLimits limits, String description) throws ArchiveException {
        if (archive.length > limits.maxArchiveBytes()) {
            throw new ArchiveException("the archive has " + archive.length + " bytes, more than the limit of "
                    + limits.maxArchiveBytes());
        }
        try (InputStream in = new BoundedStream(new GZIPInputStream(new ByteArrayInputStream(archive)),
                limits.maxUnpackedBytes() + 2L * BLOCK * (limits.maxFiles() + 2L))) {
            return new ChartFiles(description, read(in, limits));
        } catch (ArchiveException e) {
            throw e;
        } catch (ZipException e) {
            throw new ArchiveException("the archive is not gzip-compressed (" + e.getMessage() + "); a chart archive"
                    + " is a .tgz as 'helm package' writes it");
        } catch (EOFException e) {
            throw new ArchiveException("the archive is cut short");
        } catch (IOException e) {
            throw new ArchiveException("the archive cannot be read (" + e.getMessage() + ")");
        }
    }

    private static Map<String, byte[]> read(InputStream in, ArchiveLimits limits) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        String topFolder = null;
        long unpacked = 0;
        String longName = null;
        byte[] header = new byte[BLOCK];
        while (true) {
            if (!readBlock(in, header)) {
                break; // end of the stream without the two zero blocks: accepted, as Go's reader does
            }
            if (isZero(header)) {
                break;
            }
            checkChecksum(header);
            char type = (char) header[156];
            long size = size(header);
            String name = longName != null ? longName : name(header);
            longName = null;
            switch (type) {
                case 'x' -> {
                    Map<String, String> pax = pax(readContent(in, size, limits.maxFileBytes(), "PAX header"));
                    longName = pax.get("path");
                    if (pax.containsKey("size")) {
                        throw new ArchiveException("a PAX header gives a size, which this reader does not accept;"
                                + " package the chart with 'helm package'");
                    }
                    continue;
                }
                case 'g' -> {
                    readContent(in, size, limits.maxFileBytes(), "global header");
                    continue;
                }
                case 'L' -> {
                    longName = trimNul(new String(readContent(in, size, 4096, "long name"), StandardCharsets.UTF_8));
                    continue;
                }
                case '5' -> {
                    skip(in, size);
                    continue;
                }
                case '0', '\0', '7' -> {
                    // a regular file: checked below
                }
                case '1', '2' -> throw new ArchiveException("'" + name + "' is a " + (type == '1' ? "hard" : "symbolic")
                        + " link; a chart archive may hold regular files only");
                default -> throw new ArchiveException("'" + name + "' is not a regular file (tar type '" + type
                        + "': a device, FIFO or unknown entry); a chart archive may hold regular files only");
            }
            String path = checkedPath(name);
            int slash = path.indexOf('/');
            if (slash < 0) {
                throw new ArchiveException("'" + path + "' is outside the chart's folder; a chart archive holds one"
                        + " folder named after the chart");
            }
            String top = path.substring(0, slash);
            if (topFolder == null) {
                topFolder = top;
            } else if (!topFolder.equals(top)) {
                throw new ArchiveException("'" + path + "' is outside the chart's folder " + topFolder + "/; a chart"
                        + " archive holds one folder named after the chart");
            }
            String inChart = path.substring(slash + 1);
            if (files.size() >= limits.maxFiles()) {
                throw new ArchiveException("the archive holds more than " + limits.maxFiles() + " files, the limit");
            }
            if (size > limits.maxFileBytes()) {
                throw new ArchiveException("'" + path + "' has " + size + " bytes, more than the limit of "
                        + limits.maxFileBytes() + " per file");
            }
            unpacked += size;
            if (unpacked > limits.maxUnpackedBytes()) {
                throw new ArchiveException("the archive unpacks to more than " + limits.maxUnpackedBytes()
                        + " bytes, the limit");
            }
            byte[] content = readContent(in, size, limits.maxFileBytes(), path);
            if (files.putIfAbsent(inChart, content) != null) {
                throw new ArchiveException("'" + path + "' is in the archive twice");
            }
        }
        if (files.isEmpty()) {
            throw new ArchiveException("the archive holds no file");
        }
        for (String path : files.keySet()) {
            if (files.keySet().stream().anyMatch(other -> other.startsWith(path + "/"))) {
                throw new ArchiveException("'" + path + "' is both a file and a folder in the archive");
            }
        }
        if (!files.containsKey("Chart.yaml")) {
            throw new ArchiveException("no Chart.yaml in the chart's folder " + topFolder + "/; it is not a Helm chart");
        }
        return files;
    }

    /** The path, '/'-separated, relative, without '.', '..' or empty segments. */
    private static String checkedPath(String name) throws ArchiveException {
        if (name.isEmpty()) {
            throw new ArchiveException("an entry has no name");
        }
        if (name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*") || name.indexOf('\0') >= 0) {
            throw new ArchiveException("'" + name + "' is an absolute path or uses '\\'; a chart archive holds"
                    + " relative paths only");
        }
        StringBuilder path = new StringBuilder();
        for (String segment : name.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw new ArchiveException("'" + name + "' has a '..' segment; a chart archive may not name files"
                        + " outside its folder");
            }
            if (!path.isEmpty()) {
                path.append('/');
            }
            path.append(segment);
        }
        if (path.isEmpty()) {
            throw new ArchiveException("'" + name + "' names no file");
        }
        return path.toString();
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int read = in.readNBytes(block, 0, BLOCK);
        if (read == 0) {
            return false;
        }
        if (read < BLOCK) {
            throw new EOFException();
        }
        return true;
    }

    private static byte[] readContent(InputStream in, long size, long max, String what) throws IOException {
        if (size > max) {
            throw new ArchiveException("the " + what + " entry has " + size + " bytes, more than the limit of " + max);
        }
        byte[] content = in.readNBytes((int) size);
        if (content.length < size) {
            throw new EOFException();
        }
        skipPadding(in, size);
        return content;
    }

    private static void skip(InputStream in, long size) throws IOException {
        if (in.skip(size) < size) {
            throw new EOFException();
        }
        skipPadding(in, size);
    }

    private static void skipPadding(InputStream in, long size) throws IOException {
        long padding = (BLOCK - size % BLOCK) % BLOCK;
        if (in.readNBytes((int) padding).length < padding) {
            throw new EOFException();
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void checkChecksum(byte[] header) throws ArchiveException {
        long expected = octal(header, 148, 8, "checksum");
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : header[i] & 0xff;
        }
        if (sum != expected) {
            throw new ArchiveException("a tar header's checksum is wrong; the archive is damaged");
        }
    }

    private static long size(byte[] header) throws ArchiveException {
        if ((header[124] & 0x80) != 0) {
            throw new ArchiveException("an entry gives its size in binary form, used only for files above 8 GiB");
        }
        return octal(header, 124, 12, "size");
    }

    private static long octal(byte[] header, int offset, int length, String field) throws ArchiveException {
        String text = trimNul(new String(header, offset, length, StandardCharsets.US_ASCII)).strip();
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(text, 8);
        } catch (NumberFormatException e) {
            throw new ArchiveException("a tar header's " + field + " is not an octal number; the archive is damaged");
        }
    }

    private static String name(byte[] header) {
        String name = trimNul(new String(header, 0, 100, StandardCharsets.UTF_8));
        boolean ustar = new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar ? trimNul(new String(header, 345, 155, StandardCharsets.UTF_8)) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String trimNul(String text) {
        int end = text.indexOf('\0');
        return end < 0 ? text : text.substring(0, end);
    }

    /** PAX records: {@code "<length> <key>=<value>\n"}. */
    private static Map<String, String> pax(byte[] content) throws ArchiveException {
        Map<String, String> records = new LinkedHashMap<>();
        int position = 0;
        while (position < content.length) {
            int space = position;
            while (space < content.length && content[space] != ' ') {
                space++;
            }
            int length;
            try {
                length = Integer.parseInt(new String(content, position, space - position, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new ArchiveException("a PAX header is malformed; the archive is damaged");
            }
            if (length <= space - position || position + length > content.length) {
                throw new ArchiveException("a PAX header is malformed; the archive is damaged");
            }
            String record = new String(content, space + 1, position + length - space - 2, StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            if (equals > 0) {
                records.put(record.substring(0, equals), record.substring(equals + 1));
            }
            position += length;
        }
        return records;
    }

    /** Fails once more than {@code max} bytes were read: a gzip bomb stops here, not when memory runs out. */
    private static final class BoundedStream extends java.io.FilterInputStream {
        private final long max;
        private long read;

        BoundedStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        private void count(long n) throws ArchiveException {
            read += n;
            if (read > max) {
                throw new ArchiveException("the archive unpacks to more than " + max + " bytes, the limit");
            }
        }
    }
}
