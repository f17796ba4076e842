package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The place of a field inside an object, built while walking the desired object. One path speaks
 * three languages: the readable path of a {@link FieldChange} ({@code .spec.containers[name=web].image}),
 * the tokens of a JSON pointer into the desired object ({@code spec, containers, 0, image}) for
 * {@link IgnoreRule}s, and the segments of server-side apply's field sets ({@code f:}, {@code k:},
 * {@code v:}, {@code i:}) for {@link FieldSet}.
 */
final class FieldPath {

    static final FieldPath ROOT = new FieldPath(null, null);

    /** Map keys shown after a dot; anything else is quoted in brackets. */
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");
    /** Key values shown unquoted inside {@code [key=value]}. */
    private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z0-9_./:-]+");

    /** One step of a path. */
    sealed interface Segment permits Field, Keyed, Positional, SetMember {
    }

    /** A map key. */
    record Field(String name) implements Segment {
    }

    /**
     * An element of an associative list, named by its merge key values.
     *
     * @param index the element's position in the desired list (for JSON pointers)
     */
    record Keyed(ObjectNode key, int index) implements Segment {
    }

    /** An element of a list compared by position. */
    record Positional(int index) implements Segment {
    }

    /** An element of a list of distinct scalars (a set), named by its value. */
    record SetMember(JsonNode value, int index) implements Segment {
    }

    private final FieldPath parent;
    private final Segment segment;

    private FieldPath(FieldPath parent, Segment segment) {
        this.parent = parent;
        this.segment = segment;
    }

    FieldPath field(String name) {
        return new FieldPath(this, new Field(name));
    }

    FieldPath keyed(ObjectNode key, int index) {
        return new FieldPath(this, new Keyed(key, index));
    }

    FieldPath positional(int index) {
        return new FieldPath(this, new Positional(index));
    }

    FieldPath setMember(JsonNode value, int index) {
        return new FieldPath(this, new SetMember(value, index));
    }

    boolean isRoot() {
        return segment == null;
    }

    /** The last step; not defined for the root. */
    Segment segment() {
        return segment;
    }

    /** The path one step up; {@code null} for the root. */
    FieldPath parent() {
        return parent;
    }

    /** The name of the last step when it is a map key, else {@code null}. */
    String fieldName() {
        return segment instanceof Field field ? field.name() : null;
    }

    /** The name of the step before the last when it is a map key ({@code limits} for {@code .limits.cpu}). */
    String parentFieldName() {
        return parent == null ? null : parent.fieldName();
    }

    /** The map keys along the path, list steps left out: {@code [spec, template, spec, containers, ports]}. */
    List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        for (FieldPath at = this; !at.isRoot(); at = at.parent) {
            if (at.segment instanceof Field field) {
                names.add(field.name());
            }
        }
        Collections.reverse(names);
        return names;
    }

    /** The unescaped reference tokens of a JSON pointer to this field in the desired object. */
    List<String> pointerTokens() {
        List<String> tokens = new ArrayList<>();
        for (FieldPath at = this; !at.isRoot(); at = at.parent) {
            tokens.add(pointerToken(at.segment));
        }
        Collections.reverse(tokens);
        return tokens;
    }

    private static String pointerToken(Segment segment) {
        if (segment instanceof Field field) {
            return field.name();
        } else if (segment instanceof Keyed keyed) {
            return Integer.toString(keyed.index());
        } else if (segment instanceof Positional positional) {
            return Integer.toString(positional.index());
        }
        return Integer.toString(((SetMember) segment).index());
    }

    @Override
    public String toString() {
        if (isRoot()) {
            return ".";
        }
        List<Segment> segments = new ArrayList<>();
        for (FieldPath at = this; !at.isRoot(); at = at.parent) {
            segments.add(at.segment);
        }
        Collections.reverse(segments);
        StringBuilder text = new StringBuilder();
        for (Segment step : segments) {
            appendSegment(text, step);
        }
        return text.toString();
    }

    private static void appendSegment(StringBuilder text, Segment segment) {
        if (segment instanceof Field field) {
            if (PLAIN_KEY.matcher(field.name()).matches()) {
                text.append('.').append(field.name());
            } else {
                text.append('[').append(quoted(field.name())).append(']');
            }
        } else if (segment instanceof Keyed keyed) {
            List<String> pairs = new ArrayList<>();
            for (Map.Entry<String, JsonNode> entry : keyed.key().properties()) {
                pairs.add(entry.getKey() + "=" + plainOrQuoted(entry.getValue()));
            }
            text.append('[').append(String.join(",", pairs)).append(']');
        } else if (segment instanceof Positional positional) {
            text.append('[').append(positional.index()).append(']');
        } else {
            text.append("[=").append(plainOrQuoted(((SetMember) segment).value())).append(']');
        }
    }

    private static String plainOrQuoted(JsonNode value) {
        if (value.isTextual() && PLAIN_VALUE.matcher(value.asText()).matches()) {
            return value.asText();
        }
        return value.toString();
    }

    private static String quoted(String text) {
        return TextNode.valueOf(text).toString();
    }
}
