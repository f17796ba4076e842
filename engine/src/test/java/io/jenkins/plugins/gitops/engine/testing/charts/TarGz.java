package io.jenkins.plugins.gitops.engine.testing.charts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes gzipped tar archives for tests: charts as {@code helm package} lays them out (one folder named after the
 * chart), and hostile archives (links, devices, {@code ..}, absolute paths) that no packager would write.
 */
public final class TarGz {

    private final ByteArrayOutputStream tar = new ByteArrayOutputStream();

    public TarGz file(String name, String content) {
        return entry(name, '0', content.getBytes(StandardCharsets.UTF_8), "");
    }

    public TarGz file(String name, byte[] content) {
        return entry(name, '0', content, "");
    }

    /** Any entry: {@code type} '0' file, '1' hard link, '2' symbolic link, '3' character device, '5' folder. */
    public TarGz entry(String name, char type, byte[] content, String linkName) {
        byte[] header = new byte[512];
        put(header, 0, 100, name);
        put(header, 100, 8, "0000644");
        put(header, 108, 8, "0000000");
        put(header, 116, 8, "0000000");
        put(header, 124, 12, String.format("%011o", content.length));
        put(header, 136, 12, String.format("%011o", 0));
        header[156] = (byte) type;
        put(header, 157, 100, linkName);
        put(header, 257, 6, "ustar");
        put(header, 263, 2, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, 8, String.format("%06o", sum));
        header[155] = ' ';
        tar.writeBytes(header);
        tar.writeBytes(content);
        tar.writeBytes(new byte[(512 - content.length % 512) % 512]);
        return this;
    }

    public byte[] gzip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(tar.toByteArray());
            gzip.write(new byte[1024]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A chart archive as {@code helm package} writes it: {@code <name>/Chart.yaml}, {@code values.yaml} and a
     * ConfigMap template showing the chart's version and the {@code greeting} value.
     */
    public static byte[] chart(String name, String version) {
        return chart(name, version, Map.of());
    }

    /** {@link #chart(String, String)} with more files (paths inside the chart's folder). */
    public static byte[] chart(String name, String version, Map<String, String> moreFiles) {
        TarGz archive = new TarGz()
                .file(name + "/Chart.yaml", "apiVersion: v2\nname: " + name + "\nversion: " + version
                        + "\ndescription: test chart\ntype: application\n")
                .file(name + "/values.yaml", "greeting: hello from the chart\n")
                .file(name + "/templates/settings.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: {{ .Release.Name }}-settings
                        data:
                          chartVersion: {{ .Chart.Version | quote }}
                          greeting: {{ .Values.greeting | quote }}
                        """);
        moreFiles.forEach((path, content) -> archive.file(name + "/" + path, content));
        return archive.gzip();
    }

    private static void put(byte[] header, int offset, int length, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > length) {
            throw new IllegalArgumentException("'" + text + "' is longer than " + length + " bytes");
        }
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
