package io.jenkins.plugins.gitops.engine.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * A chart repository's {@code index.yaml} (Helm's {@code repo.IndexFile}): {@code apiVersion: v1} and
 * {@code entries}, a map from chart name to its versions, each with the archive's {@code urls} and, usually, its
 * {@code digest}. Only what resolving and downloading need is read; unknown fields are ignored.
 */
final class HelmRepositoryIndex {

    private final List<Entry> entries;
    private final List<String> charts;

    private HelmRepositoryIndex(List<Entry> entries, List<String> charts) {
        this.entries = entries;
        this.charts = charts;
    }

    /** One version of the chart. @param digest the archive's sha256 in hex as the index gives it, or {@code null} */
    record Entry(String version, List<String> urls, String digest) {
    }

    /** The index is not one; the message says what is wrong. */
    static final class MalformedIndexException extends IOException {
        MalformedIndexException(String message) {
            super(message);
        }
    }

    /**
     * The entries of {@code chart} in the index {@code bytes}; empty entries when the index does not list it.
     *
     * @throws MalformedIndexException when {@code bytes} is not YAML or JSON, has no {@code apiVersion} or no
     *     {@code entries} map, or lists a version without a URL
     */
    static HelmRepositoryIndex parse(byte[] bytes, String chart, long maxBytes) throws MalformedIndexException {
        if (bytes.length == 0) {
            throw new MalformedIndexException("index.yaml is empty");
        }
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, maxBytes));
        options.setAllowDuplicateKeys(false);
        ObjectMapper mapper = new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build());
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (IOException e) {
            throw new MalformedIndexException("index.yaml is not valid YAML (" + firstLine(e.getMessage()) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedIndexException("index.yaml is not a map with apiVersion and entries");
        }
        if (!root.path("apiVersion").isTextual() || root.path("apiVersion").asText().isBlank()) {
            throw new MalformedIndexException("index.yaml has no apiVersion (Helm writes 'apiVersion: v1')");
        }
        JsonNode all = root.path("entries");
        if (!all.isObject()) {
            throw new MalformedIndexException("index.yaml has no 'entries' map");
        }
        List<String> charts = new ArrayList<>();
        all.fieldNames().forEachRemaining(charts::add);
        JsonNode versions = all.path(chart);
        List<Entry> entries = new ArrayList<>();
        if (versions.isMissingNode() || versions.isNull()) {
            return new HelmRepositoryIndex(entries, charts);
        }
        if (!versions.isArray()) {
            throw new MalformedIndexException("index.yaml entry '" + chart + "' is not a list of versions");
        }
        for (JsonNode version : versions) {
            if (!version.isObject() || !version.path("version").isValueNode()) {
                throw new MalformedIndexException("index.yaml entry '" + chart + "' has a version without 'version'");
            }
            List<String> urls = new ArrayList<>();
            version.path("urls").forEach(url -> urls.add(url.asText()));
            String digest = version.path("digest").isTextual() ? version.path("digest").asText() : null;
            entries.add(new Entry(version.path("version").asText(), urls, digest));
        }
        return new HelmRepositoryIndex(entries, charts);
    }

    /** The names of all charts the index lists, in its order. */
    List<String> charts() {
        return charts;
    }

    List<String> versions() {
        return entries.stream().map(Entry::version).toList();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    Optional<Entry> entry(String version) {
        return entries.stream().filter(entry -> entry.version().equals(version)).findFirst();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
