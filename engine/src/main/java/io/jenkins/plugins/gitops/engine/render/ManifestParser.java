package io.jenkins.plugins.gitops.engine.render;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.reader.UnicodeReader;

/**
 * Parses the bytes of one manifest file (or of a tool's output) into {@link KubeObject}s, each with the
 * line its document starts on.
 *
 * <ul>
 *   <li>YAML streams of any number of documents; empty and comment-only documents are skipped.</li>
 *   <li>JSON files ({@code *.json}): one or more JSON objects.</li>
 *   <li>Lists ({@code kind: List}, and any {@code *List} kind with {@code items}, as kubectl reads them) are
 *       flattened into their items, each with its own line.</li>
 *   <li>Scalars mean what they mean to kubectl (YAML 1.1 through go-yaml v2, see {@link ScalarResolver}).</li>
 *   <li>Every object must have a string apiVersion, kind and metadata.name; metadata.namespace, if set,
 *       must be a string. A missing namespace stays missing.</li>
 *   <li>A key twice in one mapping is an error in a repository file, and a warning in a tool's output
 *       (the last value wins there, as in kubectl, since the user cannot fix a third-party chart).</li>
 * </ul>
 * The parser reads with SnakeYAML's composer only, so no tag can construct a Java object.
 */
public final class ManifestParser {

    /** Anchors reused for mappings or lists, per document: Kubernetes manifests rarely need any. */
    private static final int MAX_COLLECTION_ALIASES = 50;
    /** Deep enough for CRD schemas, shallow enough for the recursive conversion's stack. */
    private static final int MAX_NESTING_DEPTH = 250;
    /** Values an alias may expand to, per byte of input, beyond which a document is an alias bomb. */
    private static final int MAX_VALUES_PER_BYTE = 4;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * Parses one file of the repository: YAML, or JSON when the name ends in {@code .json}.
     *
     * @param file the repository-relative path, for origins and messages
     * @throws RenderException naming {@code file:line} for every problem found
     */
    public List<KubeObject> parseFile(String file, byte[] content) throws RenderException {
        return parseAll(ManifestSource.file(file), content);
    }

    /**
     * Parses what a tool (Kustomize, Helm) printed for a folder: the objects' origin is the folder.
     *
     * @param tool the tool's name, for messages ("kustomize")
     * @param folder the repository-relative folder the tool rendered
     * @throws RenderException naming the folder and the output line for every problem found
     */
    public List<KubeObject> parseToolOutput(String tool, String folder, byte[] output) throws RenderException {
        return parseAll(ManifestSource.toolOutput(tool, folder), output);
    }

    private List<KubeObject> parseAll(ManifestSource source, byte[] content) throws RenderException {
        Problems problems = new Problems(RenderLimits.defaults().maxProblems());
        List<KubeObject> objects = new ArrayList<>();
        parse(source, content, problems, objects::add);
        problems.throwIfErrors(source.name());
        return objects;
    }

    /** Parses {@code content}, giving each object to {@code sink} and each problem to {@code problems}. */
    void parse(ManifestSource source, byte[] content, Problems problems, Consumer<KubeObject> sink) {
        Documents documents = new Documents(source, problems, sink);
        if (source.isJson()) {
            parseJson(content, documents);
        } else {
            parseYaml(content, documents);
        }
    }

    private static void parseYaml(byte[] content, Documents documents) {
        try {
            Composer composer = composer(content);
            YamlTreeConverter.Budget budget = valueBudget(content);
            while (composer.checkNode()) {
                documents.yaml(composer.getNode(), budget);
            }
        } catch (MarkedYAMLException e) {
            documents.error(lineOf(e), malformed(e));
        } catch (YAMLException e) {
            documents.error(0, "unreadable YAML (" + e.getMessage() + "); fix the file");
        }
    }

    /**
     * The first document of a YAML configuration file (such as a kustomization) as JSON, without the
     * checks of a Kubernetes object; null, with the problem reported, when it cannot be read.
     */
    static JsonNode readDocument(String file, byte[] content, Problems problems) {
        List<JsonNode> documents = readDocuments(file, content, problems, 1);
        return documents.isEmpty() ? null : documents.get(0);
    }

    /**
     * Up to {@code max} documents of a YAML configuration file (such as Kustomize plugin configurations)
     * as JSON, without the checks of a Kubernetes object; those before a problem, which is reported.
     */
    static List<JsonNode> readDocuments(String file, byte[] content, Problems problems, int max) {
        ManifestSource source = ManifestSource.file(file);
        List<JsonNode> documents = new ArrayList<>();
        try {
            Composer composer = composer(content);
            YamlTreeConverter.Budget budget = valueBudget(content);
            while (documents.size() < max && composer.checkNode()) {
                Node root = composer.getNode();
                YamlTreeConverter converter = new YamlTreeConverter(budget, (key, duplicate, first) -> {
                    throw new YamlTreeConverter.ConversionException(duplicate, "key \"" + key
                            + "\" appears twice in one mapping; remove one of them");
                });
                documents.add(converter.convert(root));
            }
        } catch (MarkedYAMLException e) {
            problems.error(source.origin(lineOf(e)), malformed(e));
        } catch (YAMLException e) {
            problems.error(source.origin(0), "unreadable YAML (" + e.getMessage() + "); fix the file");
        } catch (YamlTreeConverter.ConversionException e) {
            problems.error(source.origin(e.line()), e.getMessage());
        }
        return documents;
    }

    private static Composer composer(byte[] content) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        // The size was checked against RenderLimits before; a code point takes at least one byte.
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, content.length + 1L));
        options.setProcessComments(false);
        UnicodeReader reader = new UnicodeReader(new ByteArrayInputStream(content));
        return new Composer(new ParserImpl(new StreamReader(reader), options), YamlTreeConverter.resolver(), options);
    }

    /** Without aliases a value takes at least a byte or two; far more values than bytes is an alias bomb. */
    private static YamlTreeConverter.Budget valueBudget(byte[] content) {
        return new YamlTreeConverter.Budget(MAX_VALUES_PER_BYTE * (long) content.length + 10_000);
    }

    private static int lineOf(MarkedYAMLException e) {
        return e.getProblemMark() != null ? e.getProblemMark().getLine() + 1
                : e.getContextMark() != null ? e.getContextMark().getLine() + 1 : 0;
    }

    private static String malformed(MarkedYAMLException e) {
        String context = e.getContext() == null ? "" : e.getContext() + ": ";
        return "malformed YAML (" + context + e.getProblem() + "); fix the YAML syntax";
    }

    private static void parseJson(byte[] content, Documents documents) {
        try (JsonParser parser = JSON.createParser(content)) {
            while (parser.nextToken() != null) {
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode value = JSON.readTree(parser);
                if (value == null || value.isNull()) {
                    continue;
                }
                documents.json(value, line);
            }
        } catch (JsonProcessingException e) {
            documents.error(e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "malformed JSON (" + e.getOriginalMessage() + "); fix the JSON syntax");
        } catch (IOException e) {
            documents.error(0, "unreadable JSON (" + e.getMessage() + "); fix the file");
        }
    }

    /** Turns documents into checked objects; one per source. */
    private static final class Documents {

        private final ManifestSource source;
        private final Problems problems;
        private final Consumer<KubeObject> sink;

        Documents(ManifestSource source, Problems problems, Consumer<KubeObject> sink) {
            this.source = source;
            this.problems = problems;
            this.sink = sink;
        }

        void yaml(Node root, YamlTreeConverter.Budget budget) {
            if (YamlTreeConverter.isEmptyDocument(root)) {
                return;
            }
            int line = root.getStartMark().getLine() + 1;
            if (!(root instanceof MappingNode)) {
                error(line, "document is " + describe(root) + ", not a mapping; each YAML document must be "
                        + "one Kubernetes object: fix or remove the document");
                return;
            }
            YamlTreeConverter converter = new YamlTreeConverter(budget, (key, duplicate, first) -> {
                String message = "key \"" + key + "\" appears twice in one mapping (first on line "
                        + (first.getLine() + 1) + ")";
                if (source.isToolOutput()) {
                    warn(duplicate.getLine() + 1, message + "; the last value wins, as in kubectl");
                } else {
                    throw new YamlTreeConverter.ConversionException(duplicate, message + "; remove one of them");
                }
            });
            try {
                ObjectNode manifest = (ObjectNode) converter.convert(root);
                add(manifest, line, root);
            } catch (YamlTreeConverter.ConversionException e) {
                error(e.line() > 0 ? e.line() : line, e.getMessage());
            }
        }

        void json(JsonNode value, int line) {
            if (!value.isObject()) {
                error(line, "JSON value is " + describe(value) + ", not an object; each JSON value must be one "
                        + "Kubernetes object: fix or remove it");
                return;
            }
            try {
                add((ObjectNode) normalizeNumbers(value), line, null);
            } catch (IllegalArgumentException e) {
                error(line, e.getMessage());
            }
        }

        /** Adds an object, or the items of a List; {@code node} gives the items' lines when known. */
        private void add(ObjectNode manifest, int line, Node node) {
            JsonNode kind = manifest.get("kind");
            if (kind != null && kind.isTextual() && kind.asText().endsWith("List") && manifest.has("items")) {
                addItems(manifest, line, node);
                return;
            }
            String problem = ManifestChecks.problemOf(manifest);
            if (problem != null) {
                error(line, problem);
                return;
            }
            sink.accept(new KubeObject(manifest, source.origin(line)));
        }

        private void addItems(ObjectNode list, int line, Node node) {
            JsonNode items = list.get("items");
            if (items.isNull()) {
                return;
            }
            if (!items.isArray()) {
                error(line, list.get("kind").asText() + " has items that are " + describe(items)
                        + ", not a list; fix the items or the kind");
                return;
            }
            List<Node> itemNodes = itemNodes(node, items.size());
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                Node itemNode = itemNodes == null ? null : itemNodes.get(i);
                int itemLine = itemNode == null ? line : itemNode.getStartMark().getLine() + 1;
                if (!item.isObject()) {
                    error(itemLine, "item " + (i + 1) + " of the " + list.get("kind").asText() + " is "
                            + describe(item) + ", not a mapping; fix or remove the item");
                } else {
                    add((ObjectNode) item, itemLine, itemNode);
                }
            }
        }

        /** The YAML nodes of a List's items, for their lines, or null when they cannot be matched. */
        private static List<Node> itemNodes(Node list, int count) {
            if (!(list instanceof MappingNode mapping)) {
                return null;
            }
            for (NodeTuple entry : mapping.getValue()) {
                if (entry.getKeyNode() instanceof ScalarNode key && key.getValue().equals("items")
                        && entry.getValueNode() instanceof SequenceNode sequence
                        && sequence.getValue().size() == count) {
                    return sequence.getValue();
                }
            }
            return null;
        }

        void error(int line, String message) {
            problems.error(source.origin(line), source.describe(line, message));
        }

        void warn(int line, String message) {
            problems.warn(source.origin(line), source.describe(line, message));
        }

        private static String describe(Node node) {
            if (node instanceof SequenceNode) {
                return "a list";
            }
            // Text is not quoted: a stray value may be a secret, and the message goes to build logs.
            return node instanceof ScalarNode scalar ? "text (" + scalar.getValue().length() + " characters)" : "a mapping";
        }

        private static String describe(JsonNode value) {
            return value.isTextual() ? "text (" + value.asText().length() + " characters)" : ManifestChecks.describe(value);
        }
    }

    /** JSON numbers as kubectl sends them: an integral float ({@code 3.0}) is an integer. */
    private static JsonNode normalizeNumbers(JsonNode value) {
        if (value.isFloatingPointNumber()) {
            return ScalarResolver.number(value.doubleValue());
        }
        if (value instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                field.setValue(normalizeNumbers(field.getValue()));
            }
        } else if (value instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, normalizeNumbers(array.get(i)));
            }
        }
        return value;
    }
}
