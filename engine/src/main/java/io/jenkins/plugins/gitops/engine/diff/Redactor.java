package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jenkins.plugins.gitops.engine.resource.KubeObject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Removes secret values from free text: API error messages, console lines, failure messages, anything
 * that is not a diff (diffs hide values field by field, see {@link SecretMask} and {@link RedactionRules}).
 * Text is searched for every secret value the desired objects hold, as Jenkins masks the credentials a
 * build uses, whatever the message that happens to echo them.
 *
 * <p>The values are collected once per sync from the desired objects: every value of a Secret's
 * {@code data} (decoded from base64) and {@code stringData}, and every container environment value whose
 * name the rules call sensitive. Each is searched for as written, JSON-escaped, and in base64 (standard,
 * URL-safe, unpadded, and at each of the three byte alignments it can have inside a longer base64 text),
 * and every stretch of text covered by one or more of them is replaced by one {@value #MARKER}, so not
 * even a part of an overlapping value remains. Values shorter than {@value #MIN_LENGTH} characters are
 * left alone: hiding every {@code "1"} or {@code "yes"} would hide everything else with it. The lines of
 * a multi-line value (a key, a certificate) are searched for one by one too, since a diff indents them.
 *
 * <p>Immutable and thread-safe. It holds secret values in memory for the length of one sync: never log
 * or serialize it.
 */
public final class Redactor {

    /** What a secret value is replaced with. */
    public static final String MARKER = "(redacted)";

    /** Shorter values are not searched for: too likely to occur by chance. */
    public static final int MIN_LENGTH = 4;

    /** Shorter lines of a multi-line value ({@code ---}, a lone bracket) are too common to search for alone. */
    private static final int MIN_LINE_LENGTH = 12;

    /** A base64 fragment shorter than this, from a value at an unknown alignment, matches too much by chance. */
    private static final int MIN_FRAGMENT_LENGTH = 8;

    private static final Logger LOGGER = Logger.getLogger(Redactor.class.getName());
    private static final Redactor NONE = new Redactor(List.of());

    /**
     * Every spelling to search for, by its first {@value #MIN_LENGTH} characters, longest first: one
     * lookup per position of a text, however many values a sync holds (hundreds of Secrets are common).
     */
    private final Map<String, List<String>> spellingsByStart;
    private final int spellingCount;

    private Redactor(List<String> spellings) {
        Map<String, List<String>> byStart = new HashMap<>();
        for (String spelling : spellings) {
            byStart.computeIfAbsent(spelling.substring(0, MIN_LENGTH), start -> new ArrayList<>()).add(spelling);
        }
        byStart.replaceAll((start, candidates) -> candidates.stream()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList());
        this.spellingsByStart = Map.copyOf(byStart);
        this.spellingCount = spellings.size();
    }

    /** A redactor that changes nothing, for results that hold no desired object. */
    public static Redactor none() {
        return NONE;
    }

    /** Collects the secret values of {@code desired} (see the class comment). */
    public static Redactor from(List<KubeObject> desired, RedactionRules rules) {
        Set<String> values = new LinkedHashSet<>();
        for (KubeObject object : desired) {
            if (SecretMask.isSecret(object.apiVersion(), object.kind())) {
                collectSecretValues(object.manifest(), values);
            }
            collectEnvValues(object.manifest(), rules, values);
        }
        Set<String> spellings = new LinkedHashSet<>();
        values.forEach(value -> addSpellings(value, spellings));
        LOGGER.fine(() -> spellings.size() + " spellings of " + values.size() + " secret values to redact");
        return new Redactor(new ArrayList<>(spellings));
    }

    /** {@code text} with every secret value replaced by {@value #MARKER}; {@code null} stays {@code null}. */
    public String redact(String text) {
        if (text == null || text.length() < MIN_LENGTH || spellingsByStart.isEmpty()) {
            return text;
        }
        // Stretches [start, end) of secret text; overlapping or touching matches become one stretch.
        List<int[]> stretches = new ArrayList<>();
        for (int at = 0; at + MIN_LENGTH <= text.length(); at++) {
            int end = endOfLongestMatch(text, at);
            if (end < 0) {
                continue;
            }
            int[] last = stretches.isEmpty() ? null : stretches.get(stretches.size() - 1);
            if (last != null && at <= last[1]) {
                last[1] = Math.max(last[1], end);
            } else {
                stretches.add(new int[] {at, end});
            }
        }
        if (stretches.isEmpty()) {
            return text;
        }
        StringBuilder redacted = new StringBuilder(text.length());
        int copied = 0;
        for (int[] stretch : stretches) {
            redacted.append(text, copied, stretch[0]).append(MARKER);
            copied = stretch[1];
        }
        return redacted.append(text, copied, text.length()).toString();
    }

    /** Whether there is nothing to redact. */
    public boolean isEmpty() {
        return spellingCount == 0;
    }

    private int endOfLongestMatch(String text, int at) {
        List<String> candidates = spellingsByStart.get(text.substring(at, at + MIN_LENGTH));
        if (candidates != null) {
            for (String candidate : candidates) {
                if (text.startsWith(candidate, at)) {
                    return at + candidate.length();
                }
            }
        }
        return -1;
    }

    private static void collectSecretValues(ObjectNode secret, Set<String> values) {
        for (Map.Entry<String, JsonNode> entry : secret.path("data").properties()) {
            String encoded = entry.getValue().asText();
            byte[] decoded;
            try {
                decoded = Base64.getMimeDecoder().decode(encoded);
            } catch (IllegalArgumentException notBase64) {
                values.add(encoded); // the API server refuses it, and may quote it while doing so
                continue;
            }
            if (decoded.length < MIN_LENGTH) {
                continue;
            }
            // Git may spell the base64 differently from our encoder (line breaks): search for Git's too.
            values.add(encoded);
            try {
                values.add(decodeUtf8(decoded));
            } catch (CharacterCodingException binary) {
                LOGGER.finest("a Secret data value is binary; it is redacted in its base64 spelling");
            }
        }
        for (Map.Entry<String, JsonNode> entry : secret.path("stringData").properties()) {
            values.add(entry.getValue().asText());
        }
    }

    private static void collectEnvValues(JsonNode node, RedactionRules rules, Set<String> values) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if ("env".equals(field.getKey()) && field.getValue() instanceof ArrayNode list) {
                    for (JsonNode variable : list) {
                        JsonNode value = variable.path("value");
                        if (value.isValueNode() && rules.isSensitiveEnvName(variable.path("name").asText(null))) {
                            values.add(value.asText());
                        }
                    }
                } else {
                    collectEnvValues(field.getValue(), rules, values);
                }
            }
        } else if (node instanceof ArrayNode list) {
            list.forEach(element -> collectEnvValues(element, rules, values));
        }
    }

    private static void addSpellings(String value, Set<String> spellings) {
        if (value.codePointCount(0, value.length()) < MIN_LENGTH) {
            return;
        }
        addOne(value, spellings);
        String stripped = value.strip();
        if (!stripped.equals(value) && stripped.codePointCount(0, stripped.length()) >= MIN_LENGTH) {
            addOne(stripped, spellings); // a YAML block value ends with a line break the messages leave out
        }
        if (stripped.contains("\n")) {
            stripped.lines().map(String::strip).filter(line -> line.length() >= MIN_LINE_LENGTH)
                    .forEach(line -> addOne(line, spellings));
        }
    }

    private static void addOne(String value, Set<String> spellings) {
        spellings.add(value);
        String json = TextNode.valueOf(value).toString();
        spellings.add(json.substring(1, json.length() - 1));
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        String base64 = Base64.getEncoder().encodeToString(bytes);
        spellings.add(base64);
        spellings.add(stripPadding(base64));
        spellings.add(stripPadding(Base64.getUrlEncoder().encodeToString(bytes)));
        for (int offset = 0; offset <= 2; offset++) {
            String fragment = alignedFragment(bytes, offset);
            if (fragment.length() >= MIN_FRAGMENT_LENGTH) {
                spellings.add(fragment);
            }
        }
        spellings.removeIf(spelling -> spelling.length() < MIN_LENGTH);
    }

    /**
     * The part of the base64 text that depends on the value alone when the value follows {@code offset}
     * other bytes (counted modulo 3) inside a longer base64 text: the groups of four characters that
     * encode the value's bytes only.
     */
    private static String alignedFragment(byte[] value, int offset) {
        byte[] shifted = new byte[offset + value.length];
        System.arraycopy(value, 0, shifted, offset, value.length);
        String encoded = Base64.getEncoder().encodeToString(shifted);
        int start = offset == 0 ? 0 : 4;
        int end = shifted.length / 3 * 4;
        return end <= start ? "" : encoded.substring(start, end);
    }

    private static String stripPadding(String base64) {
        int end = base64.length();
        while (end > 0 && base64.charAt(end - 1) == '=') {
            end--;
        }
        return base64.substring(0, end);
    }

    private static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** Never the values: a redactor's text must not leak what it hides. */
    @Override
    public String toString() {
        return "Redactor(" + spellingCount + " spellings)";
    }
}
