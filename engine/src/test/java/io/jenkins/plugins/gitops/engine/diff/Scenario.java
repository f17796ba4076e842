package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * A fixture set under {@code src/test/resources/diff/}: {@code <name>.desired.yaml} (as in Git),
 * {@code <name>.live.yaml} (as kube-apiserver 1.20 returned it after server-side apply by
 * {@code gitops-sync} and, for most scenarios, an edit by another field manager; absent when the object
 * is missing), the optional {@code <name>.options.yaml} (ignore rules, own field manager) and
 * {@code <name>.expected.yaml} (status and changes).
 */
record Scenario(String name, ObjectNode desired, ObjectNode live, DiffOptions options, ObjectNode expected) {

    private static final YAMLMapper YAML = new YAMLMapper();

    static Scenario load(String name) {
        Path folder = folder();
        ObjectNode options = read(folder.resolve(name + ".options.yaml"));
        return new Scenario(name,
                require(read(folder.resolve(name + ".desired.yaml")), name + ".desired.yaml"),
                read(folder.resolve(name + ".live.yaml")),
                options == null ? DiffOptions.defaults() : optionsFrom(options),
                read(folder.resolve(name + ".expected.yaml")));
    }

    /** Every scenario that has a desired file. */
    static Stream<String> names() {
        try (Stream<Path> files = Files.list(folder())) {
            return files.map(path -> path.getFileName().toString())
                    .filter(file -> file.endsWith(".desired.yaml"))
                    .map(file -> file.substring(0, file.length() - ".desired.yaml".length()))
                    .sorted()
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ObjectDrift compare() {
        return new DriftDetector(options).compare(desired, live);
    }

    static Path folder() {
        URL url = Scenario.class.getResource("/diff");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DiffOptions optionsFrom(ObjectNode options) {
        List<IgnoreRule> rules = new ArrayList<>();
        for (JsonNode rule : options.path("ignoreRules")) {
            rules.add(new IgnoreRule(text(rule, "group"), text(rule, "kind"), text(rule, "namespace"), text(rule, "name"),
                    strings(rule.path("jsonPointers")), new HashSet<>(strings(rule.path("fieldManagers")))));
        }
        DiffOptions result = DiffOptions.defaults().withIgnoreRules(rules);
        if (options.has("ownFieldManager")) {
            result = result.withOwnFieldManager(text(options, "ownFieldManager"));
        }
        return result;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> strings(JsonNode list) {
        List<String> values = new ArrayList<>();
        list.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static ObjectNode read(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return (ObjectNode) YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": not readable YAML", e);
        }
    }

    private static ObjectNode require(ObjectNode node, String file) {
        if (node == null) {
            throw new IllegalStateException(file + " is missing");
        }
        return node;
    }

}
