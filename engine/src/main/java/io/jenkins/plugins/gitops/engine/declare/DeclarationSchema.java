package io.jenkins.plugins.gitops.engine.declare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The JSON schema of a declaration file ({@value #RESOURCE}, published in the docs), applied to a composed YAML
 * document so that every error names its line.
 *
 * <p>The schema is the single description of a declaration: this class reads it and checks the keywords it uses
 * ({@code type}, {@code properties}, {@code additionalProperties: false}, {@code required}, {@code enum},
 * {@code pattern}, {@code minLength}, {@code maxLength}, {@code minimum}, {@code maximum}, {@code items},
 * {@code maxItems}); a schema using any other keyword is refused when loaded, so the published schema can never
 * promise a check that is not made. Values are typed by YAML's rules: {@code revision: 1.10} is a number, and
 * the error says to quote it.
 */
public final class DeclarationSchema {

    /** The schema, next to this class. */
    public static final String RESOURCE = "environment-declaration.schema.json";

    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description");
    private static final Set<String> CHECKED = Set.of("type", "properties", "additionalProperties", "required",
            "enum", "pattern", "minLength", "maxLength", "minimum", "maximum", "items", "maxItems");

    private final JsonNode root;
    private final Map<String, Pattern> patterns = new LinkedHashMap<>();

    private DeclarationSchema(JsonNode root) {
        this.root = root;
        requireSupported(root, "");
    }

    /** The schema shipped with the engine. */
    public static DeclarationSchema load() {
        try (InputStream in = DeclarationSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing next to " + DeclarationSchema.class.getName()
                        + "; the engine jar is incomplete");
            }
            return new DeclarationSchema(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    /** The schema's top-level property names, in the order the schema lists them. */
    public List<String> propertyNames() {
        List<String> names = new ArrayList<>();
        root.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * Checks a document against the schema and returns its values: maps of the declared keys, lists, strings,
     * booleans and longs.
     *
     * @param errors receives one error per problem, with {@code file} and the problem's line
     * @return the values, or null when there was any error
     */
    public Map<String, Object> validate(Node document, String file, List<DeclarationError> errors) {
        int before = errors.size();
        Object values = check(document, root, "", file, errors);
        return errors.size() == before && values instanceof Map<?, ?> map ? castMap(map) : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private Object check(Node node, JsonNode schema, String key, String file, List<DeclarationError> errors) {
        int line = node.getStartMark().getLine() + 1;
        String what = key.isEmpty() ? "the declaration" : "\"" + key + "\"";
        String type = schema.path("type").asText("");
        Object value;
        switch (type) {
            case "object":
                if (!(node instanceof MappingNode mapping)) {
                    errors.add(new DeclarationError(file, line, what + " must be a mapping of keys to values, not "
                            + describe(node)));
                    return null;
                }
                value = checkObject(mapping, schema, key, file, errors);
                break;
            case "array":
                if (!(node instanceof SequenceNode sequence)) {
                    errors.add(new DeclarationError(file, line, what + " must be a list, not " + describe(node)));
                    return null;
                }
                value = checkArray(sequence, schema, key, file, errors);
                break;
            case "string":
            case "boolean":
            case "integer":
                value = scalar(node, type, what, file, line, errors);
                break;
            default:
                throw new IllegalStateException(RESOURCE + ": unsupported type \"" + type + "\" at " + what);
        }
        if (value != null) {
            checkConstraints(value, schema, what, file, line, errors);
        }
        return value;
    }

    private Map<String, Object> checkObject(MappingNode mapping, JsonNode schema, String key, String file,
            List<DeclarationError> errors) {
        JsonNode properties = schema.path("properties");
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            int line = keyNode.getStartMark().getLine() + 1;
            if (!(keyNode instanceof ScalarNode scalarKey) || !Tag.STR.equals(keyNode.getTag())) {
                errors.add(new DeclarationError(file, line, "a key must be text, not " + describe(keyNode)));
                continue;
            }
            String name = scalarKey.getValue();
            String qualified = key.isEmpty() ? name : key + "." + name;
            Integer first = lines.putIfAbsent(name, line);
            if (first != null) {
                errors.add(new DeclarationError(file, line, "\"" + qualified + "\" is set twice (first on line "
                        + first + "); remove one of them"));
                continue;
            }
            JsonNode property = properties.get(name);
            if (property == null) {
                if (!schema.path("additionalProperties").asBoolean(true)) {
                    errors.add(new DeclarationError(file, line, "unknown key \"" + qualified + "\""
                            + suggestion(name, properties) + "; the keys are described in " + RESOURCE));
                }
                continue;
            }
            Object value = check(tuple.getValueNode(), property, qualified, file, errors);
            if (value != null) {
                values.put(name, value);
            }
        }
        for (JsonNode required : schema.path("required")) {
            if (!lines.containsKey(required.asText())) {
                errors.add(new DeclarationError(file, mapping.getStartMark().getLine() + 1, "\""
                        + (key.isEmpty() ? "" : key + ".") + required.asText() + "\" is required; add it"));
            }
        }
        return values;
    }

    private List<Object> checkArray(SequenceNode sequence, JsonNode schema, String key, String file,
            List<DeclarationError> errors) {
        List<Object> values = new ArrayList<>();
        List<Node> items = sequence.getValue();
        for (int i = 0; i < items.size(); i++) {
            Object value = check(items.get(i), schema.path("items"), key + "[" + i + "]", file, errors);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    private static Object scalar(Node node, String type, String what, String file, int line,
            List<DeclarationError> errors) {
        if (!(node instanceof ScalarNode scalar)) {
            errors.add(new DeclarationError(file, line, what + " must be " + article(type) + ", not "
                    + describe(node)));
            return null;
        }
        Tag tag = node.getTag();
        switch (type) {
            case "string":
                if (Tag.STR.equals(tag)) {
                    return scalar.getValue();
                }
                errors.add(new DeclarationError(file, line, what + " must be text, not " + describe(node)
                        + (Tag.NULL.equals(tag) ? "; give a value or remove the key"
                                : isImplicit(tag) ? "; put it in quotes: \"" + scalar.getValue() + "\""
                                : "; remove the tag")));
                return null;
            case "boolean":
                if (Tag.BOOL.equals(tag)) {
                    String text = scalar.getValue().toLowerCase(Locale.ROOT);
                    return text.equals("true") || text.equals("yes") || text.equals("on") || text.equals("y");
                }
                errors.add(new DeclarationError(file, line, what + " must be true or false, not "
                        + describe(node)));
                return null;
            default:
                if (Tag.INT.equals(tag)) {
                    try {
                        return Long.parseLong(scalar.getValue().replace("_", ""));
                    } catch (NumberFormatException e) {
                        // Octal, hexadecimal or sexagesimal: legal YAML 1.1, but not a number anyone means here.
                    }
                }
                errors.add(new DeclarationError(file, line, what + " must be a whole number written in decimal, not "
                        + describe(node)));
                return null;
        }
    }

    private void checkConstraints(Object value, JsonNode schema, String what, String file, int line,
            List<DeclarationError> errors) {
        if (value instanceof String text) {
            JsonNode allowed = schema.get("enum");
            if (allowed != null) {
                List<String> options = new ArrayList<>();
                allowed.forEach(option -> options.add(option.asText()));
                if (!options.contains(text)) {
                    errors.add(new DeclarationError(file, line, what + " is \"" + text + "\"; it must be one of "
                            + String.join(", ", options) + suggestion(text, options)));
                }
            }
            int length = text.codePointCount(0, text.length());
            if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
                errors.add(new DeclarationError(file, line, what + " is empty; give a value or remove the key"));
            }
            if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
                errors.add(new DeclarationError(file, line, what + " is longer than "
                        + schema.get("maxLength").asInt() + " characters"));
            }
            if (schema.has("pattern")) {
                String regex = schema.get("pattern").asText();
                Pattern pattern = patterns.computeIfAbsent(regex, Pattern::compile);
                if (!pattern.matcher(text).find()) {
                    errors.add(new DeclarationError(file, line, what + " is \"" + printable(text)
                            + "\", which does not match " + regex));
                }
            }
        } else if (value instanceof Long number) {
            if (schema.has("minimum") && number < schema.get("minimum").asLong()) {
                errors.add(new DeclarationError(file, line, what + " is " + number + "; the smallest allowed is "
                        + schema.get("minimum").asLong()));
            }
            if (schema.has("maximum") && number > schema.get("maximum").asLong()) {
                errors.add(new DeclarationError(file, line, what + " is " + number + "; the largest allowed is "
                        + schema.get("maximum").asLong()));
            }
        } else if (value instanceof List<?> list && schema.has("maxItems")
                && list.size() > schema.get("maxItems").asInt()) {
            errors.add(new DeclarationError(file, line, what + " has " + list.size() + " items; at most "
                    + schema.get("maxItems").asInt() + " are allowed"));
        }
    }

    private static String suggestion(String name, JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return suggestion(name, names);
    }

    /** "; did you mean X?" for the closest candidate within a few edits (or the same but for case), else "". */
    static String suggestion(String name, List<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = candidate.equalsIgnoreCase(name) ? 0
                    : editDistance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int tolerated = Math.max(2, name.length() / 3);
        return best != null && bestDistance <= tolerated ? "; did you mean \"" + best + "\"?" : "";
    }

    /** Levenshtein distance, bounded inputs: keys are short, and longer ones are cut. */
    static int editDistance(String a, String b) {
        String left = a.length() > 64 ? a.substring(0, 64) : a;
        String right = b.length() > 64 ? b.substring(0, 64) : b;
        int[] previous = new int[right.length() + 1];
        int[] current = new int[right.length() + 1];
        for (int j = 0; j <= right.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= left.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= right.length(); j++) {
                int substitution = previous[j - 1] + (left.charAt(i - 1) == right.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[right.length()];
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        Tag tag = node.getTag();
        String text = node instanceof ScalarNode scalar ? printable(scalar.getValue()) : "";
        if (Tag.NULL.equals(tag)) {
            return "empty";
        }
        if (Tag.BOOL.equals(tag)) {
            return "the boolean " + text;
        }
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return "the number " + text;
        }
        if (Tag.STR.equals(tag)) {
            return "the text \"" + text + "\"";
        }
        return "the value " + text + " (" + tag.getValue() + ")";
    }

    /** Tags YAML gives plain scalars by their look: a number, a boolean or a date that was meant as text. */
    private static boolean isImplicit(Tag tag) {
        return Tag.INT.equals(tag) || Tag.FLOAT.equals(tag) || Tag.BOOL.equals(tag) || Tag.TIMESTAMP.equals(tag);
    }

    private static String article(String type) {
        return switch (type) {
            case "string" -> "text";
            case "boolean" -> "true or false";
            default -> "a whole number";
        };
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(80).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out + (text.length() > 80 ? "…" : "");
    }

    private static void requireSupported(JsonNode schema, String where) {
        Iterator<String> keywords = schema.fieldNames();
        while (keywords.hasNext()) {
            String keyword = keywords.next();
            if (!ANNOTATIONS.contains(keyword) && !CHECKED.contains(keyword)) {
                throw new IllegalStateException(RESOURCE + " uses \"" + keyword + "\" at \"" + where
                        + "\", which " + DeclarationSchema.class.getSimpleName() + " does not check; check it there"
                        + " or remove it");
            }
        }
        schema.path("properties").fields().forEachRemaining(
                property -> requireSupported(property.getValue(), where + "/" + property.getKey()));
        if (schema.has("items")) {
            requireSupported(schema.get("items"), where + "/items");
        }
    }
}
