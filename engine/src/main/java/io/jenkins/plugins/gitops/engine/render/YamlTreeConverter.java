package io.jenkins.plugins.gitops.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Turns one composed YAML document (SnakeYAML nodes, which remember their lines) into a Jackson tree,
 * the way sigs.k8s.io/yaml turns YAML into JSON: scalars by {@link ScalarResolver}, keys made text,
 * merge keys ({@code <<}) applied, aliases expanded.
 *
 * <p>Nothing is ever constructed from a tag, so no YAML can create Java objects; tags other than the
 * standard scalar, mapping and sequence tags are refused. Alias expansion is bounded by a node budget,
 * against "billion laughs" documents.
 */
final class YamlTreeConverter {

    /**
     * The tag our resolver gives to untagged plain scalars, so that {@link ScalarResolver} and not
     * SnakeYAML's YAML 1.1 rules decide what they are.
     */
    static final Tag PLAIN = new Tag("tag:jenkins.io,2025:gitops-sync/plain-scalar");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String MERGE_KEY = "<<";

    /** What to do with a key that appears twice in one mapping. */
    interface DuplicateKeys {
        /** @throws ConversionException to refuse the document */
        void found(String key, Mark duplicate, Mark first) throws ConversionException;
    }

    /**
     * How many more JSON values may be created from one input, shared by its documents: aliases can make
     * a small input expand exponentially.
     */
    static final class Budget {
        private long remaining;

        Budget(long values) {
            this.remaining = values;
        }

        boolean spend() {
            return --remaining >= 0;
        }
    }

    private final DuplicateKeys duplicateKeys;
    private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Budget budget;

    YamlTreeConverter(Budget budget, DuplicateKeys duplicateKeys) {
        this.budget = budget;
        this.duplicateKeys = duplicateKeys;
    }

    /** A resolver that leaves untagged plain scalars to {@link ScalarResolver}. */
    static Resolver resolver() {
        return new Resolver() {
            @Override
            public Tag resolve(NodeId kind, String value, boolean implicit) {
                return kind == NodeId.scalar && implicit ? PLAIN : super.resolve(kind, value, implicit);
            }
        };
    }

    /** Whether a document is empty: no content, only comments, or an explicit null. */
    static boolean isEmptyDocument(Node root) {
        return root instanceof ScalarNode scalar && scalar.getTag().equals(PLAIN)
                && ScalarResolver.resolvePlain(scalar.getValue()) == ScalarResolver.NULL;
    }

    JsonNode convert(Node node) throws ConversionException {
        if (!budget.spend()) {
            throw new ConversionException(node.getStartMark(), "YAML aliases expand to too many values; "
                    + "this looks like an alias bomb: remove the aliases");
        }
        if (!inProgress.add(node)) {
            throw new ConversionException(node.getStartMark(),
                    "recursive YAML alias (an anchor used inside itself); remove the alias");
        }
        try {
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                return sequence(sequence);
            }
            return mapping((MappingNode) node);
        } finally {
            inProgress.remove(node);
        }
    }

    private JsonNode scalar(ScalarNode node) throws ConversionException {
        try {
            return ScalarResolver.toJson(resolve(node));
        } catch (IllegalArgumentException e) {
            throw new ConversionException(node.getStartMark(), e.getMessage());
        }
    }

    private ArrayNode sequence(SequenceNode node) throws ConversionException {
        requireTag(node, Tag.SEQ);
        ArrayNode array = JSON.arrayNode(node.getValue().size());
        for (Node item : node.getValue()) {
            array.add(convert(item));
        }
        return array;
    }

    private ObjectNode mapping(MappingNode node) throws ConversionException {
        requireTag(node, Tag.MAP);
        List<NodeTuple> entries = node.getValue();
        // Explicit keys first: they win over merged ones, wherever the merge key stands.
        List<String> keys = new ArrayList<>(entries.size());
        Map<String, Mark> explicitKeys = new HashMap<>();
        for (NodeTuple entry : entries) {
            Node keyNode = entry.getKeyNode();
            if (isMergeKey(keyNode)) {
                keys.add(null);
                continue;
            }
            String key = key(keyNode);
            Mark first = explicitKeys.putIfAbsent(key, keyNode.getStartMark());
            if (first != null) {
                duplicateKeys.found(key, keyNode.getStartMark(), first);
            }
            keys.add(key);
        }
        ObjectNode object = JSON.objectNode();
        for (int i = 0; i < entries.size(); i++) {
            Node value = entries.get(i).getValueNode();
            if (keys.get(i) == null) {
                merge(value, object, explicitKeys.keySet());
            } else {
                object.set(keys.get(i), convert(value)); // a duplicate key's last value wins, as in kubectl
            }
        }
        return object;
    }

    /** YAML's merge key: earlier mappings of a list win over later ones, explicit keys over all. */
    private void merge(Node source, ObjectNode target, Set<String> explicitKeys) throws ConversionException {
        List<Node> sources = source instanceof SequenceNode sequence ? sequence.getValue() : List.of(source);
        for (Node mergedNode : sources) {
            if (!(mergedNode instanceof MappingNode)) {
                throw new ConversionException(mergedNode.getStartMark(),
                        "the merge key << needs a mapping or a list of mappings; fix the value after <<");
            }
            ObjectNode merged = (ObjectNode) convert(mergedNode);
            for (Map.Entry<String, JsonNode> field : merged.properties()) {
                if (!explicitKeys.contains(field.getKey()) && !target.has(field.getKey())) {
                    target.set(field.getKey(), field.getValue());
                }
            }
        }
    }

    private String key(Node keyNode) throws ConversionException {
        if (!(keyNode instanceof ScalarNode scalar)) {
            throw new ConversionException(keyNode.getStartMark(),
                    "a mapping key is a list or mapping; JSON keys must be text: use a plain key");
        }
        if (!budget.spend()) {
            throw new ConversionException(keyNode.getStartMark(), "YAML aliases expand to too many values; "
                    + "this looks like an alias bomb: remove the aliases");
        }
        try {
            return ScalarResolver.keyOf(resolve(scalar));
        } catch (IllegalArgumentException e) {
            throw new ConversionException(keyNode.getStartMark(), e.getMessage());
        }
    }

    private static Object resolve(ScalarNode node) {
        return node.getTag().equals(PLAIN)
                ? ScalarResolver.resolvePlain(node.getValue())
                : ScalarResolver.resolveTagged(node.getTag(), node.getValue());
    }

    private static boolean isMergeKey(Node keyNode) {
        return keyNode instanceof ScalarNode scalar && scalar.getValue().equals(MERGE_KEY)
                && (scalar.getTag().equals(PLAIN) || scalar.getTag().equals(Tag.MERGE));
    }

    private static void requireTag(Node node, Tag expected) throws ConversionException {
        if (!node.getTag().equals(expected)) {
            throw new ConversionException(node.getStartMark(), "unsupported YAML tag "
                    + ScalarResolver.shortTag(node.getTag())
                    + "; Kubernetes manifests use plain YAML: remove the tag");
        }
    }

    /** A document that cannot become JSON, with the position of the offending node. */
    static final class ConversionException extends Exception {

        private final transient Mark mark;

        ConversionException(Mark mark, String message) {
            super(message);
            this.mark = mark;
        }

        /** 1-based line, or 0 when unknown. */
        int line() {
            return mark == null ? 0 : mark.getLine() + 1;
        }
    }
}
